import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { sitemapPaths } from '../dist/site-files.ts';

/**
 * Reflow and adaptation: no horizontal scrolling at 320 CSS px (WCAG 1.4.10) on any page,
 * and nothing lost at 200% text (1.4.4) or in forced colours (Windows high contrast).
 * Screenshots land in test-results/ for a person to look at.
 */
const baseUrl = inject('baseUrl');
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const SAMPLE = ['/', '/policies/', '/policies/disability-certificate/', '/policies/disability-certificate/easy-read/', '/news/', '/contact/', '/settings/', '/zh-hant/', '/zh-hant/policies/living-subsidy/'];
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** What a reader would lose: horizontal scroll, text cut off by its box, or text off screen. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || el.closest('.skip-link, .visually-hidden')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || !el.textContent?.trim()) continue;
      if (rect.right > root.clientWidth + 1 || rect.left < -1) {
        problems.push(`off screen: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 30)}"`);
      }
      const clips = /hidden|clip/.test(style.overflowX + style.overflowY);
      if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        problems.push(`clipped: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 30)}"`);
      }
    }
    return problems.slice(0, 10);
  });
}

async function withContext(options: Parameters<Browser['newContext']>[0], prefs: Record<string, string> | null, fn: (ctx: BrowserContext) => Promise<void>) {
  const context = await browser.newContext(options);
  if (prefs) await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), prefs);
  try {
    await fn(context);
  } finally {
    await context.close();
  }
}

const shotName = (path: string, variant: string) => `${variant}${path.replace(/\//g, '_') || '_'}.png`;

describe('layout', () => {
  it('no page scrolls sideways at 320 px wide', async () => {
    await withContext({ viewport: { width: 320, height: 640 } }, null, async (ctx) => {
      const page = await ctx.newPage();
      const failures: Record<string, string[]> = {};
      for (const path of sitemapPaths()) {
        await page.goto(`${baseUrl}${path}`);
        const problems = await layoutProblems(page);
        if (problems.length) failures[path] = problems;
        if (SAMPLE.includes(path)) await page.screenshot({ path: `${SHOTS}${shotName(path, '320')}`, fullPage: true });
      }
      expect(failures).toEqual({});
    });
  });

  it('200% text (the 特大 setting) loses nothing at 320 px and at 1280 px', async () => {
    for (const width of [320, 1280]) {
      await withContext({ viewport: { width, height: 800 } }, { textSize: '3' }, async (ctx) => {
        const page = await ctx.newPage();
        for (const path of SAMPLE) {
          await page.goto(`${baseUrl}${path}`);
          const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
          expect(size, 'root font is doubled').toBe('32px');
          expect(await layoutProblems(page), `${path} at ${width}px`).toEqual([]);
          if (width === 320) await page.screenshot({ path: `${SHOTS}${shotName(path, 'text200')}`, fullPage: true });
        }
      });
    }
  });

  it("the browser's own 200% text size is honoured (rem-based, nothing fixed in px)", async () => {
    await withContext({ viewport: { width: 640, height: 800 }, bypassCSP: true }, null, async (ctx) => {
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/policies/living-subsidy/`);
      const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize));
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize));
      expect(after / before).toBeCloseTo(2, 1);
      expect(await layoutProblems(page)).toEqual([]);
    });
  });

  it('forced colours (Windows high contrast) keep every page whole, with focus still shown', async () => {
    await withContext({ viewport: { width: 1024, height: 800 }, forcedColors: 'active' }, null, async (ctx) => {
      const page = await ctx.newPage();
      for (const path of SAMPLE) {
        await page.goto(`${baseUrl}${path}`);
        expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
        expect(await layoutProblems(page), path).toEqual([]);
        await page.screenshot({ path: `${SHOTS}${shotName(path, 'forced')}`, fullPage: true });
      }
      await page.goto(`${baseUrl}/`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(outline.style).toBe('solid');
      expect(outline.width).toBeGreaterThanOrEqual(2);
    });
  });

  it('high contrast, wide spacing and simple mode apply from the saved setting', async () => {
    await withContext({ viewport: { width: 1024, height: 800 } }, { contrast: 'high', spacing: 'wide', mode: 'simple' }, async (ctx) => {
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/`);
      const look = await page.evaluate(() => {
        const body = getComputedStyle(document.body);
        const grid = document.querySelector('.card-grid');
        return {
          bg: body.backgroundColor,
          color: body.color,
          lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
          gridDisplay: grid ? getComputedStyle(grid).display : 'none',
        };
      });
      expect(look).toMatchObject({ bg: 'rgb(0, 0, 0)', color: 'rgb(255, 255, 0)', gridDisplay: 'block' });
      expect(look.lineHeight).toBeGreaterThanOrEqual(2);
      expect(await layoutProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}high-contrast-simple_home.png`, fullPage: true });
    });
  });

  it('honours the system high-contrast and reduced-motion preferences without JavaScript', async () => {
    await withContext({ javaScriptEnabled: false, contrast: 'more', reducedMotion: 'reduce' }, null, async (ctx) => {
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/`);
      const color = await page.evaluate(() => getComputedStyle(document.body).color);
      expect(color).toBe('rgb(0, 0, 0)');
    });
  });
});
