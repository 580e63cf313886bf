import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { baseUrl, choose, fill, newJourneyContext, next, open, pathOf, press } from './journeys/helpers.ts';
import { makeCertificate, makeIdNumber } from '../support/identities.ts';

/**
 * What residents met when they tried the portal (issue "Tried as residents would"): on a phone
 * at 200% text, in high contrast and forced colours, switching script in the middle of a page,
 * saving half-way. Each test is something a resident noticed.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const PHONE = { width: 360, height: 640 };
const LARGE_TEXT = { textSize: '3' };

/** The display setting 200% text (saved, as the settings page saves it; applied by /prefs.js). */
async function phoneAt200() {
  const context = await newJourneyContext(browser, true, { viewport: PHONE });
  await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), LARGE_TEXT);
  return context;
}

const top = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top);

describe('on a 360 px phone at 200% text', () => {
  it('the page content starts on the first screen, with the navigation folded into a menu', async () => {
    const context = await phoneAt200();
    const page = await context.newPage();
    for (const path of ['/', '/policies/disability-certificate/', '/apply/certificate/', '/zh-hant/status/']) {
      await page.goto(`${baseUrl}${path}`);
      expect(await page.evaluate(() => document.documentElement.dataset['textSize'])).toBe('3');
      const h1 = await page.locator('main h1').first().evaluate((el) => el.getBoundingClientRect().bottom);
      expect(h1, `${path}: the whole h1 is on the first screen`).toBeLessThanOrEqual(PHONE.height);
      expect(await page.locator('.site-nav__wide').isVisible()).toBe(false);
      expect(await page.locator('.site-menu summary').isVisible()).toBe(true);
    }
    await context.close();
  });

  it('the menu opens from the keyboard without JavaScript and holds the main jobs', async () => {
    const context = await newJourneyContext(browser, false, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/news/`);
    const summary = page.locator('.site-menu summary');
    expect(await page.locator('.site-menu').getByRole('link', { name: '网上申请' }).isVisible()).toBe(false);
    await summary.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('.site-menu');
    for (const [name, href] of [['网上申请', '/services/#online'], ['继续填写', '/apply/resume/'], ['查询进度', '/status/']] as const) {
      const link = menu.getByRole('link', { name, exact: true });
      expect(await link.isVisible(), name).toBe(true);
      expect(await link.getAttribute('href')).toBe(href);
    }
    await context.close();
  });

  it('after saving, the resume code is on the first screen; refreshing shows the same code; no group breaks', async () => {
    for (const js of [true, false]) {
      // Without JavaScript the saved setting cannot apply: the same journey at the default size.
      const context = js ? await phoneAt200() : await newJourneyContext(browser, false, { viewport: PHONE });
      const page = await context.newPage();
      await open(page, '/apply/transit-card/certificate/');
      await fill(page, '您的残疾人证号是多少？', makeCertificate(makeIdNumber('1961-01-01', '271'), 1, 1));
      await next(page);
      await choose(page, '第一次办卡');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      // Saving needs nothing on this page to be answered.
      await press(page, '保存，以后再填');
      expect(pathOf(page)).toBe('/apply/transit-card/saved/');
      const code = (await page.locator('.code-box .code').textContent())!.trim();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}$/);
      expect(await top(page, '.code-box'), 'the code box starts on the first screen').toBeLessThan(PHONE.height);
      for (const group of await page.locator('.code-box .code-group').all()) {
        expect(await group.evaluate((el) => el.getClientRects().length), 'a group of four stays on one line').toBe(1);
      }
      await page.reload();
      expect((await page.locator('.code-box .code').textContent())!.trim(), 'the same code after a refresh').toBe(code);
      await context.close();
    }
  });
});

describe('the 20-character certificate number at 320 px and 200% text', () => {
  it('is shown whole: it wraps instead of hiding its start', async () => {
    const context = await newJourneyContext(browser, true, { viewport: { width: 320, height: 640 } });
    await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), LARGE_TEXT);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/apply/transit-card/certificate/`);
    const field = page.getByLabel('您的残疾人证号是多少？');
    await field.fill(makeCertificate(makeIdNumber('1961-01-01', '271'), 4, 2));
    const box = await field.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight, right: el.getBoundingClientRect().right }));
    expect(box.sw, 'nothing scrolled away sideways').toBeLessThanOrEqual(box.cw + 1);
    expect(box.sh, 'every line of the number is in view').toBeLessThanOrEqual(box.ch + 1);
    expect(box.right).toBeLessThanOrEqual(320);
    await context.close();
  });
});

/** Contrast of two CSS colours (rgb[a] strings), WCAG's formula. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((x) => Number(x) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('radios and checkboxes in every display mode', () => {
  for (const [mode, prefs] of [['normal', null], ['high contrast', { contrast: 'high' }]] as const) {
    it(`${mode}: an unchosen radio is a ring in the text colour, a chosen one has a solid dot`, async () => {
      const context = await newJourneyContext(browser, true);
      if (prefs) await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), prefs);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/apply/certificate/action/`);
      const radios = page.getByRole('radio');
      const style = (i: number) => radios.nth(i).evaluate((el) => {
        const own = getComputedStyle(el);
        const dot = getComputedStyle(el, '::before');
        return { ring: own.borderTopColor, ringWidth: parseFloat(own.borderTopWidth), page: getComputedStyle(document.body).backgroundColor, dot: dot.borderTopColor, scale: dot.transform };
      });
      await radios.nth(1).check();
      const unchosen = await style(0);
      const chosen = await style(1);
      expect(contrast(unchosen.ring, unchosen.page), `ring ${unchosen.ring} on ${unchosen.page}`).toBeGreaterThanOrEqual(3);
      expect(unchosen.ringWidth).toBeGreaterThanOrEqual(2);
      expect(unchosen.scale, 'no dot when unchosen').toMatch(/matrix\(0, 0, 0, 0/);
      expect(chosen.scale, 'a dot when chosen').toMatch(/^none$|^matrix\(1, 0, 0, 1, 0, 0\)$/);
      expect(contrast(chosen.dot, chosen.page)).toBeGreaterThanOrEqual(3);
      await context.close();
    });
  }

  it('forced colours: ring and dot are system text colour, never a background that the system removes', async () => {
    const context = await newJourneyContext(browser, true, { forcedColors: 'active' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/apply/certificate/action/`);
    const radio = page.getByRole('radio').nth(0);
    await radio.check();
    const s = await radio.evaluate((el) => ({ ring: getComputedStyle(el).borderTopColor, dot: getComputedStyle(el, '::before').borderTopColor, page: getComputedStyle(document.body).backgroundColor }));
    expect(contrast(s.ring, s.page)).toBeGreaterThanOrEqual(3);
    expect(contrast(s.dot, s.page)).toBeGreaterThanOrEqual(3);
    await context.close();
  });
});

describe('switching script in the middle of a question page', () => {
  it('carries what was typed to the same page in the other script, with JavaScript off', async () => {
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await open(page, '/apply/certificate/action/');
    await choose(page, '新办残疾人证（第一次申请）');
    await next(page);
    await choose(page, '为自己申请');
    await next(page);
    expect(pathOf(page)).toBe('/apply/certificate/applicant/');
    await fill(page, '姓名', '张晓燕');
    await fill(page, '户籍地址', '示例县人民路 12 号');
    await press(page, '繁體中文');
    expect(pathOf(page)).toBe('/zh-hant/apply/certificate/applicant/');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('张晓燕');
    expect(await page.getByLabel('戶籍地址', { exact: true }).inputValue()).toBe('示例县人民路 12 号');
    expect(await page.title()).not.toMatch(/^錯誤/);
    // And back, still carrying it.
    await press(page, '简体中文');
    expect(pathOf(page)).toBe('/apply/certificate/applicant/');
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('张晓燕');
    await context.close();
  });
});

describe('smaller things residents noticed', () => {
  it('the step count says it is an estimate; breadcrumbs have no separator character to read aloud', async () => {
    const context = await newJourneyContext(browser, true);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/apply/certificate/action/`);
    expect(await page.locator('main .hint').first().textContent()).toMatch(/第 1 步，共约 \d+ 步/);
    const separators = await page.locator('.breadcrumbs li').evaluateAll((items) => items.map((li) => getComputedStyle(li, '::before').content));
    for (const content of separators) expect(content).not.toMatch(/›|>|\//);
    const tree = await page.locator('.breadcrumbs').ariaSnapshot();
    expect(tree).not.toContain('›');
    await context.close();
  });

  it('a guide shows the office contact once (the footer does not repeat it); the home page and the header lead to the main jobs', async () => {
    const context = await newJourneyContext(browser, true);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/policies/disability-certificate/`);
    expect(await page.locator('.office-contact').count()).toBe(1);
    expect(await page.locator('#footer-contact').count()).toBe(0);
    await page.goto(`${baseUrl}/`);
    const main = page.locator('main');
    for (const href of ['/apply/certificate/', '/apply/assistive-devices/', '/apply/transit-card/', '/apply/resume/', '/status/']) {
      expect(await main.locator(`a[href="${href}"]`).count(), href).toBeGreaterThan(0);
    }
    const header = page.locator('.site-nav__wide');
    for (const href of ['/services/#online', '/apply/resume/', '/status/']) expect(await header.locator(`a[href="${href}"]`).count(), href).toBe(1);
    await context.close();
  });
});
