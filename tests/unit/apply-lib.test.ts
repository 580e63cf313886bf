import { describe, expect, it } from 'vitest';
import { openReceipt, sealReceipt } from '../../src/lib/apply/receipt-token.ts';
import { MAX_FORM_BYTES, readForm } from '../../src/lib/apply/form-input.ts';
import { addWorkingDays, formatExpiry } from '../../src/lib/apply/dates.ts';
import { documentsToBring } from '../../src/lib/apply/documents.ts';

const form = (body: string, type = 'application/x-www-form-urlencoded') =>
  new Request('http://localhost/apply/', { method: 'POST', headers: { 'content-type': type }, body });

describe('receipt tokens', () => {
  const data = { reference: 'K7M2P9QX', service: 'certificate', action: 'new', submittedOn: '2026-11-22', forOther: true };
  it('round-trips, and differs every time (random IV)', () => {
    const a = sealReceipt(data);
    expect(openReceipt(a)).toEqual(data);
    expect(sealReceipt(data)).not.toBe(a);
    expect(a).not.toContain('K7M2P9QX');
  });
  it('refuses any change, truncation or garbage', () => {
    const token = sealReceipt(data);
    const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    expect(openReceipt(flipped)).toBeNull();
    expect(openReceipt(token.slice(0, -2))).toBeNull();
    expect(openReceipt('')).toBeNull();
    expect(openReceipt('<script>')).toBeNull();
  });
});

describe('reading form posts', () => {
  it('keeps repeated names as lists and ignores prototype keys', async () => {
    const read = await readForm(form('devices=walker&devices=crutches&name=%E5%BC%A0%E4%B8%89&__proto__=x&constructor=y'));
    expect(read).toEqual({ ok: true, input: { devices: ['walker', 'crutches'], name: '张三' }, fields: { devices: 'walker', name: '张三' } });
    expect(Object.getPrototypeOf(read.ok && read.input)).toBe(Object.prototype);
  });
  it('refuses bodies over the limit and other content types', async () => {
    expect(await readForm(form(`name=${'a'.repeat(MAX_FORM_BYTES)}`))).toEqual({ ok: false, status: 413 });
    expect(await readForm(form('{"a":1}', 'application/json'))).toEqual({ ok: false, status: 415 });
  });
  it('cuts a single field at 2,000 characters (the field schema then refuses it)', async () => {
    const read = await readForm(form(`name=${'中'.repeat(3000)}`));
    expect(read.ok && (read.input['name'] as string).length).toBe(2000);
  });
});

describe('dates on receipts', () => {
  it('counts working days over weekends', () => {
    expect(addWorkingDays('2026-11-20', 5)).toBe('2026-11-27'); // Friday → next Friday
    expect(addWorkingDays('2026-11-22', 5)).toBe('2026-11-27'); // Sunday → Friday
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
  });
  it('writes expiry dates in China Standard Time', () => {
    expect(formatExpiry('2026-12-22T17:30:00Z')).toBe('2026年12月23日');
  });
});

describe('documents to bring', () => {
  it('depends on the action and on whether someone else applies', () => {
    expect(documentsToBring('certificate', 'new', false).join()).toContain('病历');
    expect(documentsToBring('certificate', 'renewal', false).join()).toContain('旧的残疾人证');
    expect(documentsToBring('certificate', 'renewal', true).join()).toContain('监护关系证明');
    expect(documentsToBring('transit-card', 'new', false)).toContain('1 寸免冠照片 1 张');
  });
});

describe('reference / resume code and ID fact as typed', async () => {
  const { parseCodeAndFact } = await import('../../src/domain/applications/lookup-input.ts');
  it('forgives spaces, hyphens, lowercase and full-width digits', () => {
    expect(parseCodeAndFact('reference', ' k7m2-p9qx ', '０１３x')).toEqual({ ok: true, code: 'K7M2P9QX', fact: '013X' });
  });
  it('names each problem, with the right words for each kind of code', () => {
    expect(parseCodeAndFact('code', '', '')).toEqual({ ok: false, errors: [
      { field: 'code', message: '请输入继续填写代码' },
      { field: 'fact', message: '请输入申请人身份证号的后 4 位' },
    ] });
    expect(parseCodeAndFact('reference', 'K7M2P9Q0', '12X4')).toEqual({ ok: false, errors: [
      { field: 'reference', message: '申请编号是 8 位，由数字 2–9 和大写字母组成（没有 0、1、O、I）' },
      { field: 'fact', message: '身份证号后 4 位是 3 位数字加 1 位数字或 X' },
    ] });
  });
});
