import * as v from 'valibot';
import type { FieldSchema } from './fields.ts';
import { textFieldSchema } from './fields.ts';
import type { FormInput, JourneyContext, JourneyState, OptionDecl, PageDecl, Question } from './contract.ts';
import { say, wordingFor, type Wording } from './wording.ts';

/**
 * What a page declaration means for one request: which questions are asked (their `when`, and
 * the follow-ups of the option chosen), their options, and the valibot schema of each field.
 * The question page, the form handler, the check page and the JSON API all go through here.
 */

/** The options of a choice question for this state (from the declaration or the configuration). */
export function optionsOf(q: Extract<Question, { options: unknown }>, state: JourneyState, ctx: JourneyContext): readonly OptionDecl[] {
  return typeof q.options === 'function' ? q.options(state, ctx) : q.options;
}

/** The page's top-level questions that are asked now. */
export function visibleQuestions(page: PageDecl, state: JourneyState, ctx: JourneyContext, input: FormInput): Question[] {
  return page.questions.filter((q) => !q.when || q.when(state, ctx, input));
}

/** Follow-ups shown under each option of a radios question (all of them, for rendering). */
export function followUps(q: Question, state: JourneyState, ctx: JourneyContext, input: FormInput, value: string): Question[] {
  if (q.kind !== 'radios' || !q.conditional) return [];
  return (q.conditional[value] ?? []).filter((f) => !f.when || f.when(state, ctx, input));
}

/**
 * The fields this input is answering, in page order: each asked question, and the follow-ups of
 * the option chosen (a follow-up of an option not chosen is not asked, and not kept).
 */
export function answeredFields(page: PageDecl, state: JourneyState, ctx: JourneyContext, input: FormInput): Question[] {
  const out: Question[] = [];
  const add = (q: Question) => {
    out.push(q);
    if (q.kind === 'radios' && typeof input[q.name] === 'string') for (const f of followUps(q, state, ctx, input, input[q.name] as string)) add(f);
  };
  for (const q of visibleQuestions(page, state, ctx, input)) add(q);
  return out;
}

const asList = (value: unknown): unknown => (value === undefined || value === '' ? [] : typeof value === 'string' ? [value] : value);

/** The name of a field in its messages: its check-page key, else its label. */
export const fieldLabel = (q: Question, wording: Wording) => say(q.summary ?? q.label, wording);

/** The valibot schema of one question, with its messages in Simplified Chinese. */
export function schemaOf(q: Question, state: JourneyState, ctx: JourneyContext, wording: Wording = wordingFor(state, ctx)): FieldSchema {
  switch (q.kind) {
    case 'radios': {
      const values = optionsOf(q, state, ctx).map((o) => o.value);
      return v.picklist(values as [string, ...string[]], say(q.required, wording));
    }
    case 'checkboxes': {
      const values = new Set(optionsOf(q, state, ctx).map((o) => o.value));
      const max = q.max.count(ctx);
      return v.pipe(
        v.unknown(),
        v.transform(asList),
        v.array(v.string(say(q.unknown, wording)), say(q.unknown, wording)),
        v.minLength(1, say(q.required, wording)),
        v.check((list) => list.every((id) => values.has(id)), say(q.unknown, wording)),
        v.check((list) => new Set(list).size === list.length, say(q.duplicate, wording)),
        v.maxLength(max, say(q.max.message, wording, { max })),
      );
    }
    case 'checkbox':
      return v.literal(q.value, say(q.required, wording));
    case 'text':
    case 'textarea':
      return textFieldSchema(q.field, fieldLabel(q, wording), ctx.today, q.optional === true, q.empty ? say(q.empty, wording) : undefined);
  }
}
