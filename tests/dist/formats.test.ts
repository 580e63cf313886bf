import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, readPage } from './site-files.ts';
import { readCollection } from '../content-files.ts';
import { toChineseBraille } from '../../src/domain/formats/chinese-braille.ts';
import { unicodeToBrailleAscii } from '../../src/domain/formats/braille-cells.ts';
import { formatSize } from '../../src/domain/formats/brf.ts';
import { toTraditional } from '../../src/i18n/traditional.ts';
import type { Policy } from '../../src/domain/content/policy-schema.ts';
import type { News } from '../../src/domain/content/news-schema.ts';

/** Every guide, easy-read page and news item, with its title, in both scripts. */
const policies = readCollection('policies');
const news = readCollection('news');
const pages: { path: string; title: string; kind: 'guide' | 'easy-read' | 'news' }[] = [
  ...policies.map((p) => ({ path: `/policies/${p.slug}/`, title: (p.data as Policy).title, kind: 'guide' as const })),
  ...policies.map((p) => ({ path: `/policies/${p.slug}/easy-read/`, title: (p.data as Policy).title, kind: 'easy-read' as const })),
  ...news.map((n) => ({ path: `/news/${n.slug}/`, title: (n.data as News).title, kind: 'news' as const })),
];
const both = pages.flatMap((p) => [p, { ...p, path: `/zh-hant${p.path}` }]);

const href = (html: string, format: string) => new RegExp(`<a\\b[^>]*\\shref="([^"]*)"[^>]*data-format="${format}"`).exec(html)?.[1];

describe('every guide, easy-read page and news item offers every format', () => {
  it(`covers ${both.length} pages`, () => expect(both.length).toBe((policies.length * 2 + news.length) * 2));

  for (const { path, kind } of both) {
    it(path, () => {
      const html = readPage(path);
      const hant = path.startsWith('/zh-hant/');
      // Read aloud: the control, hidden until the script finds a voice, and its script.
      expect(html).toMatch(/<read-aloud\b[^>]*\shidden/);
      expect(html).toMatch(/<script type="module" src="\/_astro\/ReadAloud[^"]*\.js"/);
      // Large print: the link and the note it targets.
      expect(href(html, 'large-print')).toBe('#large-print');
      expect(html).toContain('id="large-print"');
      // Braille: the file exists where the link points.
      const brf = href(html, 'braille')!;
      expect(brf).toBe(`${path}braille.brf`);
      expect(existsSync(join(DIST, brf)), brf).toBe(true);
      // The other script, on the same page.
      expect(href(html, 'script')).toBe(hant ? path.slice('/zh-hant'.length) : `/zh-hant${path}`);
      // Guides and their easy-read versions link to each other.
      if (kind === 'guide') expect(html).toContain(`href="${path}easy-read/"`);
      if (kind === 'easy-read') expect(html).toContain(`href="${path.replace(/easy-read\/$/, '')}"`);
    });
  }
});

describe('the braille files', () => {
  for (const { path, title } of pages) {
    it(`${path}braille.brf is a 40 × 25 braille-ready file that starts with the title, the same in both scripts`, () => {
      const file = join(DIST, `${path}braille.brf`);
      const body = readFileSync(file, 'latin1');
      expect(/^[\x20-\x5f\r\n\f]+$/.test(body), 'Braille ASCII only').toBe(true);
      const sheets = body.split('\f').slice(0, -1);
      expect(sheets.length).toBeGreaterThan(0);
      sheets.forEach((sheet, i) => {
        const lines = sheet.replace(/\r\n$/, '').split('\r\n');
        expect(lines.length, `page ${i + 1}`).toBe(25);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
        expect(lines.at(-1)!.trim(), `page number ${i + 1}`).toBe(unicodeToBrailleAscii(toChineseBraille(String(i + 1))));
      });
      const firstWord = unicodeToBrailleAscii(toChineseBraille(title).split(' ')[0]!);
      expect(sheets[0]!.trimStart().startsWith(firstWord)).toBe(true);
      expect(readFileSync(join(DIST, `/zh-hant${path}braille.brf`), 'latin1')).toBe(body);
      // The page says how big the file is and how many pages it has.
      const size = formatSize(statSync(file).size);
      expect(readPage(path)).toContain(`${size}，${sheets.length} 页`);
    });
  }
});

describe('pinyin on easy-read pages', () => {
  const slug = 'living-subsidy';
  const visibleText = (html: string) => html.replace(/<rt\b[^>]*>[^<]*<\/rt>/g, '').replace(/<[^>]+>/g, '');

  it('gives every Chinese character of the easy-read text its pinyin, hidden from screen readers', () => {
    const html = readPage(`/policies/${slug}/easy-read/`);
    const points = (policies.find((p) => p.slug === slug)!.data as Policy).easyRead.flatMap((s) => s.points);
    for (const point of points) {
      expect(visibleText(html)).toContain(point);
      const chars = [...point].filter((c) => /\p{Script=Han}/u.test(c)).length;
      const li = [...html.matchAll(/<li\b[^>]*>((?:(?!<\/li>).)*)<\/li>/g)].map((m) => m[1]!).find((l) => visibleText(l) === point)!;
      expect([...li.matchAll(/<rt aria-hidden="true">[a-zü\u0300-\u036f\u00e0-\u01dc]+<\/rt>/giu)].length, point).toBe(chars);
    }
    expect(html).toContain('<ruby>银<rt aria-hidden="true">yín</rt></ruby><ruby>行<rt aria-hidden="true">háng</rt></ruby>');
  });

  it('shows Traditional characters over the same pinyin on the Traditional page', () => {
    const hans = readPage(`/policies/${slug}/easy-read/`);
    const hant = readPage(`/zh-hant/policies/${slug}/easy-read/`);
    const pinyin = (html: string) => [...html.matchAll(/<rt aria-hidden="true">([^<]*)<\/rt>/g)].map((m) => m[1]).join(' ');
    expect(pinyin(hant)).toBe(pinyin(hans));
    const points = (policies.find((p) => p.slug === slug)!.data as Policy).easyRead.flatMap((s) => s.points);
    for (const point of points) expect(visibleText(hant)).toContain(toTraditional(point));
  });
});
