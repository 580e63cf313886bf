import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { countSentences, formatIssues, isoDate, link } from '../../../../src/domain/content/common.ts';
import { PolicySchema } from '../../../../src/domain/content/policy-schema.ts';
import { NewsSchema } from '../../../../src/domain/content/news-schema.ts';
import { SiteSchema } from '../../../../src/domain/content/site-schema.ts';
import { BenefitSchema } from '../../../../src/domain/benefits/rules-schema.ts';
import { PageSchema } from '../../../../src/domain/content/page-schema.ts';
import { TOPIC_SLUGS } from '../../../../src/domain/content/topics.ts';
import { NEWS_TAG_LABELS } from '../../../../src/domain/content/news-tags.ts';
import { readMarkdown } from '../../../content-files.ts';

const FIXTURES = new URL('../../../fixtures/content/', import.meta.url).pathname;

/** Front matter of a .md fixture, or the whole of a .yaml one, parsed as the content tests do. */
function load(relative: string): unknown {
  const path = `${FIXTURES}${relative}`;
  return relative.endsWith('.md') ? readMarkdown(path).data : parseYaml(readFileSync(path, 'utf8'));
}

/** The "path：message" lines a content editor would see when the build rejects the file. */
function problems(schema: v.GenericSchema, data: unknown): string[] {
  const result = v.safeParse(schema, data);
  return result.success ? [] : formatIssues(result.issues);
}

/** A deep copy of `data` with the value at a dot path ("office.email", "images.0.alt") removed. */
function withoutPath(data: unknown, dotPath: string): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  const keys = dotPath.split('.');
  const last = keys.pop() as string;
  let node: Record<string, unknown> | undefined = copy;
  for (const key of keys) node = node?.[key] as Record<string, unknown> | undefined;
  if (node) delete node[last];
  return copy;
}

const HAN = /[\u4e00-\u9fff]/;

describe('good fixtures pass their schemas', () => {
  const cases: [string, v.GenericSchema][] = [
    ['good/policy.md', PolicySchema],
    ['good/news.md', NewsSchema],
    ['good/site.yaml', SiteSchema],
    ['good/benefit.yaml', BenefitSchema],
    ['good/page.md', PageSchema],
  ];
  for (const [file, schema] of cases) {
    it(file, () => {
      expect(problems(schema, load(file))).toEqual([]);
    });
  }

  it('the good markdown fixtures have a body, as real content must', () => {
    for (const file of ['good/policy.md', 'good/news.md', 'good/page.md']) {
      expect(readMarkdown(`${FIXTURES}${file}`).body.trim(), file).not.toBe('');
    }
  });
});

interface BrokenCase {
  file: string;
  good: string;
  schema: v.GenericSchema;
  /** Dot path of the one thing that differs from the good fixture. */
  changed: string;
  /** Dot path the schema must report. */
  path: string;
  /** Text the reported message must contain. */
  message: string | RegExp;
}

const BROKEN: BrokenCase[] = [
  {
    file: 'broken/policy-missing-eligibility.md',
    good: 'good/policy.md',
    schema: PolicySchema,
    changed: 'eligibility',
    path: 'eligibility',
    message: /谁可以申请/,
  },
  {
    file: 'broken/policy-summary-three-sentences.md',
    good: 'good/policy.md',
    schema: PolicySchema,
    changed: 'summary',
    path: 'summary',
    message: '摘要最多两句话',
  },
  {
    file: 'broken/policy-unknown-topic.md',
    good: 'good/policy.md',
    schema: PolicySchema,
    changed: 'topic',
    path: 'topic',
    message: `主题必须是以下之一：${TOPIC_SLUGS.join('、')}`,
  },
  {
    file: 'broken/policy-apply-without-online-or-offline.md',
    good: 'good/policy.md',
    schema: PolicySchema,
    changed: 'apply',
    path: 'apply',
    message: '怎样申请（apply）至少要写网上申请（online）或线下办理（offline）之一',
  },
  {
    file: 'broken/policy-last-reviewed-impossible-date.md',
    good: 'good/policy.md',
    schema: PolicySchema,
    changed: 'lastReviewed',
    path: 'lastReviewed',
    message: '最后审核日期必须是真实的日期，格式为 YYYY-MM-DD',
  },
  {
    file: 'broken/policy-source-not-https.md',
    good: 'good/policy.md',
    schema: PolicySchema,
    changed: 'sources.0.url',
    path: 'sources.0.url',
    message: '来源链接必须以 https:// 开头，或是以 / 开头的站内路径',
  },
  {
    file: 'broken/news-image-without-alt.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'images.0.alt',
    path: 'images.0.alt',
    message: /图片替代文字 alt/,
  },
  {
    file: 'broken/news-image-alt-file-name.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'images.0.alt',
    path: 'images.0.alt',
    message: '图片替代文字 alt 不能是文件名',
  },
  {
    file: 'broken/news-image-alt-placeholder.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'images.0.alt',
    path: 'images.0.alt',
    message: '图片替代文字 alt 要描述图片内容，不能只写“图片”',
  },
  {
    file: 'broken/news-unknown-tag.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'tags.1',
    path: 'tags.1',
    message: `标签必须是以下之一：${NEWS_TAG_LABELS.join('、')}`,
  },
  {
    file: 'broken/news-video-without-captions.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'videos.0.captions',
    path: 'videos.0.captions',
    message: '缺少必填项“视频字幕文件 captions”',
  },
  {
    file: 'broken/news-video-captions-not-vtt.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'videos.0.captions',
    path: 'videos.0.captions',
    message: '视频字幕文件 captions必须是 WebVTT 字幕文件（.vtt）',
  },
  {
    file: 'broken/news-video-from-another-site.md',
    good: 'good/news.md',
    schema: NewsSchema,
    changed: 'videos.0.src',
    path: 'videos.0.src',
    message: '视频地址必须是以 / 开头的站内路径（本站不从其他网站加载内容）',
  },
  {
    file: 'broken/site-bad-email.yaml',
    good: 'good/site.yaml',
    schema: SiteSchema,
    changed: 'office.email',
    path: 'office.email',
    message: '电子邮箱格式不正确',
  },
  {
    file: 'broken/site-url-trailing-slash.yaml',
    good: 'good/site.yaml',
    schema: SiteSchema,
    changed: 'siteUrl',
    path: 'siteUrl',
    message: '网站地址 siteUrl 必须是 https:// 开头的域名，末尾不要加 /',
  },
  {
    file: 'broken/site-url-http.yaml',
    good: 'good/site.yaml',
    schema: SiteSchema,
    changed: 'siteUrl',
    path: 'siteUrl',
    message: '网站地址 siteUrl 必须是 https:// 开头的域名，末尾不要加 /',
  },
  {
    file: 'broken/benefit-unknown-condition.yaml',
    good: 'good/benefit.yaml',
    schema: BenefitSchema,
    changed: 'conditions.2',
    path: 'conditions.2',
    message: '每个条件只能写一项，可用：hasCertificate、category',
  },
];

describe('broken fixtures are rejected, naming the field in Chinese', () => {
  for (const c of BROKEN) {
    describe(c.file, () => {
      it(`differs from ${c.good} only at ${c.changed}`, () => {
        const broken = load(c.file);
        const good = load(c.good);
        expect(broken).not.toEqual(good);
        expect(withoutPath(broken, c.changed)).toEqual(withoutPath(good, c.changed));
      });

      it(`is rejected, and only at ${c.path}`, () => {
        const lines = problems(c.schema, load(c.file));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line.startsWith(`${c.path}：`), line).toBe(true);
      });

      it('says what is wrong in Chinese', () => {
        const lines = problems(c.schema, load(c.file));
        const expected = typeof c.message === 'string' ? `${c.path}：${c.message}` : c.message;
        expect(lines.some((line) => (typeof expected === 'string' ? line.includes(expected) : expected.test(line))), lines.join('\n')).toBe(true);
        for (const line of lines) {
          const message = line.slice(`${c.path}：`.length);
          expect(message, line).toMatch(HAN);
          expect(message, line).not.toMatch(/Invalid|Expected|received/);
        }
      });
    });
  }
});

describe('what the schemas fill in and normalise', () => {
  const policy = () => v.parse(PolicySchema, load('good/policy.md'));

  it('a document without `required` is required; `required: false` stays false', () => {
    expect(policy().documents.map((d) => [d.name, d.required])).toEqual([
      ['申请人的居民身份证', true],
      ['《中华人民共和国残疾人证》', true],
      ['低保证明', false],
    ]);
  });

  it('a policy without `order` sorts after ordered ones (100)', () => {
    expect(policy().order).toBe(100);
  });

  it('`order` must be a whole number', () => {
    const data = { ...(load('good/policy.md') as object), order: 1.5 };
    expect(problems(PolicySchema, data)).toEqual(['order：排序必须是整数']);
  });

  it('a news item without images gets an empty list', () => {
    const data = withoutPath(load('good/news.md'), 'images');
    expect(v.parse(NewsSchema, data).images).toEqual([]);
  });

  it('text fields are trimmed, and blank text counts as empty', () => {
    const data = load('good/benefit.yaml') as object;
    expect(v.parse(BenefitSchema, { ...data, title: '  机动轮椅车燃油补贴 \n' }).title).toBe('机动轮椅车燃油补贴');
    expect(problems(BenefitSchema, { ...data, title: '   ' })).toEqual(['title：福利名称不能为空']);
  });

  it('an empty required list is reported with its Chinese name', () => {
    const data = { ...(load('good/policy.md') as object), documents: [] };
    expect(problems(PolicySchema, data)).toEqual(['documents：需要的材料至少要有一项']);
  });
});

describe('countSentences', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['。', 0],
    ['只有一句话，没有句号', 1],
    ['残疾人证免费办理。', 1],
    ['第一句。第二句', 2],
    ['第一句。第二句。', 2],
    ['真的吗？是的！可以办理。', 3],
    ['太好了！！！真的吗？？', 2],
    ['Apply online! Any questions?', 2],
    ['每人每月补贴 57.03 元。', 1],
  ])('%j has %i sentence(s)', (text, expected) => {
    expect(countSentences(text)).toBe(expected);
  });
});

describe('isoDate', () => {
  const date = isoDate('发布日期');

  it('asks for quotes around an unquoted YAML date rather than trusting the Date object', () => {
    expect(problems(date, new Date('2025-05-18T00:00:00Z'))).toEqual([
      '发布日期要写在引号里，例如 "2025-05-18"（不加引号时，写错的日期会被悄悄改成别的日子）',
    ]);
  });

  it('keeps a YYYY-MM-DD string, trimmed', () => {
    expect(v.parse(date, ' 2024-02-29 ')).toBe('2024-02-29');
  });

  it.each(['2025-02-29', '2025-02-30', '2025-13-01', '2025-5-18', '2025/05/18', '18 May 2025'])(
    'rejects %j with a Chinese message',
    (value) => {
      expect(problems(date, value)).toEqual(['发布日期必须是真实的日期，格式为 YYYY-MM-DD，例如 2025-05-18']);
    },
  );

  it('rejects something that is not a date at all', () => {
    expect(problems(date, 20250518)).toEqual(['发布日期必须是日期，格式为 YYYY-MM-DD']);
  });

  // Astro reads markdown front matter with js-yaml, which turns an unquoted 2025-02-30 into
  // a Date for 2025-03-02 (Date.UTC rolls the day over). So dates must be quoted strings.
  it('an unquoted date, as Astro\'s YAML parser hands it over, is rejected with a request to quote it', () => {
    const asAstroParsesIt = new Date(Date.UTC(2025, 1, 30)); // what js-yaml builds for 2025-02-30
    expect(v.safeParse(date, asAstroParsesIt).success).toBe(false);
  });
});

describe('link', () => {
  const url = link('来源链接');

  it.each(['https://www.cdpf.org.cn/', '/policies/living-subsidy/'])('accepts %j', (value) => {
    expect(problems(url, value)).toEqual([]);
  });

  it.each(['http://www.cdpf.org.cn/', 'www.cdpf.org.cn', 'https://www.cdpf.org.cn/a b', 'mailto:service@example.org'])(
    'rejects %j',
    (value) => {
      expect(problems(url, value)).toEqual(['来源链接必须以 https:// 开头，或是以 / 开头的站内路径']);
    },
  );

  // "//host/path" starts with "/" but is a link to another site (protocol-relative).
  it('rejects a protocol-relative link to another site ("//www.gov.cn/...")', () => {
    expect(problems(url, '//www.gov.cn/zhengce/')).not.toEqual([]);
  });
});
