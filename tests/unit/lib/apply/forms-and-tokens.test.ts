import { describe, expect, it } from 'vitest';
import { openReceipt, sealReceipt } from '../../../../src/lib/apply/receipt-token.ts';
import { MAX_FORM_BYTES, readForm } from '../../../../src/lib/apply/form-input.ts';
import { documentsToBring } from '../../../../src/domain/applications/documents.ts';
import { applyFlowText } from '../../../../src/i18n/text/apply-flow.ts';
import { savedCodeFrom, rememberSavedCode } from '../../../../src/lib/apply/session.ts';
import { seal, unseal } from '../../../../src/lib/apply/sealed.ts';
import type { AstroCookies } from 'astro';

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

describe('documents to bring', () => {
  it('depends on the action and on whether someone else applies', () => {
    const words = (...args: Parameters<typeof documentsToBring>) => documentsToBring(...args).map((k) => applyFlowText[k]);
    expect(words('certificate', 'new', false).join()).toContain('病历');
    expect(words('certificate', 'renewal', false).join()).toContain('旧的残疾人证');
    expect(words('certificate', 'renewal', false).join()).not.toContain('病历');
    expect(words('certificate', 'renewal', true).join()).toContain('监护关系证明');
    expect(words('transit-card', 'new', false)).toContain('1 寸免冠照片 1 张');
  });
});

describe('sealed values', () => {
  it('are bound to their purpose: a receipt token is not a saved-code cookie', () => {
    const token = seal('receipt-token', ['K7M2P9QX']);
    expect(unseal('receipt-token', token)).toEqual(['K7M2P9QX']);
    expect(unseal('saved-code', token)).toBeNull();
  });

  it('the saved page reads back exactly the code that was issued, and nothing from a forged cookie', () => {
    const jar = new Map<string, string>();
    const cookies = {
      get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    } as unknown as AstroCookies;
    const saved = { code: '5ZB7RBG5', expiresAt: '2026-12-31T00:00:00Z', page: 'applicant' as const, pageNotSaved: true };
    rememberSavedCode(cookies, 'certificate', saved, new URL('https://example.org/'));
    expect(jar.get('saved-certificate')).not.toContain('5ZB7RBG5');
    expect(savedCodeFrom(cookies, 'certificate')).toEqual(saved);
    expect(savedCodeFrom(cookies, 'transit-card')).toBeNull();
    const sealed = jar.get('saved-certificate')!;
    jar.set('saved-certificate', sealed.slice(0, 30) + (sealed[30] === 'A' ? 'B' : 'A') + sealed.slice(31));
    expect(savedCodeFrom(cookies, 'certificate')).toBeNull();
  });
});
