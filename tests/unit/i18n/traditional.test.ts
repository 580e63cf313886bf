import { describe, expect, it } from 'vitest';
import {
  convertFeedToTraditional,
  convertPageToTraditional,
  localizeLinks,
  toTraditional,
} from '../../../src/i18n/traditional.ts';
import { renderAtom, renderRss, type Feed } from '../../../src/domain/feeds.ts';

describe('toTraditional', () => {
  it.each([
    ['残疾人证', '殘疾人證'],
    ['辅助器具', '輔助器具'],
    ['残疾人联合会', '殘疾人聯合會'],
    ['困难残疾人生活补贴', '困難殘疾人生活補貼'],
    ['无障碍', '無障礙'],
    ['头发', '頭髮'],
  ])('%s → %s', (hans, hant) => {
    expect(toTraditional(hans)).toBe(hant);
  });

  it('keeps official vocabulary (信息 stays 信息, not 資訊); only the terms table swaps words', () => {
    expect(toTraditional('政策信息')).toBe('政策信息');
    expect(toTraditional('搜索')).toBe('搜尋');
    expect(toTraditional('设置无障碍设施')).toBe('設置無障礙設施');
  });

  it('writes quotation marks the Traditional way: “…” as 「…」, ‘…’ around Chinese as 『…』; an apostrophe stays', () => {
    expect(toTraditional('现在是“已受理”。')).toBe('現在是「已受理」。');
    expect(toTraditional('他说“请带‘残疾人证’来”')).toBe('他說「請帶『殘疾人證』來」');
    expect(toTraditional('It’s ‘fine’')).toBe('It’s ‘fine’');
    expect(toTraditional('只有一个“')).toBe('只有一個“');
  });

  it('leaves ASCII alone', () => {
    const ascii = 'Ctrl + A, https://www.cdpf.org.cn/?a=1&b=2 <b class="x">RSS 2.0</b> 0000-6000001';
    expect(toTraditional(ascii)).toBe(ascii);
  });

  it('leaves text that is already Traditional as it is', () => {
    const hant = '殘疾人證辦理：帶齊材料到服務大廳，頭髮、乾淨、裡面。';
    expect(toTraditional(hant)).toBe(hant);
    expect(toTraditional(toTraditional('干净的头发里面'))).toBe(toTraditional('干净的头发里面'));
  });
});

/** A Traditional page as BaseLayout renders it, before the middleware converts it. */
const PAGE = `<!doctype html>
<html lang="zh-Hans">
  <head>
    <meta charset="utf-8" />
    <title>残疾人证办理 - 示例县残联</title>
    <meta name="description" content="残疾人证怎样办理、带什么材料" />
    <link rel="canonical" href="https://canlian.example.org/zh-hant/policies/disability-certificate/" hreflang="zh-Hant" />
    <link rel="alternate" hreflang="zh-Hans" href="https://canlian.example.org/policies/disability-certificate/" />
    <link rel="alternate" type="application/rss+xml" title="示例县残联 新闻 RSS" href="/news/rss.xml" />
    <link rel="alternate" type="application/atom+xml" title="示例县残联 新闻 Atom" href="/news/atom.xml" />
    <link rel="stylesheet" href="/_astro/base.Cx1.css" />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <script is:inline src="/prefs.js"></script>
  </head>
  <body>
    <a class="skip-link" href="#main-content">跳到主要内容</a>
    <nav aria-label="主导航"><a href="/">首页</a><a href="/news/">新闻动态</a><a href="/zh-hant/policies/">政策指南</a></nav>
    <a class="lang-switch" href="/policies/disability-certificate/" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>
    <main id="main-content">
      <h1>残疾人证办理</h1>
      <img src="/images/certificate.jpg" alt="工作人员在服务大厅为残疾人办理证件" width="800" height="600" />
      <abbr title="残疾人联合会">残联</abbr>
      <p>带上<a href="/policies/living-subsidy/">困难残疾人生活补贴</a>的材料。来源：<a href="https://www.cdpf.org.cn/">中国残联</a>。</p>
      <p>电话 <a href="tel:0000-6000001">0000-6000001</a>，邮箱 <a href="mailto:service@canlian.example.org">service@canlian.example.org</a></p>
      <form action="/search/" method="get" role="search"><label>输入要找的内容<input name="q" /></label></form>
      <script type="module" src="/pagefind/pagefind-ui.js"></script>
    </main>
  </body>
</html>
`;

describe('convertPageToTraditional', () => {
  it('leaves text a component already converted in context alone (pinyin ruby: 卡里 stays 卡里, not 卡裡)', () => {
    const ruby = '<span data-script="converted"><ruby>卡<rt aria-hidden="true">kǎ</rt></ruby><ruby>里<rt aria-hidden="true">lǐ</rt></ruby></span>';
    expect(convertPageToTraditional(`<html lang="zh-Hans"><p>${ruby}</p><p>里</p></html>`)).toBe(`<html lang="zh-Hant"><p>${ruby}</p><p>裡</p></html>`);
  });

  const out = convertPageToTraditional(PAGE);

  it('marks the page as Traditional Chinese', () => {
    expect(out).toContain('<html lang="zh-Hant">');
    expect(out).not.toContain('<html lang="zh-Hans">');
  });

  it('keeps other attributes of <html> when changing lang', () => {
    expect(convertPageToTraditional('<html class="js" lang="zh-Hans" dir="ltr"><body></body></html>')).toBe(
      '<html class="js" lang="zh-Hant" dir="ltr"><body></body></html>',
    );
  });

  it('converts the text', () => {
    expect(out).toContain('<title>殘疾人證辦理 - 示例縣殘聯</title>');
    expect(out).toContain('<h1>殘疾人證辦理</h1>');
    expect(out).toContain('>跳到主要內容</a>');
    expect(out).toContain('<label>輸入要找的內容');
    expect(out).not.toMatch(/残疾|证办理|输入/);
  });

  it('converts text inside attributes people hear or see (alt, aria-label, title, content)', () => {
    expect(out).toContain('alt="工作人員在服務大廳為殘疾人辦理證件"');
    expect(out).toContain('aria-label="主導航"');
    expect(out).toContain('<abbr title="殘疾人聯合會">殘聯</abbr>');
    expect(out).toContain('content="殘疾人證怎樣辦理、帶什麼材料"');
    expect(out).toContain('title="示例縣殘聯 新聞 RSS"');
  });

  it('keeps the link back to the Simplified page exactly as it was', () => {
    const langSwitch =
      '<a class="lang-switch" href="/policies/disability-certificate/" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>';
    expect(out).toContain(langSwitch);
    expect(out).not.toContain('簡體中文');
  });

  it('keeps every lang="zh-Hans" element, each in its own place', () => {
    const html = '<p><span lang="zh-Hans">简体一</span>和<b lang="zh-Hans">发展二</b>和发展</p>';
    expect(convertPageToTraditional(html)).toBe('<p><span lang="zh-Hans">简体一</span>和<b lang="zh-Hans">发展二</b>和發展</p>');
  });

  it('never changes what a form sends: option values, typed values, textarea contents', () => {
    const form = [
      '<form method="post" action="/apply/transit-card/pickup/">',
      '<input type="radio" name="pickup_point" value="县公交 IC 卡服务中心" id="a"><label for="a">县公交 IC 卡服务中心</label>',
      '<input type="text" name="name" value="张晓燕" aria-describedby="h">',
      '<textarea name="needs" rows="4">在家里用，要上下楼</textarea>',
      '<button type="submit" name="intent" value="继续">继续</button>',
      '</form>',
    ].join('');
    const converted = convertPageToTraditional(form);
    expect(converted).toContain('value="县公交 IC 卡服务中心" id="a"><label for="a">縣公交 IC 卡服務中心</label>');
    expect(converted).toContain('name="name" value="张晓燕" aria-describedby="h"');
    expect(converted).toContain('<textarea name="needs" rows="4">在家里用，要上下楼</textarea>');
    expect(converted).toContain('value="继续">繼續</button>');
    expect(converted).toContain('action="/zh-hant/apply/transit-card/pickup/"');
  });

  it('keeps text marked translate="no" (what a person typed, shown back on a check page)', () => {
    const html = '<dl><dt>姓名</dt><dd><span class="summary-line" translate="no">张晓燕</span></dd><dd><span class="summary-line">已承诺</span></dd></dl>';
    expect(convertPageToTraditional(html)).toBe('<dl><dt>姓名</dt><dd><span class="summary-line" translate="no">张晓燕</span></dd><dd><span class="summary-line">已承諾</span></dd></dl>');
  });

  it('points internal links and the search form at the Traditional pages', () => {
    expect(out).toContain('<a href="/zh-hant/">首頁</a>');
    expect(out).toContain('<a href="/zh-hant/news/">新聞動態</a>');
    expect(out).toContain('<a href="/zh-hant/policies/living-subsidy/">');
    expect(out).toContain('<form action="/zh-hant/search/" method="get" role="search">');
  });

  it('does not prefix a link that is already under /zh-hant/', () => {
    expect(out).toContain('<a href="/zh-hant/policies/">政策指南</a>');
    expect(out).not.toContain('/zh-hant/zh-hant/');
  });

  it('leaves anchors, external, mailto: and tel: links alone', () => {
    expect(out).toContain('href="#main-content"');
    expect(out).toContain('<a href="https://www.cdpf.org.cn/">中國殘聯</a>');
    expect(out).toContain('<a href="tel:0000-6000001">');
    expect(out).toContain('<a href="mailto:service@canlian.example.org">');
  });

  it('rewrites feed links (rel="alternate" with a type) but not stylesheets, icons or hreflang alternates', () => {
    expect(out).toContain('type="application/rss+xml" title="示例縣殘聯 新聞 RSS" href="/zh-hant/news/rss.xml"');
    expect(out).toContain('href="/zh-hant/news/atom.xml"');
    expect(out).toContain('<link rel="stylesheet" href="/_astro/base.Cx1.css" />');
    expect(out).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    expect(out).toContain('<link rel="alternate" hreflang="zh-Hans" href="https://canlian.example.org/policies/disability-certificate/" />');
    expect(out).toContain('<link rel="canonical" href="https://canlian.example.org/zh-hant/policies/disability-certificate/"');
  });

  it('leaves shared files alone (they exist once for both scripts)', () => {
    expect(out).toContain('src="/prefs.js"');
    expect(out).toContain('src="/pagefind/pagefind-ui.js"');
    expect(out).toContain('src="/images/certificate.jpg"');
  });

  it('is safe to run twice: the second run changes nothing', () => {
    expect(convertPageToTraditional(out)).toBe(out);
  });
});

describe('localizeLinks', () => {
  it.each([
    ['<a href="/">', '<a href="/zh-hant/">'],
    ['<a href="/news/2025-work-plan/">', '<a href="/zh-hant/news/2025-work-plan/">'],
    ['<a class="card" href="/policies/topics/care/">', '<a class="card" href="/zh-hant/policies/topics/care/">'],
    ['<a href="/search/?q=轮椅">', '<a href="/zh-hant/search/?q=轮椅">'],
    ['<form action="/search/">', '<form action="/zh-hant/search/">'],
    ['<link rel="alternate" type="application/rss+xml" href="/news/rss.xml">', '<link rel="alternate" type="application/rss+xml" href="/zh-hant/news/rss.xml">'],
    ['<link rel="next" href="/news/page/2/">', '<link rel="next" href="/zh-hant/news/page/2/">'],
  ])('rewrites %s', (input, expected) => {
    expect(localizeLinks(input)).toBe(expected);
  });

  it.each([
    '<a href="/zh-hant/news/">',
    '<a href="/zh-hant">',
    '<a href="/_astro/guide.pdf">',
    '<a href="/pagefind/pagefind.js">',
    '<a href="/prefs.js">',
    '<a href="/favicon.svg">',
    '<a href="/images/news/2025.jpg">',
    '<a href="/sitemap-index.xml">',
    '<a href="/robots.txt">',
    '<a href="https://www.gov.cn/">',
    '<a href="//cdn.example.org/x.js">',
    '<a href="mailto:service@canlian.example.org">',
    '<a href="tel:0000-6000001">',
    '<a href="#main-content">',
    '<a href="/" hreflang="zh-Hans">',
    '<a hreflang="zh-Hans" href="/news/">',
    '<link rel="stylesheet" href="/_astro/x.css">',
    '<link rel="icon" href="/favicon.svg">',
    '<link rel="alternate" hreflang="zh-Hans" href="/">',
    '<img src="/news/photo/">',
  ])('leaves %s alone', (tag) => {
    expect(localizeLinks(tag)).toBe(tag);
  });
});

const ORIGIN = 'https://canlian.example.org';

const FEED: Feed = {
  title: '示例县残联 新闻动态',
  description: '示例县残疾人联合会的工作动态和全国助残日活动',
  siteUrl: `${ORIGIN}/news/`,
  feedUrl: `${ORIGIN}/news/rss.xml`,
  language: 'zh-Hans',
  author: '示例县残疾人联合会',
  items: [
    {
      title: '辅助器具进社区活动',
      url: `${ORIGIN}/news/2025-zhucanri-devices/`,
      date: '2025-05-18',
      summary: '为 260 人次提供评估和维修服务。详见 https://www.cdpf.org.cn/news/ 和 /zh-hant/ 页面。',
      categories: ['助残日', '辅助器具'],
    },
  ],
};

describe('convertFeedToTraditional', () => {
  const rss = convertFeedToTraditional(renderRss(FEED), ORIGIN);
  const atom = convertFeedToTraditional(renderAtom({ ...FEED, feedUrl: `${ORIGIN}/news/atom.xml` }), ORIGIN);

  it('converts the text', () => {
    expect(rss).toContain('<title>示例縣殘聯 新聞動態</title>');
    expect(rss).toContain('<title>輔助器具進社區活動</title>');
    expect(rss).toContain('<category>輔助器具</category>');
    expect(atom).toContain('<category term="輔助器具"/>');
    expect(rss).not.toMatch(/残|县|动态/);
  });

  it('marks the language as zh-Hant', () => {
    expect(rss).toContain('<language>zh-Hant</language>');
    expect(rss).not.toContain('zh-Hans');
    expect(atom).toContain('xml:lang="zh-Hant"');
    expect(atom).not.toContain('zh-Hans');
  });

  it('points the site\'s own links at the Traditional pages', () => {
    expect(rss).toContain(`<link>${ORIGIN}/zh-hant/news/2025-zhucanri-devices/</link>`);
    expect(rss).toContain(`<guid isPermaLink="true">${ORIGIN}/zh-hant/news/2025-zhucanri-devices/</guid>`);
    expect(rss).toContain(`<link>${ORIGIN}/zh-hant/news/</link>`);
    expect(rss).toContain(`<atom:link href="${ORIGIN}/zh-hant/news/rss.xml"`);
    expect(atom).toContain(`<link href="${ORIGIN}/zh-hant/news/2025-zhucanri-devices/"/>`);
    expect(atom).toContain(`<id>${ORIGIN}/zh-hant/news/atom.xml</id>`);
    expect(rss).not.toMatch(new RegExp(`${ORIGIN}/news/`));
  });

  it('leaves other origins alone, including one that merely starts with the same text', () => {
    const xml = `<rss><channel><link>https://www.cdpf.org.cn/news/</link><link>${ORIGIN}.cn/news/</link><link>http://canlian.example.org/news/</link></channel></rss>`;
    expect(convertFeedToTraditional(xml, ORIGIN)).toBe(xml);
    expect(rss).toContain('https://www.cdpf.org.cn/news/');
  });

  it('does not prefix links twice', () => {
    const xml = `<feed><link href="${ORIGIN}/zh-hant/news/x/"/><link href="${ORIGIN}/"/></feed>`;
    expect(convertFeedToTraditional(xml, ORIGIN)).toBe(`<feed><link href="${ORIGIN}/zh-hant/news/x/"/><link href="${ORIGIN}/zh-hant/"/></feed>`);
    expect(convertFeedToTraditional(rss, ORIGIN)).toBe(rss);
  });
});
