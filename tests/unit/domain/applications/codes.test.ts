import { describe, expect, it } from 'vitest';
import { parseCode, parseCodeAndFact, parseIdFact } from '../../../../src/domain/applications/codes.ts';
import { normaliseIdNumber } from '../../../../src/domain/identity/id-number.ts';

/**
 * One parser for what people type to come back (a reference, a resume code, the last 4 of the
 * ID number): used by /status/, /apply/resume/ and the JSON API alike, so no door accepts what
 * another refuses.
 */
describe('references and resume codes as typed', () => {
  it.each([
    ['K7M2P9QX', 'K7M2P9QX'],
    [' k7m2-p9qx ', 'K7M2P9QX'],
    ['Ｋ７Ｍ２－Ｐ９ＱＸ', 'K7M2P9QX'], // a Chinese IME in full-width mode
    ['K7M2\u3000P9QX', 'K7M2P9QX'], // ideographic space
    ['K7M2—P9QX', 'K7M2P9QX'], // em dash
    ['k７m２ p９qx', 'K7M2P9QX'],
  ])('%j → %s', (typed, code) => {
    expect(parseCode(typed)).toEqual({ ok: true, value: code });
  });

  it.each([['', 'empty'], ['   ', 'empty'], ['K7M2P9Q0', 'format'], ['K7M2P9QI', 'format'], ['K7M2P9Q', 'format'], ['K7M2P9QXX', 'format'], ['<script>', 'format']] as const)(
    '%j is refused: %s',
    (typed, problem) => expect(parseCode(typed)).toEqual({ ok: false, problem }),
  );

  it('reads the ID fact the same way as ID numbers (x and full-width forgiven)', () => {
    expect(parseIdFact('００２ｘ')).toEqual({ ok: true, value: '002X' });
    expect(parseIdFact('12X4')).toEqual({ ok: false, problem: 'format' });
    expect(normaliseIdNumber('１１０１０５ 1949－1231 002ｘ')).toBe('11010519491231002X');
  });

  it('names each problem, with the right words for each kind of code', () => {
    expect(parseCodeAndFact('resumeCode', 'code', '', '')).toEqual({ ok: false, errors: [
      { field: 'code', message: '请输入继续填写代码' },
      { field: 'fact', message: '请输入申请人身份证号的后 4 位' },
    ] });
    expect(parseCodeAndFact('reference', 'reference', 'K7M2P9Q0', '12X4')).toEqual({ ok: false, errors: [
      { field: 'reference', message: '申请编号是 8 位，由数字 2–9 和大写字母组成（没有 0、1、O、I）' },
      { field: 'fact', message: '身份证号后 4 位是 3 位数字加 1 位数字或 X' },
    ] });
    expect(parseCodeAndFact('reference', 'reference', 'Ｋ７Ｍ２－Ｐ９ＱＸ', '０１３x')).toEqual({ ok: true, code: 'K7M2P9QX', fact: '013X' });
  });
});
