import type { Answers } from './answers.ts';
import type { Condition, ConditionKey } from './rules-schema.ts';

/**
 * Plain-language phrases for conditions and answers, built from the rule structure. All words
 * come from the caller's `say` (the UI strings of the page's script), so the same code serves
 * Simplified and Traditional pages, in the browser and on the server.
 */
/** UI text by key with {placeholders} filled; a key with no text comes back as the key itself. */
export type Say = (key: string, values?: Record<string, string | number>) => string;

/** What the phrases need besides the strings. */
export interface Wording {
  say: Say;
  /** The federation's area, for "户口在{region}". */
  region: string;
}

type Range = { min?: number | undefined; max?: number | undefined };
type SimpleKey = ConditionKey;

export const keyOf = (condition: Exclude<Condition, { anyOf: Condition[] }>): SimpleKey => Object.keys(condition)[0] as SimpleKey;
const valueOf = (condition: Condition): unknown => (condition as Record<string, unknown>)[Object.keys(condition)[0]!];

/** "A、B或C". */
export function list(say: Say, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(say('checker.listSep'))}${say('checker.or')}${items.at(-1)}`;
}

function rangeText(say: Say, key: 'age' | 'disabledInHousehold', r: Range): string {
  if (r.min !== undefined && r.max !== undefined) return say(`checker.cond.${key}.range`, { min: r.min, max: r.max });
  if (r.min !== undefined) return say(`checker.cond.${key}.min`, { min: r.min });
  return say(`checker.cond.${key}.max`, { max: r.max ?? 0 });
}

/** The category names of a category condition: "视力或听力". */
export const categoryNames = (say: Say, categories: readonly number[]) => list(say, categories.map((c) => say(`category.${c}`)));

/** A condition as a fact about the person: "年满 60 周岁", "残疾类别是视力". */
export function describeCondition(condition: Condition, w: Wording): string {
  const { say, region } = w;
  if ('anyOf' in condition) return condition.anyOf.map((c) => describeCondition(c, w)).join(say('checker.orAlt'));
  const key = keyOf(condition);
  const value = valueOf(condition);
  switch (key) {
    case 'category':
      return say('checker.cond.category', { list: categoryNames(say, value as number[]) });
    case 'grade':
      return say('checker.cond.grade', { list: list(say, (value as number[]).map((g) => say(`checker.grade.${g}`))) });
    case 'age':
    case 'disabledInHousehold':
      return rangeText(say, key, value as Range);
    case 'household':
    case 'work':
      return say(`checker.cond.${key}`, { list: list(say, (value as string[]).map((v) => say(`checker.cond.${key}.${v}`))) });
    case 'education':
      return say('checker.cond.education', { list: list(say, (value as string[]).map((v) => say(`checker.a.education.${v}`))) });
    default:
      return say(`checker.cond.${key}.${value as string}`, { region });
  }
}

/**
 * A condition as what a rule needs: "需要年满 60 周岁". A key may have its own template
 * (`checker.need.<key>`), for facts that already say 需要 ("需要别人长期照顾").
 */
export function describeNeed(condition: Condition, w: Wording): string {
  const cond = describeCondition(condition, w);
  const own = 'anyOf' in condition ? undefined : `checker.need.${keyOf(condition)}`;
  const template = own && w.say(own) !== own ? own : 'checker.need';
  return w.say(template, { cond });
}

/** The answer a condition is about, in words that follow "是": "45 岁", "低保家庭", "持有残疾人证". */
export function describeAnswer(key: SimpleKey, answers: Answers, w: Wording): string | undefined {
  const { say, region } = w;
  const value = answers[key];
  if (value === undefined) return undefined;
  switch (key) {
    case 'age':
      return say('checker.ans.age', { age: value as number });
    case 'category':
      return say('checker.ans.category', { name: say(`category.${value as number}`) });
    case 'grade':
      return say(`checker.grade.${value as number}`);
    case 'household':
      return say(`checker.ans.household.${value as string}`);
    case 'disabledInHousehold':
      return say('checker.ans.disabledInHousehold', { label: say(`checker.a.disabledInHousehold.${value as number}`) });
    case 'education':
      return say(`checker.a.education.${value as string}`);
    case 'work':
      return say(`checker.cond.work.${value as string}`);
    default:
      return say(`checker.cond.${key}.${value as string}`, { region });
  }
}

/** What a question is about, for "…还不知道": "年龄", "有没有残疾人证". */
export const describeTopic = (key: SimpleKey, w: Wording) => w.say(`checker.topic.${key}`, { region: w.region });

/** The answer keys a condition reads, alternatives included, in order and without repeats. */
export function keysOf(condition: Condition): SimpleKey[] {
  const keys = 'anyOf' in condition ? condition.anyOf.flatMap(keysOf) : [keyOf(condition)];
  return keys.filter((k, i) => keys.indexOf(k) === i);
}
