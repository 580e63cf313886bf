import type { FieldError, ParsedAnswers } from './parse-answers.ts';
import { evaluateAll, type BenefitResult, type Rule } from './engine.ts';

/**
 * What the results area shows for a set of answers — the same on the server (no-JS POST)
 * and in the browser. Results are only ever computed from every answer given: a field with
 * an error blocks them, never silently drops out of them.
 */
export type ResultsView<B extends Rule> =
  /** Nothing answered yet. */
  | { kind: 'empty' }
  /** An answer must be corrected first (an invalid certificate number): no results without it. */
  | { kind: 'blocked'; errors: FieldError[] }
  /** Questions were answered, all with "不知道": nothing can be decided yet. */
  | { kind: 'allUnknown'; unknownCount: number }
  | {
      kind: 'results';
      likely: BenefitResult<B>[];
      maybe: BenefitResult<B>[];
      no: BenefitResult<B>[];
      /** How many services are for other situations (a first certificate for a holder): not listed. */
      notApplicable: number;
    };

export function resultsView<B extends Rule>(parsed: ParsedAnswers, benefits: readonly B[]): ResultsView<B> {
  if (parsed.errors.length > 0) return { kind: 'blocked', errors: parsed.errors };
  const known = Object.keys(parsed.answers).some((k) => k !== 'forWhom');
  if (!known) return parsed.unknown.length > 0 ? { kind: 'allUnknown', unknownCount: parsed.unknown.length } : { kind: 'empty' };
  const results = evaluateAll(benefits, parsed.answers);
  return {
    kind: 'results',
    likely: results.filter((r) => r.verdict === 'likely'),
    maybe: results.filter((r) => r.verdict === 'maybe'),
    no: results.filter((r) => r.verdict === 'no'),
    notApplicable: results.filter((r) => r.verdict === 'notApplicable').length,
  };
}
