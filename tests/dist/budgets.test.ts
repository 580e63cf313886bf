import { describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, TOOL_PAGES, builtPages, readPage } from './site-files.ts';

/** Budgets from design.md, measured on the built files (gzip level 9, as served). */
const CSS_TOTAL_BUDGET = 15 * 1024;
const PAGE_BUDGET = 30 * 1024;
/** The read-aloud control on guides, easy-read pages and news (issue 14): a custom element, no framework. */
const READ_ALOUD_BUDGET = 3 * 1024;
const READ_ALOUD_JS = /^\/_astro\/ReadAloud\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/;

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;
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
  it('all CSS for the site is at most 15 KB gzipped', () => {
    const css = readdirSync(join(DIST, '_astro')).filter((f) => f.endsWith('.css'));
    const total = css.reduce((sum, f) => sum + fileGz(`/_astro/${f}`), 0);
    console.log(`CSS total: ${total} bytes gzipped in ${css.length} files (budget ${CSS_TOTAL_BUDGET})`);
    expect(total).toBeLessThanOrEqual(CSS_TOTAL_BUDGET);
  });

  it('content pages ship no framework JS: the display-preferences script, and the read-aloud script where it is offered', () => {
    let withReadAloud = 0;
    for (const page of pages.filter((p) => !TOOL_PAGES.has(p))) {
      const html = readPage(page);
      expect(html, page).not.toContain('<astro-island');
      const scripts = attrValues(html, 'script', 'src');
      if (html.includes('<read-aloud')) {
        withReadAloud++;
        expect(scripts, page).toEqual(['/prefs.js', expect.stringMatching(READ_ALOUD_JS)]);
      } else expect(scripts, page).toEqual(['/prefs.js']);
      const inline = [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>/g)];
      expect(inline, `${page} has an inline script`).toEqual([]);
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

  it('the application pages (rendered on demand) weigh at most 30 KB gzipped, error states included', async () => {
    const base = inject('baseUrl');
    const get = (path: string) => fetch(`${base}${path}`).then((r) => r.text());
    const states: [string, Promise<string>][] = [
      ...['/apply/certificate/action/', '/apply/assistive-devices/who/', '/apply/transit-card/certificate/', '/status/', '/apply/resume/']
        .map((path): [string, Promise<string>] => [path, get(path)]),
      ['/apply/certificate/action/ (errors)', fetch(`${base}/apply/certificate/action/`, {
        method: 'POST', headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '',
      }).then((r) => r.text())],
    ];
    const rows: string[] = [];
    for (const [state, pending] of states) {
      const html = await pending;
      expect(html, state).toContain('<main');
      const total = gz(html) + stylesheets(html).reduce((s, f) => s + fileGz(f), 0) + scriptFiles(html).reduce((s, f) => s + fileGz(f), 0);
      rows.push(`${state} ${total}`);
      expect(total, state).toBeLessThanOrEqual(PAGE_BUDGET);
    }
    console.log('Application pages (bytes gzipped):', rows.join('; '));
  });
});
