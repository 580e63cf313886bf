import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';

/**
 * A keyboard-only walk of the home page (both scripts): the skip link comes first and
 * works, Tab reaches every control, and the focused control always looks different.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

interface FocusInfo {
  key: string;
  text: string;
  changed: string[];
}

/** Describe the focused element and which of its visual properties focus changed. */
async function focusInfo(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const props = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'background-color', 'color', 'text-decoration-line'];
    const focused = getComputedStyle(el);
    const withFocus = props.map((p) => focused.getPropertyValue(p));
    // Compare with the same element unfocused: a visible indicator must change something.
    const clone = el.cloneNode(true) as HTMLElement;
    clone.removeAttribute('id');
    el.parentElement!.insertBefore(clone, el);
    const plain = getComputedStyle(clone);
    const changed = props.filter((p, i) => plain.getPropertyValue(p) !== withFocus[i]);
    clone.remove();
    const path: string[] = [];
    for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) {
      path.unshift(`${n.tagName.toLowerCase()}:${Array.prototype.indexOf.call(n.parentElement?.children ?? [], n)}`);
    }
    return { key: path.join('/'), text: (el.textContent ?? '').trim().slice(0, 40), changed };
  });
}

/** Selectors of everything a keyboard user must be able to reach. */
async function interactiveKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const els = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')];
    return els
      .filter((el) => {
        const s = getComputedStyle(el);
        return s.visibility !== 'hidden' && s.display !== 'none' && el.getClientRects().length > 0;
      })
      .map((el) => {
        const path: string[] = [];
        for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) {
          path.unshift(`${n.tagName.toLowerCase()}:${Array.prototype.indexOf.call(n.parentElement?.children ?? [], n)}`);
        }
        return path.join('/');
      });
  });
}

describe.each(['/', '/zh-hant/'])('keyboard walk of %s', (path) => {
  it('the skip link is the first stop, is visible when focused, and moves focus to the main content', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}${path}`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const rect = el.getBoundingClientRect();
      return { href: el.getAttribute('href'), inView: rect.top >= 0 && rect.bottom <= innerHeight && rect.width > 0 };
    });
    expect(first).toEqual({ href: '#main-content', inView: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await page.close();
  });

  it('Tab reaches every control, in order, and focus is always visible', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}${path}`);
    const expected = await interactiveKeys(page);
    const reached: FocusInfo[] = [];
    for (let i = 0; i < expected.length + 5; i++) {
      await page.keyboard.press('Tab');
      const info = await focusInfo(page);
      if (!info || (reached.length > 0 && info.key === reached[0]!.key)) break;
      reached.push(info);
    }
    expect(reached.map((r) => r.key)).toEqual(expected);
    const invisible = reached.filter((r) => r.changed.length === 0).map((r) => r.text);
    expect(invisible, 'controls whose focus changes nothing visible').toEqual([]);
    await page.close();
  });
});
