import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, normaliseIdNumber, parseIdNumber } from '../../../src/domain/identity/id-number.ts';
import { parseCertificateNumber } from '../../../src/domain/identity/certificate-number.ts';

const TODAY = '2026-11-22';

describe('resident ID numbers (GB 11643-1999)', () => {
  it('computes the check character of the worked examples in domain.md §2.4', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('derives birth date and sex; never asks for them', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      info: { value: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    });
    const male = parseIdNumber('440524188001010014', TODAY);
    expect(male.ok).toBe(false); // born 1880: before 1900, not a living applicant
  });

  it('accepts lowercase x, full-width digits and spaces', () => {
    expect(normaliseIdNumber(' １１０１０５ 19491231 002x ')).toBe('11010519491231002X');
    expect(parseIdNumber('110105 1949 1231 002x', TODAY).ok).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['1101051949123100', 'length'],
    ['11010519491231002Y', 'characters'],
    ['110105194902300023', 'birthDate'],
    ['110105203001010012', 'birthDate'],
    ['110105194912310021', 'checksum'],
  ])('rejects %j as %s', (input, problem) => {
    expect(parseIdNumber(input, TODAY)).toEqual({ ok: false, problem });
  });

  it('counts whole years, birthday included', () => {
    expect(ageOn('1949-12-31', '2026-11-22')).toBe(76);
    expect(ageOn('2020-11-22', '2026-11-22')).toBe(6);
    expect(ageOn('2020-11-23', '2026-11-22')).toBe(5);
  });
});

describe('disability certificate numbers', () => {
  it('reads category and grade from the last two digits (domain.md example)', () => {
    const result = parseCertificateNumber('11010519491231002X42', TODAY);
    expect(result).toMatchObject({ ok: true, info: { category: 4, grade: 2, birthDate: '1949-12-31', certificate: '11010519491231002X42' } });
  });

  it.each([
    ['11010519491231002X4', 'length'],
    ['11010519491231002X82', 'category'],
    ['11010519491231002X05', 'category'],
    ['11010519491231002X45', 'grade'],
    ['11010519491231002942', 'checksum'],
  ])('rejects %j as %s', (input, problem) => {
    expect(parseCertificateNumber(input, TODAY)).toEqual({ ok: false, problem });
  });
});
