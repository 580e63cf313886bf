import { describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { DIST, TOOL_PAGES, builtPages, readPage } from './site-files.ts';

/** Budgets from design.md, measured on the built files (gzip level 9, as served). */
const CSS_TOTAL_BUDGET = 15 * 1024;
const PAGE_BUDGET = 30 * 1024;
/** The read-aloud control on guides, easy-read pages and news (issue 14): a custom element, no framework. */
const READ_ALOUD_BUDGET = 3 * 1024;
const READ_ALOUD_JS = /^\/_astro\/ReadAloud\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/;

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
/** What a TCP connection's first round trip carries (an initial window of 10 segments of ~1.4 KB). */
const FIRST_RESPONSE_BUDGET = 14 * 1024;
const PREFS = readFileSync(new URL('../../src/scripts/prefs.js', import.meta.url), 'utf8');
const fileGz = (urlPath: string) => gz(readFileSync(join(DIST, urlPath)));

function attrValues(html: string, tag: string, attr: string): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*\\s${attr}="([^"]*)"[^>]*>`, 'g');
  return [...html.matchAll(re)].map((m) => m[1]!);
}

function stylesheets(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => /href="([^"]*)"/.exec(m[0])![1]!);
}

/** JS files a page loads: script src plus the static imports of module scripts, followed. */
function scriptFiles(html: string): string[] {
  const seen = new Set<string>();
  const queue = attrValues(html, 'script', 'src');
  for (const m of html.matchAll(/(?:component-url|renderer-url)="([^"]*)"/g)) queue.push(m[1]!);
  while (queue.length) {
    const src = queue.shift()!;
    if (seen.has(src) || !src.startsWith('/')) continue;
    seen.add(src);
    const code = readFileSync(join(DIST, src), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.\/[^"']+\.js)["']/g)) {
      queue.push(new URL(m[1]!, `http://x${src}`).pathname);
    }
  }
  return [...seen];
}

const pages = builtPages();

describe('budgets over dist/', () => {
  it('all CSS for the site is at most 15 KB gzipped (each rule counted once, wherever pages carry it inline)', () => {
    // Each page inlines the CSS it needs, so the same rules appear in many pages; count them once.
    const rules = new Set<string>();
    for (const page of pages) {
      for (const m of readPage(page).matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) for (const rule of m[1]!.split(/(?<=\})/)) rules.add(rule);
    }
    const total = gz([...rules].join(''));
    console.log(`CSS total: ${total} bytes gzipped, ${rules.size} distinct rules (budget ${CSS_TOTAL_BUDGET})`);
    expect(rules.size).toBeGreaterThan(50);
    expect(total).toBeLessThanOrEqual(CSS_TOTAL_BUDGET);
  });

  it('every page renders from its first response: its CSS and the display-settings script inside it, nothing that blocks the first paint', () => {
    const rows: [string, number][] = [];
    for (const page of pages) {
      const html = readPage(page);
      expect(stylesheets(html), `${page} links a stylesheet`).toEqual([]);
      // A classic script with a src blocks the parser; module scripts (deferred) and inline ones do not.
      const blocking = [...html.matchAll(/<script\b[^>]*\ssrc="[^"]*"[^>]*>/g)].map((m) => m[0]).filter((tag) => !/type="module"|\sdefer\b|\sasync\b/.test(tag));
      expect(blocking, page).toEqual([]);
      expect(html, `${page} applies the display settings inline`).toContain(`<script>${PREFS}</script>`);
      // What paints the page (everything before <main>, with the head's CSS) always fits the first round trip;
      // the whole page does too, except the tools, whose data follows.
      expect(gz(html.slice(0, html.indexOf('<main'))), page).toBeLessThanOrEqual(FIRST_RESPONSE_BUDGET);
      if (!TOOL_PAGES.has(page)) expect(gz(html), page).toBeLessThanOrEqual(FIRST_RESPONSE_BUDGET);
      rows.push([page, gz(html)]);
    }
    rows.sort((a, b) => b[1] - a[1]);
    console.log('Largest first responses (bytes gzipped):', rows.slice(0, 4).map(([p, n]) => `${p} ${n}`).join('; '));
  });

  it('every inline script and stylesheet is allowed by a hash in the page’s own CSP, in both scripts', () => {
    for (const page of pages) {
      const html = readPage(page);
      const csp = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
      const allowed = (directive: string) => new Set([...(new RegExp(`${directive} ([^;]*)`).exec(csp)?.[1] ?? '').matchAll(/'(sha256-[^']+)'/g)].map((m) => m[1]!));
      const scripts = allowed('script-src');
      const styles = allowed('style-src');
      for (const m of html.matchAll(/<script\b(?![^>]*\ssrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)) {
        expect(scripts.has(sha256(m[1]!)), `${page}: inline script ${m[1]!.slice(0, 40)}`).toBe(true);
      }
      for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) {
        expect(styles.has(sha256(m[1]!)), `${page}: inline style ${m[1]!.slice(0, 40)}`).toBe(true);
      }
    }
  });

  it('content pages ship no framework JS: the display-preferences script, and the read-aloud script where it is offered', () => {
    let withReadAloud = 0;
    for (const page of pages.filter((p) => !TOOL_PAGES.has(p))) {
      const html = readPage(page);
      expect(html, page).not.toContain('<astro-island');
      const scripts = attrValues(html, 'script', 'src');
      if (html.includes('<read-aloud')) {
        withReadAloud++;
        expect(scripts, page).toEqual([expect.stringMatching(READ_ALOUD_JS)]);
      } else expect(scripts, page).toEqual([]);
      // The one inline script: the display settings.
      const inline = [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(inline, page).toEqual([PREFS]);
    }
    // Every guide, easy-read page and news item, in both scripts (tests/dist/formats.test.ts checks which).
    expect(withReadAloud).toBeGreaterThan(100);
  });

  it('the read-aloud script is one self-contained file of at most 3 KB gzipped, with no framework in it', () => {
    const files = readdirSync(join(DIST, '_astro')).filter((f) => READ_ALOUD_JS.test(`/_astro/${f}`));
    expect(files).toHaveLength(1);
    const code = readFileSync(join(DIST, '_astro', files[0]!), 'utf8');
    const size = fileGz(`/_astro/${files[0]}`);
    console.log(`Read-aloud script: ${size} bytes gzipped (budget ${READ_ALOUD_BUDGET})`);
    expect(size).toBeLessThanOrEqual(READ_ALOUD_BUDGET);
    expect(code, 'imports nothing (no Preact, no shared chunk)').not.toMatch(/\bimport\s*[\s\S]*?from\s*["']|import\s*\(/);
    expect(code).not.toMatch(/preact|__PREACT|options\.__b/);
  });

  it('every page weighs at most 30 KB gzipped (HTML + CSS + JS), tools excepted', () => {
    const rows: [string, number][] = [];
    for (const page of pages) {
      const html = readPage(page);
      const total = gz(html) + stylesheets(html).reduce((s, f) => s + fileGz(f), 0) + scriptFiles(html).reduce((s, f) => s + fileGz(f), 0);
      rows.push([page, total]);
      if (!TOOL_PAGES.has(page)) expect(total, page).toBeLessThanOrEqual(PAGE_BUDGET);
    }
    rows.sort((a, b) => b[1] - a[1]);
    console.log('Heaviest pages (bytes gzipped):', rows.slice(0, 5).map(([p, n]) => `${p} ${n}`).join('; '));
  });

  it('no page asks any other origin for anything', () => {
    for (const page of pages) {
      const html = readPage(page);
      const resources = [
        ...attrValues(html, 'script', 'src'),
        ...attrValues(html, 'img', 'src'),
        ...attrValues(html, 'iframe', 'src'),
        ...attrValues(html, 'source', 'src'),
        ...stylesheets(html),
        ...[...html.matchAll(/<link\b[^>]*rel="(?:icon|preload|modulepreload|prefetch|manifest)"[^>]*>/g)].map((m) => /href="([^"]*)"/.exec(m[0])?.[1] ?? ''),
      ];
      for (const url of resources) expect(url, `${page} loads ${url}`).toMatch(/^\/(?!\/)/);
    }
    for (const css of readdirSync(join(DIST, '_astro')).filter((f) => f.endsWith('.css'))) {
      expect(readFileSync(join(DIST, '_astro', css), 'utf8')).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//);
    }
  });

  it("the benefits checker: JS with the rules it needs ≤ 15 KB gzipped, the whole page ≤ 35 KB", () => {
    const html = readPage('/benefits/');
    // The checker is rendered into the page and hydrated from one JSON block (CheckerPage.astro).
    const data = /<script type="application\/json" id="checker-props">([\s\S]*?)<\/script>/.exec(html);
    expect(data, 'the checker travels as one JSON block').not.toBeNull();
    expect(html, 'not also as an island attribute').not.toContain('<astro-island');
    const js = scriptFiles(html).reduce((s, f) => s + fileGz(f), 0);
    const benefitsData = readdirSync(join(DIST, '..', 'content', 'benefits')).length;
    const checker = JSON.parse(data![1]!) as { benefits: { checks?: unknown; appliesTo?: unknown; conditions: unknown }[] };
    expect(checker.benefits.length, 'every benefit carries its rule').toBe(benefitsData);
    const conditions = checker.benefits.map((b) => JSON.stringify([b.checks ?? null, b.appliesTo ?? null, b.conditions]));
    const props = data![1]!;
    const rules = gz(conditions.join(','));
    const page = gz(html) + stylesheets(html).reduce((s, f) => s + fileGz(f), 0) + js;
    console.log(`Benefits checker: JS ${js} + rules ${rules} bytes gzipped; whole page ${page} bytes gzipped (text and rules in props: ${gz(props)})`);
    expect(js + rules).toBeLessThanOrEqual(15 * 1024);
    // A tool page, so outside the 30 KB content budget; it has its own.
    expect(page).toBeLessThanOrEqual(35 * 1024);
  });

  it('the search index exists for both scripts', () => {
    expect(existsSync(join(DIST, 'pagefind', 'pagefind.js'))).toBe(true);
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages).sort()).toEqual(['zh-hans', 'zh-hant']);
  });

  it('the application pages (rendered on demand) weigh at most 30 KB gzipped and render from their first response, error states included', async () => {
    const base = inject('baseUrl');
    const get = (path: string) => fetch(`${base}${path}`).then((r) => r.text());
    const states: [string, Promise<string>][] = [
      ...['/apply/certificate/action/', '/apply/assistive-devices/who/', '/apply/transit-card/certificate/', '/status/', '/apply/resume/', '/staff/', '/zh-hant/status/', '/notices/', '/zh-hant/notices/']
        .map((path): [string, Promise<string>] => [path, get(path)]),
      ['/apply/certificate/action/ (errors)', fetch(`${base}/apply/certificate/action/`, {
        method: 'POST', headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '',
      }).then((r) => r.text())],
      // Feedback: the reasons asked after 没用, and the receipt's question unanswered.
      ...([['/feedback/ (reasons)', '/feedback/', 'page=/policies/disability-certificate/&useful=no'], ['/feedback/satisfaction/ (errors)', '/feedback/satisfaction/', 'service=certificate']] as const)
        .map(([state, path, body]): [string, Promise<string>] => [state, fetch(`${base}${path}`, {
          method: 'POST', headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }, body,
        }).then((r) => r.text())]),
    ];
    const rows: string[] = [];
    for (const [state, pending] of states) {
      const html = await pending;
      expect(html, state).toContain('<main');
      const total = gz(html) + stylesheets(html).reduce((s, f) => s + fileGz(f), 0) + scriptFiles(html).reduce((s, f) => s + fileGz(f), 0);
      rows.push(`${state} ${total} (first response ${gz(html)})`);
      expect(total, state).toBeLessThanOrEqual(PAGE_BUDGET);
      // Rendered on demand, and still in one round trip.
      expect(stylesheets(html), state).toEqual([]);
      expect(gz(html), state).toBeLessThanOrEqual(FIRST_RESPONSE_BUDGET);
    }
    console.log('Application pages (bytes gzipped):', rows.join('; '));
  });
});
