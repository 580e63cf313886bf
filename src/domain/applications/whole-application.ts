import { applyText } from '../../i18n/text/apply.ts';
import { apiSays, apiText } from '../../i18n/text/api.ts';
import { isServiceId } from './catalogue.ts';
import { PAGE_IDS, type Answers, type FieldError, type JourneyContext, type JourneyState, type PageValues } from './contract.ts';
import { answeredFields, optionsOf } from './derive.ts';
import { pageGate, pagesFor, parsePage, reviewJourney, withPage } from './journey.ts';
import { JOURNEYS } from './registry.ts';

/**
 * A whole application at once, for the JSON API (a WeChat mini program, a village officer's
 * tablet): the same pages, schemas and rules as the web journey, run in journey order. Errors
 * name each bad field by path, e.g. "answers.applicant.id_number".
 */
export interface WholeApplication {
  service: JourneyState['service'];
  action: string | null;
  answers: Answers;
}

export type WholeResult = { ok: true; value: WholeApplication } | { ok: false; errors: FieldError[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MESSAGES = {
  notObject: apiText['api.whole.notObject'],
  unknownKey: apiText['api.whole.unknownKey'],
  service: apiText['api.whole.service'],
  answers: apiText['api.whole.answers'],
  unknownPage: apiText['api.whole.unknownPage'],
  pageNotObject: apiText['api.whole.pageNotObject'],
  unknownField: apiText['api.whole.unknownField'],
  noAction: apiText['api.whole.noAction'],
  notApplicable: apiText['api.whole.notApplicable'],
  missingPage: apiText['api.whole.missingPage'],
};

export function validateWholeApplication(input: unknown, ctx: JourneyContext): WholeResult {
  if (!isObject(input)) return { ok: false, errors: [{ field: '', message: MESSAGES.notObject }] };
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!['service', 'action', 'answers'].includes(key)) errors.push({ field: key, message: MESSAGES.unknownKey });
  }
  if (!isServiceId(input['service'])) {
    errors.push({ field: 'service', message: MESSAGES.service });
    return { ok: false, errors };
  }
  const service = input['service'];
  const answersInput = input['answers'] ?? {};
  if (!isObject(answersInput)) {
    errors.push({ field: 'answers', message: MESSAGES.answers });
    return { ok: false, errors };
  }
  const pagesOfService = new Set<string>(JOURNEYS[service].map((p) => p.id));
  for (const key of Object.keys(answersInput)) {
    if (key === 'action' || !(PAGE_IDS as readonly string[]).includes(key) || !pagesOfService.has(key)) {
      errors.push({ field: `answers.${key}`, message: MESSAGES.unknownPage });
    }
  }

  let state: JourneyState = { service, action: null, answers: {} };
  for (const page of JOURNEYS[service]) {
    if (!page.applies(state, ctx)) continue;
    const raw = page.id === 'action' ? { action: input['action'] } : answersInput[page.id];
    const path = (field: string) => (page.id === 'action' ? 'action' : `answers.${page.id}.${field}`);
    if (raw !== undefined && !isObject(raw)) {
      errors.push({ field: `answers.${page.id}`, message: MESSAGES.pageNotObject });
      continue;
    }
    const pageInput = raw ?? {};
    const result = parsePage(service, page.id, pageInput, state, ctx);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ field: path(e.field), message: e.message })));
      continue;
    }
    if (page.id !== 'action') {
      const accepted = new Set(answeredFields(page, state, ctx, pageInput).map((q) => q.name));
      for (const key of Object.keys(pageInput)) if (!accepted.has(key)) errors.push({ field: path(key), message: MESSAGES.unknownField });
    }
    state = withPage(state, page.id, result.values as PageValues);
    const gate = pageGate(service, page.id, result.values, ctx);
    if (gate) {
      const asked = page.questions.find((q) => q.name === gate.field);
      const message = gate.kind === 'refuse' || !asked || asked.kind !== 'radios'
        ? applyText['apply.certificate.notEligible']
        : apiSays('api.whole.askValues', { question: applyText[asked.required], values: optionsOf(asked, state, ctx).map((o) => o.value).join(' 或 ') });
      errors.push({ field: path(gate.field), message });
      return { ok: false, errors };
    }
  }
  if (input['action'] !== undefined && !pagesFor(state, ctx).includes('action')) errors.push({ field: 'action', message: MESSAGES.noAction });
  const applicable = new Set<string>(pagesFor(state, ctx));
  for (const key of Object.keys(answersInput)) {
    if (pagesOfService.has(key) && !applicable.has(key)) errors.push({ field: `answers.${key}`, message: MESSAGES.notApplicable });
  }
  if (errors.length > 0) return { ok: false, errors };

  const review = reviewJourney(state, ctx);
  if (!review.complete) {
    const problems = review.problems.map((p) => ({
      field: p.page === 'action' ? 'action' : `answers.${p.page}.${p.field}`,
      message: p.message,
    }));
    for (const page of review.pages.filter((p) => !p.answered)) problems.push({ field: `answers.${page.page}`, message: MESSAGES.missingPage });
    return { ok: false, errors: problems };
  }
  return { ok: true, value: { service, action: state.action, answers: state.answers } };
}
