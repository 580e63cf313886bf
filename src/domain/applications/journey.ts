import * as v from 'valibot';
import { parseCertificateNumber } from '../identity/certificate-number.ts';
import { applicantFacts, guardianReason } from './facts.ts';
import { JOURNEYS, type FieldError, type FormInput, type JourneyContext, type PageDef, type PageResult } from './steps.ts';
import { STEP_IDS, type JourneyState, type PageId, type StepId, type StepValues } from './services.ts';
import { transitEligibility, type TransitEligibility } from './transit-eligibility.ts';

/**
 * The journey of each service as pure functions of its answers: which pages apply, in what
 * order, validating one page, what comes next, and whether the whole application is ready.
 */

export function pageDef(service: JourneyState['service'], page: PageId): PageDef | undefined {
  return JOURNEYS[service].find((p) => p.id === page);
}

/** The pages that apply to these answers, in order. */
export function pagesFor(state: JourneyState, ctx: JourneyContext): PageId[] {
  return JOURNEYS[state.service].filter((p) => p.applies(state, ctx)).map((p) => p.id);
}

/** Saved values of a page as form input ('action' is the draft's action). */
export function savedValues(state: JourneyState, page: PageId): StepValues | undefined {
  if (page === 'action') return state.action ? { action: state.action } : undefined;
  return state.answers[page];
}

/** The state as it would be with these values saved for this page. */
export function withPage(state: JourneyState, page: PageId, values: StepValues): JourneyState {
  if (page === 'action') return { ...state, action: String(values['action']) };
  return { ...state, answers: { ...state.answers, [page]: values } };
}

/**
 * Validate one page's input. Each field reports its first problem only (GOV.UK's pattern);
 * fields are listed in page order; cross-field and cross-page checks run once the fields pass.
 */
export function parsePage(service: JourneyState['service'], page: PageId, input: FormInput, state: JourneyState, ctx: JourneyContext): PageResult {
  const def = pageDef(service, page);
  if (!def) return { ok: false, errors: [{ field: page, message: '没有这一页' }] };
  const fields = def.fields(input, state, ctx);
  const errors: FieldError[] = [];
  const values: StepValues = {};
  for (const [field, schema] of Object.entries(fields)) {
    const result = v.safeParse(schema, input[field], { abortPipeEarly: true });
    if (!result.success) {
      errors.push({ field, message: result.issues[0].message });
    } else if (result.output !== undefined && result.output !== '' && !(Array.isArray(result.output) && result.output.length === 0)) {
      values[field] = result.output;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const problems = def.check?.(values, withPage(state, page, values), ctx) ?? [];
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, values };
}

/** Steps that hold answers but no longer apply (e.g. the agent page after choosing "for myself"). */
export function inapplicableSteps(state: JourneyState, ctx: JourneyContext): StepId[] {
  const applicable = new Set(pagesFor(state, ctx));
  return STEP_IDS.filter((step) => state.answers[step] !== undefined && !applicable.has(step));
}

export interface PageReview {
  page: PageId;
  answered: boolean;
  errors: FieldError[];
}

export interface JourneyReview {
  pages: PageReview[];
  /** Problems that stop submission, each pointing at the page that fixes it. */
  problems: (FieldError & { page: PageId })[];
  complete: boolean;
}

/**
 * Re-check every applicable page with the saved answers (configuration may have changed since,
 * and a later answer may invalidate an earlier one), plus the rules that span pages.
 */
export function reviewJourney(state: JourneyState, ctx: JourneyContext): JourneyReview {
  const pages: PageReview[] = [];
  const problems: JourneyReview['problems'] = [];
  for (const page of pagesFor(state, ctx)) {
    const saved = savedValues(state, page);
    if (!saved) {
      pages.push({ page, answered: false, errors: [] });
      continue;
    }
    const result = parsePage(state.service, page, saved, state, ctx);
    const errors = result.ok ? [] : result.errors;
    pages.push({ page, answered: true, errors });
    for (const error of errors) problems.push({ ...error, page });
  }
  const facts = applicantFacts(state, ctx.today);
  const reason = guardianReason(facts);
  const applicable = new Set(pagesFor(state, ctx));
  if (reason && applicable.has('agent') && state.answers.agent && state.answers.agent['relationship'] !== 'guardian'
      && !problems.some((p) => p.page === 'agent')) {
    problems.push({
      page: 'agent',
      field: 'relationship',
      message: reason === 'minor'
        ? '申请人未满 18 周岁，须由监护人代为申请：请把“与申请人的关系”改为“监护人”'
        : '智力残疾、精神残疾的申请人须由监护人代为申请：请把“与申请人的关系”改为“监护人”',
    });
  }
  if (state.service === 'transit-card' && state.answers.certificate) {
    const outcome = transitOutcome(state.answers.certificate, ctx);
    if (outcome && outcome.result !== 'eligible' && !problems.some((p) => p.page === 'certificate')) {
      problems.push({ page: 'certificate', field: 'certificate_number', message: '按本县办理条件，这个残疾人证不能办理免费乘车卡' });
    }
  }
  const complete = pages.every((p) => p.answered) && problems.length === 0;
  return { pages, problems, complete };
}

/**
 * Where to go after saving `current`: the next applicable page, or — when the person came from
 * the check-answers page — straight back there unless the change opened a page not yet answered.
 */
export function nextPage(state: JourneyState, ctx: JourneyContext, current: PageId, returning: boolean): PageId | 'check' {
  const pages = pagesFor(state, ctx);
  const unanswered = pages.find((p) => !savedValues(state, p));
  if (returning) return unanswered ?? 'check';
  const index = pages.indexOf(current);
  const next = pages.slice(index + 1).find(() => true);
  return next ?? unanswered ?? 'check';
}

/** The first page without an answer (where a resumed application continues), or 'check'. */
export function firstUnanswered(state: JourneyState, ctx: JourneyContext): PageId | 'check' {
  return pagesFor(state, ctx).find((p) => !savedValues(state, p)) ?? 'check';
}

/** Transit card: eligibility of saved or parsed certificate-page values; null if the number is invalid. */
export function transitOutcome(values: StepValues, ctx: JourneyContext): TransitEligibility | null {
  const parsed = parseCertificateNumber(String(values['certificate_number'] ?? ''), ctx.today);
  if (!parsed.ok) return null;
  const lower = values['lower_limb'];
  return transitEligibility(ctx.transitRules, parsed.info.category, parsed.info.grade, lower === 'yes' || lower === 'no' ? lower : undefined);
}

/** The applicant's ID number is known (needed before a resume code can be issued). */
export function hasIdentity(state: JourneyState, ctx: JourneyContext): boolean {
  return applicantFacts(state, ctx.today).idNumber !== null;
}
