import { pagesFor, parsePage, reviewJourney, transitOutcome, withPage } from './journey.ts';
import { JOURNEYS, type FieldError, type JourneyContext } from './steps.ts';
import { isServiceId, STEP_IDS, type Answers, type JourneyState, type StepValues } from './services.ts';

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

export function validateWholeApplication(input: unknown, ctx: JourneyContext): WholeResult {
  if (!isObject(input)) return { ok: false, errors: [{ field: '', message: '请求内容应该是一个 JSON 对象' }] };
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!['service', 'action', 'answers'].includes(key)) errors.push({ field: key, message: '没有这个字段，请删除' });
  }
  if (!isServiceId(input['service'])) {
    errors.push({ field: 'service', message: 'service 应该是 certificate、assistive-devices 或 transit-card 之一' });
    return { ok: false, errors };
  }
  const service = input['service'];
  const answersInput = input['answers'] ?? {};
  if (!isObject(answersInput)) {
    errors.push({ field: 'answers', message: 'answers 应该是一个对象，按页面名称分组填写答案' });
    return { ok: false, errors };
  }
  const known = new Set<string>(STEP_IDS);
  for (const key of Object.keys(answersInput)) {
    if (!known.has(key) || !JOURNEYS[service].some((p) => p.id === key)) {
      errors.push({ field: `answers.${key}`, message: '这项服务没有这一页，请删除' });
    }
  }

  let state: JourneyState = { service, action: null, answers: {} };
  for (const page of JOURNEYS[service]) {
    if (!page.applies(state, ctx)) continue;
    if (page.id === 'action') {
      const result = parsePage(service, 'action', { action: input['action'] }, state, ctx);
      if (result.ok) state = withPage(state, 'action', result.values);
      else errors.push(...result.errors);
      continue;
    }
    const raw = answersInput[page.id];
    if (raw !== undefined && !isObject(raw)) {
      errors.push({ field: `answers.${page.id}`, message: '每一页的答案应该是一个对象' });
      continue;
    }
    const pageInput = raw ?? {};
    const result = parsePage(service, page.id, pageInput, state, ctx);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ field: `answers.${page.id}.${e.field}`, message: e.message })));
      continue;
    }
    const accepted = new Set(Object.keys(page.fields(pageInput, state, ctx)));
    for (const key of Object.keys(pageInput)) {
      if (!accepted.has(key)) errors.push({ field: `answers.${page.id}.${key}`, message: '这一页没有这个字段（或按其他答案不需要填），请删除' });
    }
    state = withPage(state, page.id, result.values as StepValues);
    if (service === 'transit-card' && page.id === 'certificate') {
      const outcome = transitOutcome(result.values, ctx);
      if (outcome?.result === 'ask-lower-limb') {
        errors.push({ field: 'answers.certificate.lower_limb', message: '请说明残疾部位是否在下肢（腿、脚）：填 yes 或 no' });
        return { ok: false, errors };
      }
      if (outcome?.result === 'not-eligible') {
        errors.push({ field: 'answers.certificate.certificate_number', message: '按本县办理条件，这个残疾人证不能办理免费乘车卡' });
        return { ok: false, errors };
      }
    }
  }
  if (input['action'] !== undefined && !pagesFor(state, ctx).includes('action')) {
    errors.push({ field: 'action', message: '这项服务不分业务类型，请删除 action' });
  }
  const applicable = new Set(pagesFor(state, ctx));
  for (const key of Object.keys(answersInput)) {
    if (known.has(key) && JOURNEYS[service].some((p) => p.id === key) && !applicable.has(key as never)) {
      errors.push({ field: `answers.${key}`, message: '按其他答案，这一页不需要填写，请删除' });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const review = reviewJourney(state, ctx);
  if (!review.complete) {
    const problems = review.problems.map((p) => ({
      field: p.page === 'action' ? 'action' : `answers.${p.page}.${p.field}`,
      message: p.message,
    }));
    for (const page of review.pages.filter((p) => !p.answered)) problems.push({ field: `answers.${page.page}`, message: '缺少这一页的答案' });
    return { ok: false, errors: problems };
  }
  return { ok: true, value: { service, action: state.action, answers: state.answers } };
}
