import * as v from 'valibot';
import { applyText } from '../../i18n/text/apply.ts';
import { PAGE_IDS, type AnswerPageId, type FieldError, type FormInput, type GateResult, type JourneyContext, type JourneyState, type PageId, type PageResult, type PageValues, type ServiceId } from './contract.ts';
import { answeredFields, schemaOf } from './derive.ts';
import { applicantFacts } from './facts.ts';
import { JOURNEYS, pageDecl } from './registry.ts';
import { say, wordingFor } from './wording.ts';

/**
 * The journey of each service as pure functions of its answers: which pages apply, in what
 * order, validating one page, what comes next, and whether the whole application is ready.
 */

/** The pages that apply to these answers, in order. */
export function pagesFor(state: JourneyState, ctx: JourneyContext): PageId[] {
  return JOURNEYS[state.service].filter((p) => p.applies(state, ctx)).map((p) => p.id);
}

export const firstPage = (service: ServiceId): PageId => JOURNEYS[service][0]!.id;

/** Saved values of a page as form input ('action' is the draft's action). */
export function savedValues(state: JourneyState, page: PageId): PageValues | undefined {
  if (page === 'action') return state.action ? { action: state.action } : undefined;
  return state.answers[page];
}

/** The state as it would be with these values saved for this page. */
export function withPage(state: JourneyState, page: PageId, values: PageValues): JourneyState {
  if (page === 'action') return { ...state, action: String(values['action']) };
  return { ...state, answers: { ...state.answers, [page]: values } };
}

const isEmpty = (value: unknown) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Validate one page's input. Each field reports its first problem only (GOV.UK's pattern);
 * fields are listed in page order; checks across fields and pages run once the fields pass.
 * A failing page also says which fields were valid (`valid`), so saving never needs the page
 * to be finished.
 */
export function parsePage(service: ServiceId, page: PageId, input: FormInput, state: JourneyState, ctx: JourneyContext): PageResult {
  const decl = pageDecl(service, page);
  if (!decl) return { ok: false, errors: [{ field: page, message: applyText['apply.page.noPage'] }], valid: {} };
  const wording = wordingFor(state, ctx);
  const errors: FieldError[] = [];
  const values: PageValues = {};
  for (const q of answeredFields(decl, state, ctx, input)) {
    const result = v.safeParse(schemaOf(q, state, ctx, wording), input[q.name], { abortPipeEarly: true });
    if (!result.success) errors.push({ field: q.name, message: result.issues[0].message });
    else if (!isEmpty(result.output)) values[q.name] = result.output as string | string[];
  }
  if (errors.length > 0) return { ok: false, errors, valid: values };
  const next = withPage(state, page, values);
  const problems = decl.check?.(values, next, ctx) ?? [];
  if (problems.length === 0) return { ok: true, values };
  const after = wordingFor(next, ctx);
  return {
    ok: false,
    errors: problems.map((p) => ({ field: p.field, message: say(p.key, after), ...(p.rule ? { rule: p.rule } : {}) })),
    valid: Object.fromEntries(Object.entries(values).filter(([name]) => !problems.some((p) => p.field === name))),
  };
}

/** What this page's valid answers decide before going on (a follow-up question, or a refusal). */
export function pageGate(service: ServiceId, page: PageId, values: PageValues, ctx: JourneyContext): GateResult {
  return pageDecl(service, page)?.gate?.(values, ctx) ?? null;
}

/** A saved page whose answers no longer let the journey go on (e.g. a transit rule that changed). */
function gateProblems(service: ServiceId, page: PageId, values: PageValues, ctx: JourneyContext): FieldError[] {
  const gate = pageGate(service, page, values, ctx);
  if (gate?.kind === 'refuse') return [{ field: gate.field, message: applyText['apply.certificate.notEligible'] }];
  if (gate?.kind === 'ask') {
    const q = pageDecl(service, page)?.questions.find((x) => x.name === gate.field);
    return [{ field: gate.field, message: q && 'required' in q ? applyText[q.required] : applyText['apply.page.missing'] }];
  }
  return [];
}

/** Pages that hold answers but no longer apply (e.g. the agent page after choosing "for myself"). */
export function inapplicablePages(state: JourneyState, ctx: JourneyContext): AnswerPageId[] {
  const applicable = new Set(pagesFor(state, ctx));
  return (PAGE_IDS.filter((p) => p !== 'action') as AnswerPageId[]).filter((p) => state.answers[p] !== undefined && !applicable.has(p));
}

export interface PageReview {
  page: PageId;
  answered: boolean;
  errors: FieldError[];
}

export interface JourneyReview {
  pages: PageReview[];
  /** Problems that stop submission, each pointing at the page that fixes it; a rule across pages is said once. */
  problems: (FieldError & { page: PageId })[];
  complete: boolean;
}

/**
 * Re-check every applicable page with the saved answers (configuration may have changed since,
 * and a later answer may invalidate an earlier one): the page checks see every answer now, so
 * the rules that span pages (the guardian rule, a child without a certificate) are found here too.
 */
export function reviewJourney(state: JourneyState, ctx: JourneyContext): JourneyReview {
  const pages: PageReview[] = [];
  const problems: JourneyReview['problems'] = [];
  const rulesSaid = new Set<string>();
  for (const page of pagesFor(state, ctx)) {
    const saved = savedValues(state, page);
    if (!saved) {
      pages.push({ page, answered: false, errors: [] });
      continue;
    }
    const result = parsePage(state.service, page, saved, state, ctx);
    const errors = result.ok ? gateProblems(state.service, page, saved, ctx) : result.errors;
    pages.push({ page, answered: true, errors });
    for (const error of errors) {
      if (error.rule && rulesSaid.has(error.rule)) continue;
      if (error.rule) rulesSaid.add(error.rule);
      problems.push({ ...error, page });
    }
  }
  const complete = pages.every((p) => p.answered) && problems.length === 0;
  return { pages, problems, complete };
}

/**
 * Where to go after saving `current`: the next applicable page, or — when the person came from
 * the check page — straight back there unless the change opened a page not yet answered.
 */
export function nextPage(state: JourneyState, ctx: JourneyContext, current: PageId, returning: boolean): PageId | 'check' {
  const pages = pagesFor(state, ctx);
  const unanswered = pages.find((p) => !savedValues(state, p));
  if (returning) return unanswered ?? 'check';
  return pages[pages.indexOf(current) + 1] ?? unanswered ?? 'check';
}

/** Where a resumed application continues: the first page unanswered or no longer valid, else the check page. */
export function firstIncomplete(state: JourneyState, ctx: JourneyContext): PageId | 'check' {
  const review = reviewJourney(state, ctx);
  return review.pages.find((p) => !p.answered || p.errors.length > 0)?.page ?? 'check';
}

/** The applicant's ID number is known (needed before a resume code can be issued). */
export function hasIdentity(state: JourneyState, ctx: JourneyContext): boolean {
  return applicantFacts(state, ctx.today).idNumber !== null;
}
