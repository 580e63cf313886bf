import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../../../src/domain/benefits/parse-answers.ts';
import { describeCondition } from '../../../../src/domain/benefits/describe.ts';
import { isRelevant } from '../../../../src/domain/benefits/engine.ts';
import type { Rule } from '../../../../src/domain/benefits/engine.ts';
import { uiText as zhHans } from '../../../../src/i18n/text/index.ts';

const TODAY = '2026-11-22';
const say = (key: string, values?: Record<string, string | number>) =>
  ((zhHans as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (_m, n: string) => String(values?.[n] ?? ''));

describe('form fields → answers', () => {
  it('"不知道" and empty fields are unknown, not "no"', () => {
    expect(parseAnswers({ household: 'unknown', localHukou: '', age: '' }, TODAY)).toEqual({
      answers: {},
      errors: [],
      fromCertificate: false,
      unknown: ['household'],
    });
  });

  it('"不知道" is remembered as an answer: the person was asked and does not know', () => {
    expect(parseAnswers({ forWhom: 'other', hasCertificate: 'unknown', localHukou: 'unknown', work: 'none' }, TODAY).unknown).toEqual(['hasCertificate', 'localHukou']);
    // A certificate number answers category and grade, whatever their radios say.
    expect(parseAnswers({ certificateNumber: '11010519491231002X42', category: 'unknown' }, TODAY).unknown).toEqual([]);
  });

  it('a certificate number fills category, grade and age', () => {
    const { answers, errors, fromCertificate } = parseAnswers({ certificateNumber: '11010519491231002x42' }, TODAY);
    expect(errors).toEqual([]);
    expect(answers).toEqual({ hasCertificate: 'yes', category: 4, grade: 2, age: 76 });
    expect(fromCertificate).toBe(true);
  });

  it('a wrong certificate number is reported, never guessed at', () => {
    const { answers, errors, fromCertificate } = parseAnswers({ certificateNumber: '11010519491231002X49', category: '4' }, TODAY);
    expect(errors).toEqual([{ field: 'certificateNumber', messageKey: 'checker.error.certificateNumber.grade' }]);
    expect(fromCertificate).toBe(false);
    expect(answers.grade).toBeUndefined();
    expect(answers.category).toBe(4);
  });

  it('ages are whole numbers from 0 to 120; full-width digits are fine', () => {
    expect(parseAnswers({ age: '６' }, TODAY).answers.age).toBe(6);
    for (const bad of ['121', '-1', '6.5', '二百', '1e2']) {
      expect(parseAnswers({ age: bad }, TODAY).errors, bad).toEqual([{ field: 'age', messageKey: 'checker.error.age' }]);
    }
  });

  it('values outside the choices are ignored, whatever a client sends', () => {
    expect(parseAnswers({ household: '<script>', category: '9', grade: '0', work: 'boss' }, TODAY).answers).toEqual({});
  });

  it('every error message exists in the UI strings', () => {
    for (const problem of ['length', 'characters', 'birthDate', 'checksum', 'category', 'grade']) {
      expect(zhHans).toHaveProperty(`checker.error.certificateNumber.${problem}`);
    }
  });
});

describe('plain-language conditions', () => {
  it.each([
    [{ grade: [1, 2] }, '残疾等级是一级或二级'],
    [{ category: [5, 6] }, '残疾类别是智力或精神'],
    [{ age: { max: 6 } }, '不超过 6 周岁'],
    [{ age: { min: 60 } }, '年满 60 周岁'],
    [{ household: ['dibao', 'low-income'] }, '家庭经济情况是低保或低保边缘'],
    [{ localHukou: 'yes' }, '户口在示例县'],
    [{ work: ['seeking'] }, '正在找工作'],
    [{ anyOf: [{ grade: [1, 2] }, { category: [5, 6] }] }, '残疾等级是一级或二级，或残疾类别是智力或精神'],
  ] as const)('%j → %s', (condition, text) => {
    expect(describeCondition(condition as never, { say, region: '示例县' })).toBe(text);
  });
});

describe('adaptive questions', () => {
  const rules: Rule[] = [
    { conditions: [{ hasCertificate: 'yes' }, { grade: [1, 2] }, { needsLongTermCare: 'yes' }], order: 1 },
    { conditions: [{ age: { max: 6 } }], order: 2 },
  ];

  it('skips a question that cannot change any result', () => {
    expect(isRelevant('grade', { hasCertificate: 'no' }, rules)).toBe(false);
    expect(isRelevant('needsLongTermCare', { grade: 4 }, rules)).toBe(false);
    expect(isRelevant('cataract', {}, rules)).toBe(false);
  });

  it('asks a question that can, and never hides one already answered', () => {
    expect(isRelevant('grade', { hasCertificate: 'yes' }, rules)).toBe(true);
    expect(isRelevant('age', {}, rules)).toBe(true);
    expect(isRelevant('cataract', { cataract: 'yes' }, rules)).toBe(true);
  });
});
