import type { Condition, ConditionKey } from './rules-schema.ts';
import type { ConditionResult } from './engine.ts';

/**
 * Plain-language sentences for conditions. All words come from the caller's `say`
 * (the UI strings of the page's script), so the same code serves Simplified and
 * Traditional pages, in the browser and on the server.
 */
export type Say = (key: string, values?: Record<string, string | number>) => string;

function list(say: Say, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(say('checker.listSep'))}${say('checker.or')}${items.at(-1)}`;
}

function rangeText(say: Say, key: 'age' | 'disabledInHousehold', r: { min?: number | undefined; max?: number | undefined }): string {
  if (r.min !== undefined && r.max !== undefined) return say(`checker.cond.${key}.range`, { min: r.min, max: r.max });
  if (r.min !== undefined) return say(`checker.cond.${key}.min`, { min: r.min });
  return say(`checker.cond.${key}.max`, { max: r.max ?? 0 });
}

export function describeCondition(condition: Condition, say: Say, region: string): string {
  if ('anyOf' in condition) {
    return say('checker.anyOf', { list: condition.anyOf.map((c) => describeCondition(c, say, region)).join('；') });
  }
  const key = Object.keys(condition)[0] as ConditionKey;
  const value = (condition as Record<ConditionKey, unknown>)[key];
  switch (key) {
    case 'category':
      return say('checker.cond.category', { list: list(say, (value as number[]).map((c) => say(`category.${c}`))) });
    case 'grade':
      return say('checker.cond.grade', { list: list(say, (value as number[]).map((g) => say(`checker.grade.${g}`))) });
    case 'age':
    case 'disabledInHousehold':
      return rangeText(say, key, value as { min?: number; max?: number });
    case 'household':
    case 'education':
    case 'work':
      return say(`checker.cond.${key}`, { list: list(say, (value as string[]).map((v) => say(`checker.a.${key}.${v}`))) });
    default:
      return say(`checker.cond.${key}.${value as string}`, { region });
  }
}

/** The reasons behind a verdict: what held, what failed, what is not known yet. */
export function reasonsByStatus(results: readonly ConditionResult[]) {
  return {
    met: results.filter((r) => r.status === 'met'),
    unmet: results.filter((r) => r.status === 'unmet'),
    unknown: results.filter((r) => r.status === 'unknown'),
  };
}
