import type { Answers } from './answers.ts';
import type { BenefitResult, ConditionResult, Rule } from './engine.ts';
import { MULTIPLE } from './engine.ts';
import type { Condition } from './rules-schema.ts';
import { categoryNames, describeAnswer, describeCondition, describeNeed, describeTopic, keyOf, keysOf, type Wording } from './describe.ts';

/**
 * The sentences behind a verdict, generated from the rule and the answers (never written per
 * benefit): why it is likely, what is still to check, and why not — each saying what the rule
 * needs and what the answers say: "需要年满 60 周岁；您填写的是 45 岁".
 */
export interface Explaining extends Wording {
  /** Checking for someone else: "您填写的申请人是 45 岁". */
  forWhom?: 'self' | 'other' | undefined;
  /** Category, grade and age were read from the certificate number the person typed. */
  fromCertificate?: boolean;
}

const FROM_CERTIFICATE = new Set(['category', 'grade', 'age']);
/** Numbers stand apart from Chinese characters, as everywhere on the site ("是 45 岁"), wherever a value lands. */
const spaced = (text: string) => text.replace(/([\u3400-\u9fff])(\d)/g, '$1 $2').replace(/(\d)([\u3400-\u9fff])/g, '$1 $2');
const isCertificateDetail = (c: Condition) => keysOf(c).every((k) => k === 'category' || k === 'grade');

/** The facts that make a benefit likely: for a met anyOf, only the alternatives that are met. */
export function whyLikely(result: BenefitResult<Rule>, w: Explaining): string {
  const fact = (r: ConditionResult): string =>
    r.alternatives ? r.alternatives.filter((a) => a.status === 'met').map(fact).join(w.say('checker.orAlt')) : describeCondition(r.condition, w);
  return [...result.appliesTo, ...result.reasons].filter((r) => r.status === 'met').map(fact).join(w.say('checker.factSep'));
}

/**
 * Why a benefit is ruled out, in one sentence: every unmet condition, then the answers they
 * read. Without a certificate, "needs a certificate" is the reason; its category and grade
 * follow from it and are not repeated.
 */
export function whyNot(result: BenefitResult<Rule>, answers: Answers, w: Explaining): string {
  let unmet = result.reasons.filter((r) => r.status === 'unmet');
  if (unmet.some((r) => !('anyOf' in r.condition) && keyOf(r.condition) === 'hasCertificate')) {
    unmet = unmet.filter((r) => !isCertificateDetail(r.condition));
  }
  if (unmet.length === 0) return '';
  const need = [describeNeed(unmet[0]!.condition, w), ...unmet.slice(1).map((r) => describeCondition(r.condition, w))].join(w.say('checker.needSep'));
  const keys = unmet
    .flatMap((r) => keysOf(r.condition))
    // Without a certificate there is no category or grade to quote: quote that there is none.
    .map((k) => (answers.hasCertificate === 'no' && (k === 'category' || k === 'grade') ? 'hasCertificate' : k))
    .filter((k, i, all) => all.indexOf(k) === i);
  const values = keys.map((k) => describeAnswer(k, answers, w)).filter((v): v is string => v !== undefined);
  const fromCertificate = Boolean(w.fromCertificate) && keys.every((k) => FROM_CERTIFICATE.has(k));
  const template = fromCertificate ? 'checker.answer.fromCertificate' : w.forWhom === 'other' ? 'checker.answer.other' : 'checker.answer.self';
  return spaced(w.say('checker.reason', { need, answer: w.say(template, { value: values.join(w.say('checker.answerSep')) }) }));
}

/** What the answers leave open about one condition: a 多重 certificate's parts, or the questions not answered. */
function openPart(r: ConditionResult, answers: Answers, w: Explaining): string {
  const open = r.alternatives ? r.alternatives.filter((a) => a.status === 'unknown') : [r];
  const categories = open.flatMap((a) => ('category' in a.condition ? a.condition.category : []));
  if (answers.category === MULTIPLE && categories.length > 0) {
    return w.say('checker.answer.multiple', { list: categoryNames(w.say, categories.filter((c, i) => categories.indexOf(c) === i)) });
  }
  const keys = open.flatMap((a) => keysOf(a.condition)).filter((k, i, all) => all.indexOf(k) === i && answers[k] === undefined);
  return w.say('checker.answer.unknown', { topic: keys.map((k) => describeTopic(k, w)).join(w.say('checker.listSep')) });
}

/**
 * What is still to check before a "maybe" can be decided: each open condition (whom the
 * service is for first), then what staff check whatever the answers say.
 */
export function toCheck(result: BenefitResult<Rule>, answers: Answers, w: Explaining): string[] {
  const forWhom = result.appliesTo
    .filter((r) => r.status === 'unknown')
    .map((r) => w.say('checker.reason', { need: w.say('checker.appliesTo', { cond: describeCondition(r.condition, w) }), answer: openPart(r, answers, w) }));
  const conditions = result.reasons
    .filter((r) => r.status === 'unknown')
    .map((r) => w.say('checker.reason', { need: describeNeed(r.condition, w), answer: openPart(r, answers, w) }));
  return [...forWhom, ...conditions, ...result.checks];
}
