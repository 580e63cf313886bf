import type { Answers, QuestionId } from './answers.ts';
import type { Benefit, Condition, ConditionKey } from './rules-schema.ts';

/**
 * The eligibility engine: answers + rules → for each benefit a verdict and the reasons.
 * Three-valued, per condition: met, unmet, or unknown. A condition is unknown only when the
 * answers really leave it open — an answer of "不知道" (or none) that some possible value would
 * meet and another would not, or a 多重 certificate whose categories the form cannot know.
 * All conditions met → likely; any unmet → not eligible; otherwise → may be eligible, with
 * the unknown conditions as the things to check. Unknown never becomes a silent no, and a
 * service whose `appliesTo` the answers rule out is "not applicable", not "not eligible".
 */
export type Status = 'met' | 'unmet' | 'unknown';
export type Verdict = 'likely' | 'maybe' | 'no' | 'notApplicable';

export interface ConditionResult {
  condition: Condition;
  status: Status;
  /** For anyOf: the alternatives' results. */
  alternatives?: ConditionResult[];
}

/** What the engine needs of a benefit: its conditions, what staff must check, its order. */
export type Rule = Pick<Benefit, 'conditions' | 'appliesTo' | 'alwaysCheck' | 'checks' | 'order'>;

export interface BenefitResult<B extends Rule = Benefit> {
  benefit: B;
  verdict: Verdict;
  /** Each `appliesTo` condition with its status, in rule order. */
  appliesTo: ConditionResult[];
  /** Every top-level condition with its status, in rule order. */
  reasons: ConditionResult[];
  /** What staff will check: `alwaysCheck`, then each conditional check the answers leave open. */
  checks: string[];
}

/** Every value each question can take: a list condition naming them all holds whatever the answer. */
export const QUESTION_VALUES = {
  hasCertificate: ['yes', 'no'],
  category: [1, 2, 3, 4, 5, 6, 7],
  grade: [1, 2, 3, 4],
  localHukou: ['yes', 'no'],
  household: ['dibao', 'low-income', 'tekun', 'none'],
  needsLongTermCare: ['yes', 'no'],
  education: ['preschool', 'compulsory', 'high-school', 'vocational', 'college', 'none'],
  work: ['employed', 'seeking', 'self-employed', 'none'],
  ownsMotorWheelchair: ['yes', 'no'],
  cataract: ['yes', 'no'],
  psychiatricMedication: ['yes', 'no'],
  homeNeedsModification: ['yes', 'no'],
} as const satisfies Partial<Record<QuestionId, readonly unknown[]>>;

/** The category digit of a 多重 (multiple) certificate: which disabilities it combines is not in the number. */
export const MULTIPLE = 7;

function inList<T>(value: T | undefined, list: readonly T[], every: readonly T[]): Status {
  if (value !== undefined) return list.includes(value) ? 'met' : 'unmet';
  return every.every((v) => list.includes(v)) ? 'met' : 'unknown';
}

const inRange = (value: number | undefined, range: { min?: number | undefined; max?: number | undefined }): Status => {
  if (value === undefined) return 'unknown';
  if (range.min !== undefined && value < range.min) return 'unmet';
  if (range.max !== undefined && value > range.max) return 'unmet';
  return 'met';
};

/**
 * A certificate's category. 多重 combines two or more of 1–6 and the number does not say which
 * (a deafblind person with visual 一级 is blind): so for 7 a list of single categories is unknown,
 * never unmet. Without a certificate there is no category. Whether one is held is the rule's own
 * hasCertificate condition (the schema requires it), so it is not repeated here.
 */
function categoryStatus(answers: Answers, list: readonly number[]): Status {
  if (answers.hasCertificate === 'no') return 'unmet';
  if (answers.category === MULTIPLE && !list.includes(MULTIPLE)) return 'unknown';
  return inList<number>(answers.category, list, QUESTION_VALUES.category);
}

/** A certificate's grade; for 多重 it is the grade of the most severe part (GB/T 26341-2010). */
function gradeStatus(answers: Answers, list: readonly number[]): Status {
  if (answers.hasCertificate === 'no') return 'unmet';
  return inList<number>(answers.grade, list, QUESTION_VALUES.grade);
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
        return categoryStatus(answers, c.category as readonly number[]);
      case 'grade':
        return gradeStatus(answers, c.grade as readonly number[]);
      case 'age':
      case 'disabledInHousehold':
        return inRange(answers[key], c[key] as { min?: number; max?: number });
      case 'household':
      case 'education':
      case 'work':
        return inList<string>(answers[key], c[key] as readonly string[], QUESTION_VALUES[key]);
      default:
        return inList<string>(answers[key], [c[key] as string], QUESTION_VALUES[key]);
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
  const appliesTo = (benefit.appliesTo ?? []).map((c) => evaluateCondition(c, answers));
  const reasons = benefit.conditions.map((c) => evaluateCondition(c, answers));
  const checks = [
    ...(benefit.alwaysCheck ? [benefit.alwaysCheck] : []),
    ...(benefit.checks ?? []).filter((c) => evaluateCondition(c.when, answers).status !== 'unmet').map((c) => c.check),
  ];
  if (appliesTo.some((r) => r.status === 'unmet')) return { benefit, verdict: 'notApplicable', appliesTo, reasons, checks };
  const verdict = combine([...appliesTo, ...reasons]);
  // Anything staff must still check (income, medical proof) keeps a benefit at "maybe".
  return { benefit, verdict: verdict === 'likely' && checks.length > 0 ? 'maybe' : verdict, appliesTo, reasons, checks };
}

const VERDICT_ORDER: Record<Verdict, number> = { likely: 0, maybe: 1, no: 2, notApplicable: 3 };

/** Every benefit's result: likely first, then maybe, then not eligible, then not applicable; rule order within. */
export function evaluateAll<B extends Rule>(benefits: readonly B[], answers: Answers): BenefitResult<B>[] {
  return benefits
    .map((b) => evaluateBenefit(b, answers))
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.benefit.order - b.benefit.order);
}

/** The values a question can take, for deciding whether asking it can change anything. */
const SAMPLE_VALUES: Record<QuestionId, readonly unknown[]> = {
  ...QUESTION_VALUES,
  age: [0, 3, 6, 7, 12, 15, 16, 18, 22, 30, 45, 59, 60, 61, 70, 80, 100],
  disabledInHousehold: [1, 2, 3],
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
