import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { axeContext, axeViolations } from './axe.ts';

/**
 * Read aloud in Chromium with a stubbed speechSynthesis (headless Chromium has no voices):
 * the stub records every utterance and cancel, and the test decides when a sentence ends.
 */
const baseUrl = inject('baseUrl');
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const GUIDE = '/policies/living-subsidy/';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

interface Voice { name: string; lang: string }
type Logged = { type: 'speak'; text: string; rate: number; lang: string; voice: string } | { type: 'cancel' };

/** Replace the browser's speech synthesis before any page script runs. */
function stubSpeech(voices: Voice[]) {
  const log: unknown[] = [];
  let current: { onend?: ((e: unknown) => void) | null; onerror?: ((e: unknown) => void) | null } | null = null;
  // A plain constructor: this function's source runs in the page, without any bundler helpers.
  function Utterance(this: Utterance, text: string) {
    Object.assign(this, { text, rate: 1, lang: '', voice: null, onend: null, onerror: null });
  }
  interface Utterance { text: string; rate: number; lang: string; voice: Voice | null; onend: ((e: unknown) => void) | null; onerror: ((e: unknown) => void) | null }
  const synth = {
    speaking: false, pending: false, paused: false,
    getVoices: () => voices,
    speak(u: Utterance) {
      log.push({ type: 'speak', text: u.text, rate: u.rate, lang: u.lang, voice: u.voice?.name });
      current = u;
    },
    cancel() {
      log.push({ type: 'cancel' });
      const u = current;
      current = null;
      if (u) setTimeout(() => u.onerror?.({ error: 'interrupted' }), 0);
    },
    pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  (window as unknown as { __speech: unknown }).__speech = {
    log,
    /** The current sentence has been spoken. */
    finish() {
      const u = current;
      current = null;
      u?.onend?.({});
    },
  };
}

const CHINESE: Voice[] = [{ name: 'Stub Mandarin (China)', lang: 'zh-CN' }, { name: 'Stub Mandarin (Taiwan)', lang: 'zh-TW' }, { name: 'Stub English', lang: 'en-US' }];

async function speechContext(voices: Voice[] = CHINESE, axe = false): Promise<BrowserContext> {
  const context = axe ? await axeContext(browser) : await browser.newContext();
  await context.addInitScript(stubSpeech, voices);
  return context;
}

const log = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { log: Logged[] } }).__speech.log);
const spoken = async (page: Page) => (await log(page)).filter((e): e is Extract<Logged, { type: 'speak' }> => e.type === 'speak');
const finish = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { finish(): void } }).__speech.finish());
const highlighted = (page: Page) =>
  page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('read-aloud');
    return h ? [...h].map((r) => r.toString().replace(/\s+/g, ' ').trim()).join('') : '';
  });
const control = (page: Page) => page.locator('read-aloud');

describe('read aloud', () => {
  it('is offered only where it can work: not without JavaScript, speech synthesis or a Chinese voice', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    let page = await noJs.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    expect(await control(page).isVisible()).toBe(false);
    await noJs.close();

    const english = await speechContext([{ name: 'Stub English', lang: 'en-US' }]);
    page = await english.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    expect(await control(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /从这里朗读/ }).count()).toBe(0);
    await english.close();

    const chinese = await speechContext();
    page = await chinese.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    await expect.poll(() => control(page).isVisible()).toBe(true);
    await chinese.close();
  });

  it('never starts by itself, then reads the main text sentence by sentence in document order, skipping navigation and controls', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    await expect.poll(() => control(page).isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(await log(page)).toEqual([]);

    await page.getByRole('button', { name: '朗读', exact: true }).click();
    for (let i = 0; i < 40; i++) await finish(page);
    const texts = (await spoken(page)).map((s) => s.text);
    expect(texts[0]).toBe('困难残疾人生活补贴');
    expect(texts[1]).toBe('低保家庭中的残疾人，每月可以领取一笔现金补贴，用来补贴因残疾多出来的生活开支。');
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    let at = 0;
    for (const text of texts) {
      const found = main.indexOf(text, at);
      expect(found, `"${text}" comes after what was read before`).toBeGreaterThanOrEqual(at);
      at = found + text.length;
    }
    const all = texts.join('|');
    for (const never of ['首页', '本页目录', '其他阅读方式', '从这里朗读', '大字版', '朗读本页', '这是大字版']) expect(all).not.toContain(never);
    // Each section heading is read once (the contents list that repeats it is navigation).
    expect(texts.filter((t) => t === '谁可以申请')).toHaveLength(1);
    expect((await spoken(page)).every((s) => s.lang === 'zh-CN' && s.voice === 'Stub Mandarin (China)')).toBe(true);
    await context.close();
  });

  it('highlights the sentence being read without moving keyboard focus', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    const play = page.getByRole('button', { name: '朗读', exact: true });
    await expect.poll(() => play.isVisible()).toBe(true);
    await play.focus();
    await page.keyboard.press('Enter');
    await finish(page);
    await finish(page);
    const current = (await spoken(page)).at(-1)!.text;
    expect(await highlighted(page)).toBe(current);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('暂停');
    await page.screenshot({ path: `${SHOTS}read-aloud-highlight.png` });
    await context.close();
  });

  it('pauses, resumes at the same sentence, and stops', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    await finish(page);
    const before = (await spoken(page)).length;
    const sentence = (await spoken(page)).at(-1)!.text;

    await page.getByRole('button', { name: '暂停' }).click();
    expect((await log(page)).at(-1)).toEqual({ type: 'cancel' });
    await finish(page);
    await page.waitForTimeout(50);
    expect((await spoken(page)).length, 'nothing more is read while paused').toBe(before);
    expect(await highlighted(page)).toBe(sentence);

    await page.getByRole('button', { name: '继续' }).click();
    expect((await spoken(page)).at(-1)!.text).toBe(sentence);

    await page.getByRole('button', { name: '停止' }).click();
    expect(await highlighted(page)).toBe('');
    expect(await page.getByRole('button', { name: '停止' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    expect((await spoken(page)).at(-1)!.text, 'after stop it starts again from the top').toBe('困难残疾人生活补贴');
    await context.close();
  });

  it('changes speed at once, re-reading the current sentence at the new rate', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    expect((await spoken(page)).at(-1)!.rate).toBe(1);
    await page.getByLabel('语速').selectOption({ label: '慢' });
    expect((await spoken(page)).at(-1)).toMatchObject({ text: '困难残疾人生活补贴', rate: 0.7 });
    await finish(page);
    expect((await spoken(page)).at(-1)!.rate).toBe(0.7);
    await page.getByLabel('语速').selectOption({ label: '快' });
    expect((await spoken(page)).at(-1)!.rate).toBe(1.3);
    await context.close();
  });

  it('reads from a chosen heading', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    await page.getByRole('button', { name: /从这里朗读\s*：需要的材料/ }).click();
    await finish(page);
    const texts = (await spoken(page)).map((s) => s.text);
    expect(texts[0]).toBe('需要的材料');
    expect(texts[1]).toBe('申请人的居民身份证');
    await context.close();
  });

  it('stops when the reader leaves the page', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}${GUIDE}`);
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    expect((await log(page)).at(-1)).toEqual({ type: 'cancel' });
    expect(await highlighted(page)).toBe('');
    expect(await page.getByRole('button', { name: '朗读', exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('uses a Taiwan voice on Traditional pages, and never reads the pinyin of easy-read pages', async () => {
    const context = await speechContext();
    await context.addInitScript(() => localStorage.setItem('cl-display', JSON.stringify({ pinyin: 'on' })));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/zh-hant${GUIDE}easy-read/`);
    await page.getByRole('button', { name: '朗讀', exact: true }).click();
    for (let i = 0; i < 6; i++) await finish(page);
    const said = await spoken(page);
    expect(said[0]).toMatchObject({ text: '困難殘疾人生活補貼（易讀版）', lang: 'zh-TW', voice: 'Stub Mandarin (Taiwan)' });
    for (const s of said) expect(s.text, 'no pinyin in what is read').not.toMatch(/[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/i);
    await context.close();
  });

  it('has no axe violations when idle, reading and paused, in high contrast too', async () => {
    for (const prefs of [{}, { contrast: 'high' }]) {
      const context = await speechContext(CHINESE, true);
      await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), prefs);
      const page = await context.newPage();
      await page.goto(`${baseUrl}${GUIDE}`);
      await expect.poll(() => control(page).isVisible()).toBe(true);
      expect(await axeViolations(page), 'idle').toEqual([]);
      await page.getByRole('button', { name: '朗读', exact: true }).click();
      await finish(page);
      expect(await axeViolations(page), 'reading').toEqual([]);
      if ('contrast' in prefs) await page.screenshot({ path: `${SHOTS}read-aloud-highlight-high-contrast.png` });
      await page.getByRole('button', { name: '暂停' }).click();
      expect(await axeViolations(page), 'paused').toEqual([]);
      await context.close();
    }
  });

  it('the highlight shows in forced colours', async () => {
    const context = await speechContext();
    const page = await context.newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${baseUrl}${GUIDE}`);
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    await finish(page);
    // The sentence's pixels differ from the same sentence unhighlighted.
    const box = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('read-aloud')!;
      const r = [...h][0]!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: Math.max(1, r.width), height: Math.max(1, r.height) };
    });
    const lit = await page.screenshot({ clip: box });
    await page.screenshot({ path: `${SHOTS}read-aloud-highlight-forced-colours.png` });
    await page.getByRole('button', { name: '停止' }).click();
    const plain = await page.screenshot({ clip: box });
    expect(lit.equals(plain)).toBe(false);
    await context.close();
  });
});
