import { applyText, type ApplyKey } from '../../i18n/text/apply.ts';
import type { JourneyContext, JourneyState, TextRef } from './contract.ts';
import { applicantFacts } from './facts.ts';

/**
 * Turning the text keys of a page declaration into the words on the page. The same placeholders
 * work in every journey text (src/i18n/text/apply.ts): who is applying decides {you}/{your}, and
 * the federation's configuration fills the rest, so no figure is ever typed into a sentence.
 */
export const forOther = (state: JourneyState) => state.answers.who?.['applying_for'] === 'other';

export type Wording = Record<string, string>;

export function wordingFor(state: JourneyState, ctx: JourneyContext): Wording {
  const other = forOther(state);
  const facts = applicantFacts(state, ctx.today);
  const held = facts.certificateCategory
    ? `${applyText[`apply.category.${facts.certificateCategory}` as ApplyKey]}${applyText[`apply.grade.${facts.certificateGrade}` as ApplyKey] ?? ''}`
    : '';
  return {
    you: other ? '申请人' : '您',
    your: other ? '申请人的' : '您的',
    max: String(ctx.maxDevices),
    rules: ctx.transitRules.map((r) => r.label).join('；'),
    pickup: ctx.pickupPoints.find((p) => p.id === ctx.transitPickupPoint)?.name ?? '',
    held,
    days: String(ctx.draftRetentionDays ?? ''),
  };
}

/** Fill {name} placeholders; an unknown one stays visible rather than becoming "undefined". */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (name in values ? String(values[name]) : `{${name}}`));
}

/** The words of a text reference for this state. */
export function say(ref: TextRef, wording: Wording, extra: Record<string, string | number> = {}): string {
  if (typeof ref !== 'string') return ref.literal;
  return fill(applyText[ref], { ...wording, ...extra });
}
