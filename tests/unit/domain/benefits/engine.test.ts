import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { evaluateBenefit, evaluateCondition, isRelevant, type Rule } from '../../../../src/domain/benefits/engine.ts';
import { BenefitSchema, type Condition } from '../../../../src/domain/benefits/rules-schema.ts';
import { formatIssues } from '../../../../src/domain/content/common.ts';

/**
 * The engine's three values, condition by condition: a condition is unknown only when the answers
 * really leave it open, and a service whose `appliesTo` is ruled out is not applicable (not listed),
 * never "not eligible".
 */
const status = (condition: Condition, answers: Parameters<typeof evaluateCondition>[1]) => evaluateCondition(condition, answers).status;

describe('a condition is unknown only when the answers leave it open', () => {
  it('多重 does not say which disabilities it combines: a single category is unknown, never unmet', () => {
    // A deafblind person with visual 一级 is blind.
    expect(status({ category: [1] }, { hasCertificate: 'yes', category: 7, grade: 1 })).toBe('unknown');
    expect(status({ category: [4, 5, 6] }, { hasCertificate: 'yes', category: 7 })).toBe('unknown');
    expect(status({ category: [7] }, { hasCertificate: 'yes', category: 7 })).toBe('met');
    // The grade of a 多重 certificate is that of its most severe part: 三级 rules out 一、二级 parts.
    expect(status({ grade: [1, 2] }, { hasCertificate: 'yes', category: 7, grade: 3 })).toBe('unmet');
  });

  it('a single category is still decided for every other category', () => {
    expect(status({ category: [1] }, { hasCertificate: 'yes', category: 2 })).toBe('unmet');
    expect(status({ category: [1] }, { hasCertificate: 'yes', category: 1 })).toBe('met');
    expect(status({ category: [1] }, { hasCertificate: 'yes' })).toBe('unknown');
  });

  it('a list naming every possible answer holds whatever the answer, so it is never "to check"', () => {
    expect(status({ grade: [1, 2, 3, 4] }, { hasCertificate: 'yes' })).toBe('met');
    expect(status({ household: ['dibao', 'low-income', 'tekun', 'none'] }, {})).toBe('met');
    expect(status({ grade: [1, 2, 3] }, { hasCertificate: 'yes' })).toBe('unknown');
  });

  it('without a certificate there is no category or grade', () => {
    expect(status({ grade: [1, 2, 3, 4] }, { hasCertificate: 'no' })).toBe('unmet');
    expect(status({ category: [1] }, { hasCertificate: 'no', category: 7 })).toBe('unmet');
  });

  it('anyOf: met if one alternative is met, unknown if one is open, else unmet', () => {
    const c: Condition = { anyOf: [{ hasCertificate: 'yes' }, { age: { max: 6 } }] };
    expect(status(c, { age: 4 })).toBe('met');
    expect(status(c, { age: 40 })).toBe('unknown');
    expect(status(c, { age: 40, hasCertificate: 'no' })).toBe('unmet');
  });
});

describe('whom a service is for (appliesTo)', () => {
  const firstCertificate: Rule = { appliesTo: [{ hasCertificate: 'no' }], conditions: [{ localHukou: 'yes' }], order: 1 };

  it('ruled out by the answers: not applicable, whatever the other conditions say', () => {
    expect(evaluateBenefit(firstCertificate, { hasCertificate: 'yes', localHukou: 'yes' }).verdict).toBe('notApplicable');
    expect(evaluateBenefit(firstCertificate, { hasCertificate: 'yes', localHukou: 'no' }).verdict).toBe('notApplicable');
  });

  it('open: may be eligible, with whom it is for to check; met: judged by the conditions', () => {
    const open = evaluateBenefit(firstCertificate, { localHukou: 'yes' });
    expect(open.verdict).toBe('maybe');
    expect(open.appliesTo.map((r) => r.status)).toEqual(['unknown']);
    expect(evaluateBenefit(firstCertificate, { hasCertificate: 'no', localHukou: 'yes' }).verdict).toBe('likely');
    expect(evaluateBenefit(firstCertificate, { hasCertificate: 'no', localHukou: 'no' }).verdict).toBe('no');
  });

  it('a question that only moves a service between "not eligible" and "not applicable" still counts as relevant', () => {
    expect(isRelevant('hasCertificate', { localHukou: 'no' }, [firstCertificate])).toBe(true);
  });
});

describe('what staff check', () => {
  const transit: Rule = {
    conditions: [{ hasCertificate: 'yes' }, { category: [4] }],
    alwaysCheck: '要是下肢残疾。',
    checks: [{ when: { localHukou: 'no' }, check: '户籍不在本县的，要有本县居住证。' }],
    order: 1,
  };

  it('a conditional check is shown while its situation is open or true, and dropped when the answers rule it out', () => {
    expect(evaluateBenefit(transit, { hasCertificate: 'yes', category: 4 }).checks).toEqual(['要是下肢残疾。', '户籍不在本县的，要有本县居住证。']);
    expect(evaluateBenefit(transit, { hasCertificate: 'yes', category: 4, localHukou: 'no' }).checks).toHaveLength(2);
    expect(evaluateBenefit(transit, { hasCertificate: 'yes', category: 4, localHukou: 'yes' }).checks).toEqual(['要是下肢残疾。']);
  });

  it('any check keeps a result at "maybe"; without one, all conditions met is "likely"', () => {
    expect(evaluateBenefit(transit, { hasCertificate: 'yes', category: 4, localHukou: 'yes' }).verdict).toBe('maybe');
    const conditional: Rule = { ...transit, alwaysCheck: undefined };
    expect(evaluateBenefit(conditional, { hasCertificate: 'yes', category: 4, localHukou: 'yes' }).verdict).toBe('likely');
    expect(evaluateBenefit(conditional, { hasCertificate: 'yes', category: 4 }).verdict).toBe('maybe');
  });
});

describe('the rule language refuses rules the engine could not state honestly', () => {
  const base = {
    title: '示例',
    guide: 'transit-card',
    gives: '示例。',
    citations: ['示例依据'],
    scope: 'local',
    effectiveFrom: '2025-01-01',
    documents: ['残疾人证'],
  };
  const problems = (rule: unknown) => {
    const r = v.safeParse(BenefitSchema, rule);
    return r.success ? [] : formatIssues(r.issues).map(String);
  };

  it('a category or grade needs the certificate condition', () => {
    expect(problems({ ...base, conditions: [{ category: [1] }] }).join()).toContain('hasCertificate');
    expect(problems({ ...base, conditions: [{ hasCertificate: 'yes' }, { category: [1] }] })).toEqual([]);
    expect(problems({ ...base, conditions: [{ hasCertificate: 'yes' }], checks: [{ when: { category: [6] }, check: '示例。' }] })).toEqual([]);
    expect(problems({ ...base, conditions: [{ localHukou: 'yes' }], checks: [{ when: { category: [6] }, check: '示例。' }] }).join()).toContain('hasCertificate');
  });

  it('a rule says whom it is for or what it needs: never nothing', () => {
    expect(problems({ ...base, conditions: [] }).join()).toContain('至少要写一个条件');
    expect(problems({ ...base, appliesTo: [{ hasCertificate: 'no' }] })).toEqual([]);
  });
});
