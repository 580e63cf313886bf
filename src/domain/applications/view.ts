import type { FormInput, JourneyContext, JourneyState, PageDecl, Question } from './contract.ts';
import { followUps, optionsOf, visibleQuestions } from './derive.ts';
import { say, wordingFor, type Wording } from './wording.ts';

/**
 * A question page as words and controls, derived from its declaration: what the components in
 * src/components/form render. Nothing here knows about HTML.
 */
export interface OptionView {
  value: string;
  label: string;
  hint?: string;
  /** Follow-up questions shown under this option (no script needed to reveal them). */
  conditional?: QuestionView[];
}

export type QuestionView =
  | { kind: 'radios' | 'checkboxes'; name: string; legend: string; hint?: string; options: OptionView[] }
  | { kind: 'text' | 'textarea'; name: string; label: string; hint?: string; width: 'short' | 'medium' | 'long' | 'code'; autocomplete?: string; inputmode?: 'numeric' | 'tel' | 'text'; spellcheck?: false; maxlength?: number; type?: 'text' | 'password' | 'email' }
  | { kind: 'checkbox'; name: string; value: string; label: string };

export interface PageView {
  /** The page's h1 — and, when the page asks one question that has the same words, that question's legend/label. */
  title: string;
  intro: string[];
  questions: QuestionView[];
  /** The single question is the heading (GOV.UK: legend or label as h1). */
  questionIsHeading: boolean;
  /** Values to show: what was typed or saved, with prefilled answers from earlier pages. */
  values: Record<string, string | string[]>;
}

function questionView(q: Question, state: JourneyState, ctx: JourneyContext, input: FormInput, wording: Wording): QuestionView {
  const hint = q.hint ? { hint: say(q.hint, wording) } : {};
  switch (q.kind) {
    case 'radios':
    case 'checkboxes':
      return {
        kind: q.kind, name: q.name, legend: say(q.label, wording), ...hint,
        options: optionsOf(q, state, ctx).map((o) => {
          const follow = followUps(q, state, ctx, input, o.value).map((f) => questionView(f, state, ctx, input, wording));
          return {
            value: o.value,
            label: say(o.label, wording, q.kind === 'checkboxes' ? { max: ctx.maxDevices } : {}),
            ...(o.hint ? { hint: say(o.hint, wording) } : {}),
            ...(follow.length ? { conditional: follow } : {}),
          };
        }),
      };
    case 'checkbox':
      return { kind: 'checkbox', name: q.name, value: q.value, label: say(q.label, wording) };
    case 'text':
    case 'textarea': {
      const autocomplete = typeof q.autocomplete === 'function' ? q.autocomplete(state) : q.autocomplete;
      return {
        kind: q.kind, name: q.name, label: say(q.label, wording), ...hint, width: q.width ?? 'long',
        ...(autocomplete ? { autocomplete } : {}), ...(q.inputmode ? { inputmode: q.inputmode } : {}), ...(q.spellcheck === false ? { spellcheck: false as const } : {}),
      };
    }
  }
}

/** Every question of the view, follow-ups included, in the order they appear. */
export function questionOrder(questions: QuestionView[]): string[] {
  return questions.flatMap((q) => [q.name, ...('options' in q ? q.options.flatMap((o) => questionOrder(o.conditional ?? [])) : [])]);
}

export function pageView(page: PageDecl, state: JourneyState, ctx: JourneyContext, input: FormInput): PageView {
  const wording = wordingFor(state, ctx);
  const visible = visibleQuestions(page, state, ctx, input);
  const intro = (page.intro ?? [])
    .filter((p) => typeof p === 'string' || 'literal' in p || p.when(state, ctx))
    .map((p) => say(typeof p === 'string' || 'literal' in p ? p : p.text, wording));
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string' || Array.isArray(v)) values[k] = v as string | string[];
  const prefill = (qs: readonly Question[]) => {
    for (const q of qs) {
      if ((q.kind === 'text' || q.kind === 'textarea') && q.prefill && values[q.name] === undefined) {
        const value = q.prefill(state);
        if (value !== undefined) values[q.name] = value;
      }
      if (q.kind === 'radios' && q.conditional) for (const follow of Object.values(q.conditional)) prefill(follow);
    }
  };
  prefill(visible);
  const only = visible.length === 1 ? visible[0]! : null;
  return {
    title: say(page.title, wording),
    intro,
    questions: visible.map((q) => questionView(q, state, ctx, input, wording)),
    // GOV.UK: a page that asks one thing makes the question its heading; a page with an
    // introduction keeps its own h1, so nothing is read before the heading.
    questionIsHeading: only !== null && only.label === page.title && intro.length === 0,
    values,
  };
}
