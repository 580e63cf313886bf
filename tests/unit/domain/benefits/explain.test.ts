import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../../src/domain/benefits/answers.ts';
import { evaluateAll, QUESTION_VALUES, type BenefitResult, type Verdict } from '../../../../src/domain/benefits/engine.ts';
import { toCheck, whyLikely, whyNot, type Explaining } from '../../../../src/domain/benefits/explain.ts';
import { parseAnswers, type FormFields } from '../../../../src/domain/benefits/parse-answers.ts';
import { uiText } from '../../../../src/i18n/text/index.ts';
import { readBenefits } from '../../../content-files.ts';

/**
 * The reasons the checker gives, from the shipped rules and form answers as the page sends
 * them. Every reason says what the rule needs and what the answers say, in one sentence.
 */
const TODAY = '2026-11-22';
const REGION = '示例县';
const say = (key: string, values?: Record<string, string | number>) =>
  ((uiText as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (_m, n: string) => String(values?.[n] ?? ''));
const benefits = readBenefits();

interface Checked {
  answers: Answers;
  wording: Explaining;
  byId: Map<string, BenefitResult<(typeof benefits)[number]>>;
}

function check(fields: FormFields): Checked {
  const { answers, fromCertificate, errors } = parseAnswers(fields, TODAY);
  expect(errors).toEqual([]);
  const wording: Explaining = { say, region: REGION, forWhom: answers.forWhom, fromCertificate };
  return { answers, wording, byId: new Map(evaluateAll(benefits, answers).map((r) => [r.benefit.id, r])) };
}

function result(c: Checked, id: string, verdict: Verdict) {
  const r = c.byId.get(id);
  expect(r?.verdict, id).toBe(verdict);
  return r!;
}
const reasonFor = (c: Checked, id: string) => whyNot(result(c, id, 'no'), c.answers, c.wording);
const checksFor = (c: Checked, id: string) => toCheck(result(c, id, 'maybe'), c.answers, c.wording);

/** The resident: 45, a 低保 household, holds a certificate, registered here. */
const RESIDENT: FormFields = { forWhom: 'self', hasCertificate: 'yes', age: '45', household: 'dibao', localHukou: 'yes' };

describe('why not: what the rule needs and what the answers say', () => {
  it('says the rule and the answer, for oneself and for someone else', () => {
    expect(reasonFor(check(RESIDENT), 'elderly-disabled-aid')).toBe('需要年满 60 周岁；您填写的是 45 岁');
    expect(reasonFor(check({ ...RESIDENT, forWhom: 'other' }), 'elderly-disabled-aid')).toBe('需要年满 60 周岁；您填写的申请人是 45 岁');
  });

  it('a 低保 household and the 低保边缘 extension: the answer, not just the rule', () => {
    expect(reasonFor(check(RESIDENT), 'living-subsidy-low-income')).toBe('需要家庭经济情况是低保边缘；您填写的是低保家庭');
  });

  it('several unmet conditions make one sentence', () => {
    expect(reasonFor(check({ ...RESIDENT, household: 'none' }), 'elderly-disabled-aid')).toBe(
      '需要年满 60 周岁，并且家庭经济情况是低保、低保边缘或特困；您填写的是 45 岁、一般家庭（不是低保、低保边缘或特困）',
    );
  });

  it('answers read from the certificate number say so', () => {
    const father = check({ forWhom: 'other', certificateNumber: '11010519491231002X42', localHukou: 'yes', work: 'seeking' });
    expect(reasonFor(father, 'transit-card-blind')).toBe('需要残疾类别是视力；按您填写的残疾人证号，是肢体残疾');
    expect(reasonFor(father, 'vocational-training')).toBe('需要年龄在 16 到 60 周岁之间；按您填写的残疾人证号，是 76 岁');
  });

  it('without a certificate, that is the reason (its category and grade are not repeated)', () => {
    const c = check({ hasCertificate: 'no', category: '1', grade: '1', localHukou: 'yes' });
    expect(reasonFor(c, 'transit-card-blind')).toBe('需要持有残疾人证；您填写的是还没有残疾人证');
    expect(reasonFor(c, 'monthly-allowance')).toBe('需要持有残疾人证；您填写的是还没有残疾人证');
  });

  it('a person not working and not looking for work: his answer is the reason training is ruled out', () => {
    const c = check({ ...RESIDENT, work: 'none' });
    expect(reasonFor(c, 'vocational-training')).toBe('需要正在找工作；您填写的是不工作也不找工作');
    expect(reasonFor(c, 'supported-employment')).toBe('需要正在找工作；您填写的是不工作也不找工作');
  });

  it('anyOf: the alternatives and every answer they read', () => {
    const c = check({ hasCertificate: 'yes', category: '4', grade: '3', localHukou: 'yes' });
    expect(reasonFor(c, 'care-services')).toBe('需要残疾类别是智力或精神，或残疾等级是一级或二级；您填写的是肢体残疾、三级');
    expect(reasonFor(check({ hasCertificate: 'yes', category: '4', grade: '3', age: '30', work: 'none' }), 'supported-employment')).toBe(
      '需要残疾类别是智力或精神，或残疾等级是一级或二级，并且正在找工作；您填写的是肢体残疾、三级、不工作也不找工作',
    );
  });
});

describe('services that do not apply are not "not eligible"', () => {
  it('a holder is not offered a first certificate, nor told he fails its condition', () => {
    const c = check(RESIDENT);
    for (const id of ['disability-certificate', 'first-certificate-subsidy', 'assessment-subsidy', 'child-rehabilitation']) {
      expect(c.byId.get(id)?.verdict, id).toBe('notApplicable');
    }
  });
});

describe('to check: each open condition with what is not known', () => {
  it('a question not answered is named', () => {
    const c = check({ hasCertificate: 'yes' });
    expect(checksFor(c, 'monthly-allowance')).toEqual(['需要户口在示例县；户口在不在示例县还不知道']);
    expect(checksFor(check({ age: '40', localHukou: 'yes' }), 'assistive-devices')[0]).toBe('需要持有残疾人证，或不超过 6 周岁；有没有残疾人证还不知道');
  });

  it('whom a service is for, when not known', () => {
    expect(checksFor(check({ localHukou: 'yes' }), 'disability-certificate')[0]).toBe('这项是给还没有残疾人证的人的；有没有残疾人证还不知道');
  });

  it('多重: which disabilities make it up is what to check', () => {
    const c = check({ hasCertificate: 'yes', category: '7', grade: '1', localHukou: 'yes' });
    expect(checksFor(c, 'transit-card-blind')).toEqual(['需要残疾类别是视力；证上是多重残疾，要核对其中有没有视力残疾、是几级']);
    expect(checksFor(c, 'care-services')[0]).toBe('需要残疾类别是肢体、智力或精神；证上是多重残疾，要核对其中有没有肢体、智力或精神残疾、是几级');
  });

  it("staff checks follow, and those the answers rule out are left out", () => {
    const local = check({ certificateNumber: '11010519491231002X42', localHukou: 'yes' });
    expect(checksFor(local, 'transit-card-lower-limb')).toEqual(['要是下肢残疾（残疾人证上只写“肢体残疾”），由县残联核对。']);
    const elsewhere = check({ certificateNumber: '11010519491231002X42', localHukou: 'no' });
    expect(checksFor(elsewhere, 'transit-card-lower-limb')).toContain('户籍不在本县的，要有本县居住证。');
  });
});

describe('why likely: the facts that hold', () => {
  it('lists what was met, and for alternatives only the one that holds', () => {
    const c = check({ certificateNumber: '11010519491231002X42', localHukou: 'yes', household: 'dibao', needsLongTermCare: 'yes' });
    expect(whyLikely(result(c, 'living-subsidy', 'likely'), c.wording)).toBe('持有残疾人证；户口在示例县；家庭经济情况是低保');
  });
});

describe('every result says why, for many answer combinations', () => {
  // A small deterministic generator: the same ~600 combinations every run.
  let seed = 20261122;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pickOrUnknown = <T,>(values: readonly T[]): T | undefined => (next() < 0.25 ? undefined : values[Math.floor(next() * values.length)]);

  it('no → one sentence "需要…；…"; maybe → at least one thing to check; no text left unfilled', () => {
    for (let i = 0; i < 600; i++) {
      const answers: Answers = { forWhom: next() < 0.5 ? 'self' : 'other', age: pickOrUnknown([0, 5, 6, 7, 15, 16, 30, 45, 59, 60, 61, 80]), disabledInHousehold: pickOrUnknown([1, 2, 3]) };
      for (const [key, values] of Object.entries(QUESTION_VALUES)) (answers as Record<string, unknown>)[key] = pickOrUnknown<unknown>(values);
      for (const key of Object.keys(answers) as (keyof Answers)[]) if (answers[key] === undefined) delete answers[key];
      const wording: Explaining = { say, region: REGION, forWhom: answers.forWhom, fromCertificate: false };
      for (const r of evaluateAll(benefits, answers)) {
        const texts = r.verdict === 'no' ? [whyNot(r, answers, wording)] : r.verdict === 'maybe' ? toCheck(r, answers, wording) : r.verdict === 'likely' ? [whyLikely(r, wording)] : [];
        const where = `${r.benefit.id} for ${JSON.stringify(answers)}`;
        if (r.verdict === 'no') expect(texts[0], where).toMatch(/^(需要|这项).+；您填写的(申请人)?是[^；]+$/);
        if (r.verdict === 'maybe') expect(texts.length, where).toBeGreaterThan(0);
        for (const text of texts) expect(text, where).not.toMatch(/\{|\}|checker\.|category\.|undefined|；$|^；/);
      }
    }
  });
});
