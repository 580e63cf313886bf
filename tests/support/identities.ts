import { checkCharacter } from '../../src/domain/identity/id-number.ts';

/** A valid (fictional) resident ID number: area code 340000-style prefix, birth date, sequence. */
export function makeIdNumber(birth: string, sequence = '002', area = '110105'): string {
  const first17 = `${area}${birth.replaceAll('-', '')}${sequence}`;
  return first17 + checkCharacter(first17);
}

/** A valid certificate number for an ID number, category and grade. */
export function makeCertificate(id: string, category: number, grade: number): string {
  return `${id}${category}${grade}`;
}

export const ADULT_ID = makeIdNumber('1960-03-15', '013'); // male, 66 on 2026-11-22
export const ADULT_WOMAN_ID = '11010519491231002X'; // domain.md's worked example
export const MINOR_ID = makeIdNumber('2012-06-01', '024'); // 14
export const CHILD_ID = makeIdNumber('2022-02-10', '036'); // 4
export const GUARDIAN_ID = makeIdNumber('1985-09-09', '047');
