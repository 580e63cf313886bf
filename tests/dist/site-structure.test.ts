import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ON_DEMAND_PATHS, builtPages, readPage, sitemapPaths } from './site-files.ts';
import { readCollection } from '../content-files.ts';
import type { Policy } from '../../src/domain/content/policy-schema.ts';

const pages = builtPages().filter((p) => p !== '/404.html');
const hansPages = pages.filter((p) => !p.startsWith('/zh-hant/'));

function resolves(path: string): boolean {
  const clean = decodeURI(path.split('#')[0]!.split('?')[0]!);
  if (ON_DEMAND_PATHS.has(clean)) return true;
  if (clean.endsWith('/')) return existsSync(join(DIST, clean, 'index.html'));
  return existsSync(join(DIST, clean));
}

describe('the built site', () => {
  it('lists every page in the sitemap, and nothing else', () => {
    expect(sitemapPaths().sort()).toEqual(pages);
  });

  it('has every page in both scripts with the right lang', () => {
    for (const page of hansPages) {
      expect(readPage(page), page).toMatch(/<html[^>]*\slang="zh-Hans"/);
      const hant = `/zh-hant${page}`;
      expect(pages, `${page} has no Traditional copy`).toContain(hant);
      expect(readPage(hant), hant).toMatch(/<html[^>]*\slang="zh-Hant"/);
    }
    expect(pages.length).toBe(hansPages.length * 2);
  });

  it('keeps the reader on the same page when switching script', () => {
    for (const page of hansPages) {
      expect(readPage(page)).toContain(`href="/zh-hant${page}" hreflang="zh-Hant"`);
      expect(readPage(`/zh-hant${page}`)).toContain(`href="${page}" hreflang="zh-Hans"`);
    }
  });

  it('Traditional pages link to Traditional pages', () => {
    for (const page of pages.filter((p) => p.startsWith('/zh-hant/'))) {
      const html = readPage(page).replace(/<a\b[^>]*hreflang="zh-Hans"[^>]*>/g, '');
      const internal = [...html.matchAll(/<a\b[^>]*\shref="(\/[^"]*)"/g)].map((m) => m[1]!);
      for (const href of internal) expect(href, `${page} → ${href}`).toMatch(/^\/zh-hant\//);
    }
  });

  it('every internal link and form action resolves to a built file', () => {
    for (const page of builtPages()) {
      const html = readPage(page);
      for (const m of html.matchAll(/\s(?:href|action|src)="(\/(?!\/)[^"]*)"/g)) {
        expect(resolves(m[1]!), `${page} → ${m[1]}`).toBe(true);
      }
    }
  });

  it('every page has one h1 and headings never skip a level', () => {
    for (const page of builtPages()) {
      const levels = [...readPage(page).matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      expect(levels[0], `${page} starts with h1`).toBe(1);
      expect(levels.filter((l) => l === 1).length, `${page} has one h1`).toBe(1);
      levels.forEach((level, i) => {
        if (i > 0) expect(level - levels[i - 1]!, `${page} skips from h${levels[i - 1]} to h${level}`).toBeLessThanOrEqual(1);
      });
    }
  });

  it('every guide is linked from its topic page, the guides page and its own easy-read version', () => {
    for (const { slug, data } of readCollection('policies')) {
      const topic = (data as Policy).topic;
      expect(readPage(`/policies/topics/${topic}/`), `${slug} on its topic page`).toContain(`href="/policies/${slug}/"`);
      expect(readPage('/policies/'), `${slug} on the guides page`).toContain(`href="/policies/${slug}/"`);
      expect(readPage(`/policies/${slug}/`)).toContain(`href="/policies/${slug}/easy-read/"`);
      expect(readPage(`/policies/${slug}/easy-read/`)).toContain(`href="/policies/${slug}/"`);
    }
  });

  it('easy-read pages explain the hard words they use', () => {
    // The text as read: without the pinyin annotations (<rt>) and the ruby and span markup around characters.
    const page = readPage('/policies/living-subsidy/easy-read/')
      .replace(/<rt\b[^>]*>[^<]*<\/rt>/g, '')
      .replace(/<\/?(?:ruby|span)\b[^>]*>/g, '');
    expect(page).toContain('先认识几个词');
    expect(page).toMatch(/<dt[^>]*>低保<\/dt>\s*<dd[^>]*>政府每月给困难家庭的生活钱。<\/dd>/);
  });

  it('the 全国助残日 page lists every edition since 1991 with this and next year', () => {
    const page = readPage('/zhucanri/');
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    expect(page).toContain('第1次');
    expect(page).toContain(`第${year + 1 - 1990}次`);
    expect(page).toContain('2015年5月17日');
    expect(page).toContain('科技助残，共享美好生活');
    expect([...page.matchAll(/<th scope="row"[^>]*>/g)]).toHaveLength(year + 1 - 1990);
    expect(page).toContain('href="/news/2022-zhucanri-employment-month/"');
  });

  it('publishes the news (RSS and Atom) and the guides (RSS) in both scripts', () => {
    for (const [feed, root] of [['news/rss.xml', '<rss'], ['news/atom.xml', '<feed'], ['policies/rss.xml', '<rss']] as const) {
      const hans = readFileSync(join(DIST, feed), 'utf8');
      const hant = readFileSync(join(DIST, 'zh-hant', feed), 'utf8');
      expect(hans).toContain(root);
      expect(hans).toMatch(/zh-Hans/);
      expect(hant).toMatch(/zh-Hant/);
      expect(hant).toContain(`/zh-hant/${feed.split('/')[0]}/`);
      expect(hant, "its text is converted").not.toMatch(/新闻动态|最后审核/);
    }
  });
});
