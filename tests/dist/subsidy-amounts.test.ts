import { describe, expect, it } from 'vitest';
import { readPage } from './site-files.ts';

/**
 * The two national subsidies, as a reader of the built guides finds them: the configured
 * amount with whose rule it is, from when and from where, in both scripts, and a 能领多少
 * part in the easy-read version — not only "标准由本省规定".
 */
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, '');

describe.each([
  ['living-subsidy', '每人每月100元'],
  ['nursing-subsidy', '每人每月300元'],
])('%s', (slug, amount) => {
  it('the guide shows the amount, marked 本省规定, dated and sourced as example data', () => {
    const page = text(readPage(`/policies/${slug}/`));
    expect(page).toContain(`${amount}（本省规定，2025年1月1日起执行；来源：`);
    expect(page).toMatch(/来源：本省[^）]*（示例数据，部署时按本省文件修改）/);
  });

  it('the easy-read version has a 能领多少 part with the amount', () => {
    // Easy-read pages carry pinyin as <ruby> (shown when 显示拼音 is on): read the characters only.
    const html = readPage(`/policies/${slug}/easy-read/`).replace(/<rt\b[^>]*>[\s\S]*?<\/rt>/g, '');
    const heading = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].find((m) => m[1]!.replace(/<[^>]*>/g, '').trim() === '能领多少');
    const part = heading ? /^([\s\S]*?)<\/section>/.exec(html.slice(heading.index! + heading[0].length)) : null;
    expect(part, 'a 能领多少 section').not.toBeNull();
    expect(text(part![1]!)).toContain(amount);
    expect(text(part![1]!)).toContain('示例');
  });

  it('the Traditional guide shows it too', () => {
    expect(text(readPage(`/zh-hant/policies/${slug}/`))).toContain(`${amount}（本省規定`);
  });
});
