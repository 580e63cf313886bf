import axe from 'axe-core';
import { expect, inject } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { AXE_TAGS, type Violation } from '../axe.ts';
import { makeIdNumber } from '../../support/identities.ts';

/**
 * Shared by the journey tests: a context per reader (JavaScript on, or off with
 * javaScriptEnabled:false), axe on every page state, and steps driven by label text.
 */
export const baseUrl = inject('baseUrl');

export const MODES = [
  { js: true, name: 'JavaScript on' },
  { js: false, name: 'JavaScript off' },
] as const;

/** An 8-character reference or resume code: digits 2–9 and capitals without I and O. */
export const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

const withoutJs = new WeakSet<BrowserContext>();
const checkedStates = new Set<string>();

/**
 * A fresh context (fresh cookies), a reader of its own: its own client address (sent as
 * X-Nf-Client-Connection-Ip, which the served build takes as the address, as Netlify's is), so
 * the hourly limits per client and the lookup throttling of one test do not reach another. axe is
 * injected at document start even with JavaScript off.
 */
export async function newJourneyContext(browser: Browser, js: boolean, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const address = `192.0.2.${1 + Math.floor(Math.random() * 250)}-${Math.random().toString(16).slice(2, 10)}`;
  const context = await browser.newContext({ ...options, javaScriptEnabled: js, extraHTTPHeaders: { 'X-Nf-Client-Connection-Ip': address, ...options?.extraHTTPHeaders } });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  if (!js) withoutJs.add(context);
  await context.addInitScript({ content: axe.source });
  return context;
}

/**
 * axe (every rule set the portal promises) on the page as it is now. With JavaScript off the
 * page's timers never fire, so while axe runs its zero-delay timers become promise jobs
 * (which do run); the long ones only guard frames that never answer.
 */
export async function expectAccessible(page: Page, state = page.url()): Promise<void> {
  // The same page state reached again (the other JavaScript mode, another test of this file) was
  // already checked: same path, title, headings, labels, hints and error messages; only the
  // values typed differ. Skipping it keeps the suite's time in budget without skipping a state.
  const key = await page.evaluate(() => [
    location.pathname,
    document.title.replace(/[2-9A-HJ-NP-Z]{8}/g, '#'),
    ...[...document.querySelectorAll('main h1, main h2, main legend, main label, main .hint, main .error-message, main .error-summary a, main a.button, main button')]
      .map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
  ].join('\n').replace(/[2-9A-HJ-NP-Z]{8}|\d{4}年\d{1,2}月\d{1,2}日/g, '#'));
  if (checkedStates.has(key)) return;
  checkedStates.add(key);
  const shim = withoutJs.has(page.context());
  const violations = await page.evaluate(async ({ tags, shim }) => {
    const w = window as unknown as { axe: typeof axe; setTimeout: typeof setTimeout };
    const real = w.setTimeout;
    if (shim) {
      w.setTimeout = ((fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]) => {
        if (Number(ms) <= 1) void Promise.resolve().then(() => fn(...args));
        return 0;
      }) as unknown as typeof setTimeout;
    }
    try {
      return (await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
    } finally {
      w.setTimeout = real;
    }
  }, { tags: AXE_TAGS, shim });
  const lines = (violations as unknown as Violation[]).map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(lines, `axe on ${state}`).toEqual([]);
}

/** Open a path and check it with axe. */
export async function open(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(path.startsWith('http') ? path : `${baseUrl}${path}`);
  await expectAccessible(page);
  return response;
}

/** Press a button (by its name) with the keyboard, wait for the next page, check it with axe. */
export async function press(page: Page, name: string | RegExp): Promise<Response | null> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  await button.focus();
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await expectAccessible(page);
  return response;
}

/** Follow a link with the keyboard (focus, Enter), wait for the next page, check it with axe. */
export async function enter(page: Page, name: string): Promise<Response | null> {
  const link = page.getByRole('link', { name, exact: true });
  await link.focus();
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await expectAccessible(page);
  return response;
}

/** "继续" — or, when the page was opened from the check page, "保存并返回核对页" (either script). */
export const next = (page: Page) => press(page, /^(继续|繼續|保存并返回核对页|保存並返回核對頁)$/);

/** Follow a link (by its accessible name) and check the new page with axe. */
export async function follow(page: Page, name: string | RegExp, exact = true): Promise<Response | null> {
  const link = page.getByRole('link', { name, exact: typeof name === 'string' ? exact : undefined }).first();
  const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
  await expectAccessible(page);
  return response;
}

/** Follow a change link of one section of the check page (rows of two sections may share a key). */
export async function followInSection(page: Page, section: string, name: string | RegExp): Promise<Response | null> {
  const scope = page.locator('.summary-section', { has: page.getByRole('heading', { name: section, exact: true }) });
  const link = scope.getByRole('link', { name }).first();
  const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
  await expectAccessible(page);
  return response;
}

/** The check page's change link of a row ("更改" + the row's key, read as two words). */
export const change = (key: string) => new RegExp(`^更改\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Type into the field with this label (replacing what is there). */
export async function fill(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill('');
  await input.focus();
  await page.keyboard.type(text);
}

/** Choose a radio button or tick a checkbox by its label, with the keyboard, optionally inside a group. */
export async function choose(page: Page, label: string, group?: string | RegExp): Promise<void> {
  const scope = group ? page.getByRole('group', { name: group }) : page;
  const control = scope.getByLabel(label, { exact: true });
  await control.focus();
  if (!(await control.isChecked())) await page.keyboard.press('Space');
  expect(await control.isChecked(), label).toBe(true);
}

/** The page's path (no origin). */
export const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** The text of each row on the check page, by its key: { 姓名: '张三', … } (first section wins). */
export async function checkRows(page: Page, section?: string): Promise<Record<string, string>> {
  return page.evaluate((heading) => {
    const rows: Record<string, string> = {};
    for (const s of document.querySelectorAll('.summary-section')) {
      if (heading && s.querySelector('h2')?.textContent?.trim() !== heading) continue;
      for (const row of s.querySelectorAll('.summary-row')) {
        const key = row.querySelector('dt')!.textContent!.trim();
        if (!(key in rows)) rows[key] = [...row.querySelectorAll('.summary-line')].map((l) => l.textContent).join('\n');
      }
    }
    return rows;
  }, section ?? null);
}

/** The reference on the receipt, without the space that groups it. */
export async function receiptReference(page: Page): Promise<string> {
  expect(new URL(page.url()).pathname).toMatch(/\/apply\/receipt\/$/);
  const reference = (await page.locator('.panel .reference').textContent())!.replace(/\s/g, '');
  expect(reference).toMatch(CODE);
  return reference;
}

/**
 * A valid fictional ID number of its own for each call (uniqueness matters to lookups).
 * Each file passes its own block of sequence numbers.
 */
export function idMaker(block: number) {
  let n = 0;
  return (birth: string) => makeIdNumber(birth, String(block * 50 + n++).padStart(3, '0'));
}

const supabase = createClient(inject('supabaseUrl'), inject('supabaseKey'), {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

/** Rows in the intake tables of the stand-in behind the served build (files run one at a time). */
export async function counts(): Promise<{ drafts: number; applications: number; status_events: number }> {
  const { data, error } = await supabase.rpc('intake_counts');
  if (error) throw new Error(`intake_counts: ${error.message}`);
  return data;
}

/** What a reader would lose: sideways scrolling, text off screen, boxes overlapping each other. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('.skip-link, .visually-hidden')) return false;
      // Hidden the visually-hidden way (clipped to nothing) by a style, e.g. a table's header row on a narrow screen.
      for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).clipPath === 'inset(50%)') return false;
      return true;
    };
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (!visible(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || !el.textContent?.trim()) continue;
      if (rect.right > root.clientWidth + 1 || rect.left < -1) problems.push(`off screen: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 30)}"`);
    }
    // Nothing a reader reads or operates may sit on top of anything else: lines of text (their
    // glyph boxes, not their padded boxes) and form controls.
    const items: { what: string; owner: Element; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement!;
      if (!node.textContent!.trim() || !visible(owner)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) items.push({ what: `"${node.textContent!.trim().slice(0, 20)}"`, owner, r });
    }
    for (const el of document.querySelectorAll('main input, main textarea, main button, main select')) {
      const r = el.getBoundingClientRect();
      if (visible(el) && r.width > 0 && r.height > 0) items.push({ what: `<${el.tagName.toLowerCase()} ${el.id || el.textContent!.trim()}>`, owner: el, r });
    }
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${a.what} and ${b.what}`);
      }
    }
    return problems.slice(0, 10);
  });
}
