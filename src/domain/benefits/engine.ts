import type { Answers, QuestionId } from './answers.ts';
import type { Benefit, Condition, ConditionKey } from './rules-schema.ts';

/**
 * The eligibility engine: answers + rules → for each benefit a verdict and the reasons.
 * Three-valued: a condition is met, unmet, or unknown (the answer is "不知道" or missing).
 * All conditions met → likely; any unmet → not eligible; otherwise → may be eligible,
 * with the unknown conditions as the things to check. Unknown never becomes a silent no.
 */
export type Status = 'met' | 'unmet' | 'unknown';
export type Verdict = 'likely' | 'maybe' | 'no';

export interface ConditionResult {
  condition: Condition;
  status: Status;
  /** For anyOf: the alternatives' results. */
  alternatives?: ConditionResult[];
}

/** What the engine needs of a benefit: its conditions, whether staff must always check, its order. */
export type Rule = Pick<Benefit, 'conditions' | 'alwaysCheck' | 'order'>;

export interface BenefitResult<B extends Rule = Benefit> {
  benefit: B;
  verdict: Verdict;
  /** Every top-level condition with its status, in rule order. */
  reasons: ConditionResult[];
}

const inList = <T>(value: T | undefined, list: readonly T[]): Status =>
  value === undefined ? 'unknown' : list.includes(value) ? 'met' : 'unmet';

const inRange = (value: number | undefined, range: { min?: number | undefined; max?: number | undefined }): Status => {
  if (value === undefined) return 'unknown';
  if (range.min !== undefined && value < range.min) return 'unmet';
  if (range.max !== undefined && value > range.max) return 'unmet';
  return 'met';
};

/** Category and grade only exist for certificate holders; without one they cannot be met. */
function certificateDetail<T>(answers: Answers, value: T | undefined, list: readonly T[]): Status {
  if (answers.hasCertificate === 'no') return 'unmet';
  return inList(value, list);
}

export function evaluateCondition(condition: Condition, answers: Answers): ConditionResult {
  if ('anyOf' in condition) {
    const alternatives = condition.anyOf.map((c) => evaluateCondition(c, answers));
    const status: Status = alternatives.some((a) => a.status === 'met')
      ? 'met'
      : alternatives.some((a) => a.status === 'unknown')
        ? 'unknown'
        : 'unmet';
    return { condition, status, alternatives };
  }
  const key = Object.keys(condition)[0] as ConditionKey;
  const status = ((): Status => {
    const c = condition as Record<ConditionKey, never>;
    switch (key) {
      case 'category':
        return certificateDetail(answers, answers.category, c.category as readonly number[]);
      case 'grade':
        return certificateDetail(answers, answers.grade, c.grade as readonly number[]);
      case 'age':
      case 'disabledInHousehold':
        return inRange(answers[key], c[key] as { min?: number; max?: number });
      case 'household':
      case 'education':
      case 'work':
        return inList<string>(answers[key], c[key] as readonly string[]);
      default:
        return inList<string>(answers[key], [c[key] as string]);
    }
  })();
  return { condition, status };
}

function combine(results: readonly ConditionResult[]): Verdict {
  if (results.some((r) => r.status === 'unmet')) return 'no';
  if (results.some((r) => r.status === 'unknown')) return 'maybe';
  return 'likely';
}

export function evaluateBenefit<B extends Rule>(benefit: B, answers: Answers): BenefitResult<B> {
  const reasons = benefit.conditions.map((c) => evaluateCondition(c, answers));
  const verdict = combine(reasons);
  // A rule that always needs checking by staff (income, medical proof) is never more than "maybe".
  return { benefit, verdict: verdict === 'likely' && benefit.alwaysCheck ? 'maybe' : verdict, reasons };
}

const VERDICT_ORDER: Record<Verdict, number> = { likely: 0, maybe: 1, no: 2 };

/** Every benefit's result: likely first, then maybe, then not eligible; rule order within. */
export function evaluateAll<B extends Rule>(benefits: readonly B[], answers: Answers): BenefitResult<B>[] {
  return benefits
    .map((b) => evaluateBenefit(b, answers))
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.benefit.order - b.benefit.order);
}

/** The values a question can take, for deciding whether asking it can change anything. */
const SAMPLE_VALUES: Record<QuestionId, readonly unknown[]> = {
  hasCertificate: ['yes', 'no'],
  category: [1, 2, 3, 4, 5, 6, 7],
  grade: [1, 2, 3, 4],
  age: [0, 3, 6, 7, 12, 15, 16, 18, 22, 30, 45, 59, 60, 61, 70, 80, 100],
  localHukou: ['yes', 'no'],
  household: ['dibao', 'low-income', 'tekun', 'none'],
  disabledInHousehold: [1, 2, 3],
  needsLongTermCare: ['yes', 'no'],
  education: ['preschool', 'compulsory', 'high-school', 'vocational', 'college', 'none'],
  work: ['employed', 'seeking', 'self-employed', 'none'],
  ownsMotorWheelchair: ['yes', 'no'],
  cataract: ['yes', 'no'],
  psychiatricMedication: ['yes', 'no'],
  homeNeedsModification: ['yes', 'no'],
};

export const QUESTION_IDS = Object.keys(SAMPLE_VALUES) as QuestionId[];

/**
 * Whether asking a question could change any benefit's verdict, given the other answers.
 * Answered questions always stay (the person must be able to change them).
 */
export function isRelevant(question: QuestionId, answers: Answers, benefits: readonly Rule[]): boolean {
  if (answers[question] !== undefined) return true;
  const base = benefits.map((b) => evaluateBenefit(b, answers).verdict);
  return SAMPLE_VALUES[question].some((value) => {
    const withValue = { ...answers, [question]: value } as Answers;
    return benefits.some((b, i) => evaluateBenefit(b, withValue).verdict !== base[i]);
  });
}
