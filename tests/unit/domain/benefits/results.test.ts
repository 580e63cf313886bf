import { describe, expect, it } from 'vitest';
import { parseAnswers, type FormFields } from '../../../../src/domain/benefits/parse-answers.ts';
import { resultsView } from '../../../../src/domain/benefits/results.ts';
import { readBenefits } from '../../../content-files.ts';

/** What the results area shows: never results computed without an answer given, never "answer first" after answers. */
const TODAY = '2026-11-22';
const benefits = readBenefits();
const view = (fields: FormFields) => resultsView(parseAnswers(fields, TODAY), benefits);

describe('the results area', () => {
  it('nothing answered: asks for answers', () => {
    expect(view({})).toEqual({ kind: 'empty' });
    expect(view({ forWhom: 'other' })).toEqual({ kind: 'empty' });
  });

  it('an invalid certificate number blocks the results: none are computed without it', () => {
    const v = view({ household: 'dibao', localHukou: 'yes', certificateNumber: '11010519491231002942' });
    expect(v).toEqual({ kind: 'blocked', errors: [{ field: 'certificateNumber', messageKey: 'checker.error.certificateNumber.checksum' }] });
  });

  it('everything answered "不知道": says so, does not ask to answer', () => {
    expect(view({ forWhom: 'other', hasCertificate: 'unknown', localHukou: 'unknown', household: 'unknown', age: '' })).toEqual({ kind: 'allUnknown', unknownCount: 3 });
  });

  it('one known answer among the "不知道": results', () => {
    expect(view({ hasCertificate: 'unknown', localHukou: 'yes' }).kind).toBe('results');
  });

  it('services that do not apply are counted, not listed as "not eligible"', () => {
    const v = view({ hasCertificate: 'yes', age: '45', household: 'dibao', localHukou: 'yes' });
    if (v.kind !== 'results') throw new Error(v.kind);
    const listed = [...v.likely, ...v.maybe, ...v.no].map((r) => r.benefit.id);
    expect(listed).not.toContain('disability-certificate');
    expect(listed).not.toContain('first-certificate-subsidy');
    expect(v.no.map((r) => r.benefit.id)).toContain('elderly-disabled-aid');
    expect(v.notApplicable).toBe(benefits.length - listed.length);
    expect(v.notApplicable).toBeGreaterThanOrEqual(4);
  });
});
