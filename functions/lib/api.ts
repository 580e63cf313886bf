import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { SiteSchema, type SiteConfig } from '../../src/domain/content/site-schema.ts';
import { journeyContext } from '../../src/domain/applications/context.ts';
import { todayInChina } from '../../src/lib/today.ts';
import { validateWholeApplication } from '../../src/domain/applications/whole-application.ts';
import type { JourneyContext } from '../../src/domain/applications/steps.ts';
import type { LookupResult, Receipt } from '../../src/data/applications.ts';

/**
 * The JSON intake API (for channels other than the web forms: a WeChat mini program, a village
 * officer's tablet), as a plain Request → Response function so it can run as a Netlify Function,
 * in the local server and in tests alike.
 *
 *   POST /api/v1/applications              a whole application at once (Idempotency-Key header)
 *   GET  /api/v1/applications/{reference}  its status (X-Id-Number-Last4 header)
 *
 * Nothing from a request body or a lookup fact is ever logged: only the status and an error code.
 */

export const MAX_BODY_BYTES = 64 * 1024;
export const LOOKUP_RETRY_AFTER_SECONDS = 900;
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;
const COLLECTION = '/api/v1/applications';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;
const REFERENCE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;
const FACT = /^[0-9]{3}[0-9X]$/;
const MAX_REPORTED_ERRORS = 100;

export interface SubmitInput {
  service: string;
  action: string | null;
  answers: Record<string, Record<string, unknown>>;
  clientToken: string;
}

/** What the handler needs from the data layer (tests replace it to reach the failure paths). */
export interface ApiDependencies {
  submit(input: SubmitInput): Promise<Receipt>;
  lookup(input: { reference: string; idNumberLast4: string; clientKey: string }): Promise<LookupResult>;
  /** The journey context for today (site configuration + date in China). */
  context(): Promise<JourneyContext>;
  log(line: string): void;
}

export interface HandleOptions {
  /** The caller's IP address (throttling key, hashed before it leaves this module). */
  clientIp: string;
  deps?: Partial<ApiDependencies>;
}

export interface FieldProblem {
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const BASE_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly errors: FieldProblem[] | undefined;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}, errors?: FieldProblem[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.errors = errors;
  }
}

function errorResponse(error: ApiError): Response {
  const body: { code: string; message: string; errors?: FieldProblem[] } = { code: error.code, message: error.message };
  if (error.errors) body.errors = error.errors;
  return json(error.status, { error: body }, error.headers);
}

const MESSAGES = {
  not_found: '没有这个接口。提交申请用 POST /api/v1/applications，查询进度用 GET /api/v1/applications/{查询编号}',
  method_not_allowed: '这个地址不支持这种请求方法，请看响应头 Allow',
  unsupported_media_type: '请求的 Content-Type 必须是 application/json（UTF-8 编码）',
  payload_too_large: `请求内容太大：不能超过 ${MAX_BODY_BYTES / 1024} KB`,
  invalid_encoding: '请求内容必须是 UTF-8 编码的文字',
  invalid_json: '请求内容不是有效的 JSON，请检查括号、引号和逗号',
  invalid_body: '无法读取请求内容，请重新发送',
  invalid_idempotency_key:
    '请求头 Idempotency-Key 必须有，而且是 16 到 128 个字符，只能用英文字母、数字、下划线和短横线；同一份申请重试时用同一个值',
  validation_failed: '申请内容有误，请按 errors 逐项修改',
  token_reused: '这个 Idempotency-Key 已经用于另一份不同的申请。重试时请发送和第一次完全相同的内容；提交新申请请换一个新的 Idempotency-Key',
  already_submitted: '这份申请已经提交过了，不能再次提交',
  unavailable: '服务暂时不可用，申请没有提交成功。请稍后用同一个 Idempotency-Key 重新发送，不会重复提交',
  lookup_unavailable: '服务暂时不可用，请稍后再查询',
  invalid_reference: '查询编号不对：应该是 8 位，由数字 2–9 和英文字母组成（没有 0、O、1、I）',
  invalid_lookup_fact: '请在请求头 X-Id-Number-Last4 中提供申请人身份证号码的最后 4 位（前三位是数字，最后一位是数字或 X）',
  lookup_failed: '没有查到：查询编号或身份证号码最后 4 位不对。请核对后再试；一直查不到请联系残联',
  lookup_throttled: `查询失败的次数太多，请 ${LOOKUP_RETRY_AFTER_SECONDS / 60} 分钟后再试，或联系残联`,
} as const;

/** How the data layer's error codes reach a caller of the API. Exported for the unit tests. */
export function dataErrorToApiError(error: unknown): ApiError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unavailable';
  const missing = typeof error === 'object' && error !== null && Array.isArray((error as { missing?: unknown }).missing)
    ? ((error as { missing: unknown[] }).missing.filter((m): m is string => typeof m === 'string'))
    : [];
  const isDataError = error instanceof Error && error.name === 'ApplicationDataError';
  if (!isDataError) return unavailable('unavailable', MESSAGES.unavailable);
  switch (code) {
    case 'token_reused':
      return new ApiError(409, 'token_reused', MESSAGES.token_reused);
    case 'draft_already_submitted':
      return new ApiError(409, 'already_submitted', MESSAGES.already_submitted);
    case 'invalid_token':
      return new ApiError(400, 'invalid_idempotency_key', MESSAGES.invalid_idempotency_key);
    case 'incomplete_application':
      return new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, (missing.length ? missing : ['answers']).map((m) => ({
        field: m === 'answers' || m.startsWith('answers.') ? m : `answers.${m}`,
        message: '缺少这一项',
      })));
    case 'invalid_id_number':
      return new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, [{ field: 'answers.applicant.id_number', message: '身份证号码不对，请检查' }]);
    case 'invalid_certificate_number':
    case 'certificate_mismatch':
      return new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, [{ field: 'answers.certificate.certificate_number', message: '残疾人证号不对，或者和身份证号码不一致，请检查' }]);
    case 'unknown_service':
      return new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, [{ field: 'service', message: '没有这项服务' }]);
    case 'invalid_action':
      return new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, [{ field: 'action', message: '这项服务没有这种业务类型' }]);
    case 'invalid_page':
    case 'invalid_answers':
      return new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, [{ field: 'answers', message: '答案的格式或内容不对，请检查每一页的答案' }]);
    case 'unavailable':
    case 'reference_exhausted':
      return unavailable(code, MESSAGES.unavailable);
    default:
      // A code this adapter does not know (a newer database): the request was refused, not lost.
      return new ApiError(422, code.replace(/[^a-z_]/g, '').slice(0, 64) || 'rejected', '申请没有被接受，请检查内容后重试；仍然不行请联系残联');
  }
}

function unavailable(code: string, message: string): ApiError {
  return new ApiError(503, code, message, { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
}

// ---------------------------------------------------------------------------------------------
// Configuration and defaults
// ---------------------------------------------------------------------------------------------

let sitePromise: Promise<SiteConfig> | undefined;

/** content/site.yaml, resolved from the working directory (Netlify: included_files), validated once. */
export function loadSite(path = join(process.cwd(), 'content', 'site.yaml')): Promise<SiteConfig> {
  sitePromise ??= readFile(path, 'utf8').then((text) => v.parse(SiteSchema, parseYaml(text)));
  sitePromise.catch(() => {
    sitePromise = undefined;
  });
  return sitePromise;
}


const defaultDeps: ApiDependencies = {
  async submit(input) {
    const data = await import('../../src/data/applications.ts');
    return data.submitCompleteApplication(input as Parameters<typeof data.submitCompleteApplication>[0]);
  },
  async lookup(input) {
    const data = await import('../../src/data/applications.ts');
    return data.lookupStatus(input);
  },
  async context() {
    return journeyContext(await loadSite(), todayInChina());
  },
  log(line) {
    console.warn(line);
  },
};

// ---------------------------------------------------------------------------------------------
// The handler
// ---------------------------------------------------------------------------------------------

export async function handleApplicationsRequest(req: Request, options: HandleOptions): Promise<Response> {
  const deps: ApiDependencies = { ...defaultDeps, ...options.deps };
  let response: Response;
  try {
    response = await route(req, options.clientIp, deps);
  } catch (error) {
    response = errorResponse(error instanceof ApiError ? error : unavailable('unavailable', MESSAGES.unavailable));
    if (!(error instanceof ApiError)) deps.log(`[api] unexpected ${error instanceof Error ? error.name : typeof error}`);
  }
  // Only the status and the error code: never a body, a header value or a reference.
  if (response.status >= 500) {
    const code = await response.clone().json().then((b: { error?: { code?: string } }) => b.error?.code ?? '', () => '');
    deps.log(`[api] ${req.method} ${response.status} ${code}`);
  }
  return response;
}

async function route(req: Request, clientIp: string, deps: ApiDependencies): Promise<Response> {
  const pathname = new URL(req.url).pathname.replace(/\/+$/, '');
  if (pathname === COLLECTION) {
    if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', MESSAGES.method_not_allowed, { Allow: 'POST' });
    return submit(req, deps);
  }
  if (pathname.startsWith(`${COLLECTION}/`) && !pathname.slice(COLLECTION.length + 1).includes('/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError(405, 'method_not_allowed', MESSAGES.method_not_allowed, { Allow: 'GET, HEAD' });
    const response = await lookup(req, pathname.slice(COLLECTION.length + 1), clientIp, deps);
    return req.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
  }
  throw new ApiError(404, 'not_found', MESSAGES.not_found);
}

// POST /api/v1/applications ---------------------------------------------------------------------

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || ['charset=utf-8', 'charset="utf-8"'].includes(p));
}

/** The body's bytes, refusing (and no longer reading) anything past the limit. */
async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        throw new ApiError(413, 'payload_too_large', MESSAGES.payload_too_large);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'invalid_body', MESSAGES.invalid_body);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid_encoding', MESSAGES.invalid_encoding);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', MESSAGES.invalid_json);
  }
}

async function submit(req: Request, deps: ApiDependencies): Promise<Response> {
  if (!isJsonContentType(req.headers.get('content-type'))) {
    throw new ApiError(415, 'unsupported_media_type', MESSAGES.unsupported_media_type);
  }
  const declared = req.headers.get('content-length');
  // The declared length first (cheap); the bytes actually read are counted again below.
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > MAX_BODY_BYTES) {
    throw new ApiError(413, 'payload_too_large', MESSAGES.payload_too_large);
  }
  const key = req.headers.get('idempotency-key');
  if (key === null || !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', MESSAGES.invalid_idempotency_key);
  }
  const body = parseJson(await readBody(req, MAX_BODY_BYTES));

  const ctx = await deps.context().catch(() => {
    throw unavailable('unavailable', MESSAGES.unavailable);
  });
  const checked = validateWholeApplication(body, ctx);
  if (!checked.ok) {
    throw new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, checked.errors.slice(0, MAX_REPORTED_ERRORS));
  }
  const unstorable = unstorableFields(checked.value.answers);
  if (unstorable.length > 0) throw new ApiError(422, 'validation_failed', MESSAGES.validation_failed, {}, unstorable);
  let receipt: Receipt;
  try {
    receipt = await deps.submit({
      service: checked.value.service,
      action: checked.value.action,
      answers: checked.value.answers as SubmitInput['answers'],
      clientToken: key,
    });
  } catch (error) {
    throw dataErrorToApiError(error);
  }
  return json(
    receipt.repeated ? 200 : 201,
    {
      reference: receipt.reference,
      service: receipt.service,
      action: receipt.action,
      status: receipt.status,
      submitted_at: receipt.submittedAt,
      lookup: `用查询编号 ${receipt.reference} 和申请人身份证号码的最后 4 位查询办理进度：GET ${COLLECTION}/${receipt.reference}，把最后 4 位放在请求头 X-Id-Number-Last4 中；也可以在网站的“查询办理进度”页面（/status/）查询`,
    },
    { Location: `${COLLECTION}/${receipt.reference}` },
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Answers the schemas accept but Postgres cannot store in jsonb: a lone UTF-16 surrogate (only
 * JSON can carry one, as a "\uD800" escape) or U+0000. Refused here as the person's mistake, not
 * left to fail in the database as an outage.
 */
function unstorableFields(answers: Record<string, Record<string, unknown> | undefined>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [page, values] of Object.entries(answers)) {
    for (const [field, value] of Object.entries(values ?? {})) {
      const texts = Array.isArray(value) ? value : [value];
      if (texts.some((t) => typeof t === 'string' && (LONE_SURROGATE.test(t) || t.includes('\u0000')))) {
        problems.push({ field: `answers.${page}.${field}`, message: '这里有无法识别的字符（可能是复制粘贴带来的），请删除后重新输入' });
      }
    }
  }
  return problems;
}

// GET /api/v1/applications/{reference} ---------------------------------------------------------

/** A reference as a person types it: full-width forms, any case, spaces and hyphens. */
export function normaliseReference(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u3000\-\u2010-\u2015\u2212\uFF0D]/g, '').toUpperCase();
}

function clientKeyFor(ip: string): string {
  return createHash('sha256').update(ip || 'unknown').digest('hex');
}

async function lookup(req: Request, segment: string, clientIp: string, deps: ApiDependencies): Promise<Response> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'invalid_reference', MESSAGES.invalid_reference);
  }
  const reference = normaliseReference(decoded);
  if (!REFERENCE.test(reference)) throw new ApiError(400, 'invalid_reference', MESSAGES.invalid_reference);
  const fact = (req.headers.get('x-id-number-last4') ?? '').normalize('NFKC').trim().toUpperCase();
  if (!FACT.test(fact)) throw new ApiError(400, 'invalid_lookup_fact', MESSAGES.invalid_lookup_fact);

  let result: LookupResult;
  try {
    result = await deps.lookup({ reference, idNumberLast4: fact, clientKey: clientKeyFor(clientIp) });
  } catch {
    throw unavailable('unavailable', MESSAGES.lookup_unavailable);
  }
  if (!result.ok) {
    if (result.error === 'lookup_throttled') {
      throw new ApiError(429, 'lookup_throttled', MESSAGES.lookup_throttled, { 'Retry-After': String(LOOKUP_RETRY_AFTER_SECONDS) });
    }
    throw new ApiError(404, 'lookup_failed', MESSAGES.lookup_failed);
  }
  return json(200, {
    reference: result.reference,
    service: result.service,
    service_label: result.serviceLabel,
    action: result.action,
    action_label: result.actionLabel,
    status: result.status,
    status_label: result.statusLabel,
    closed: result.closed,
    submitted_at: result.submittedAt,
    history: (result.history ?? []).map((e) => ({ status: e.status, label: e.label, note: e.note, at: e.at })),
  });
}

/** Netlify's context.ip, else the header Netlify sets, else 'unknown'. */
export function clientIpOf(req: Request, context?: { ip?: string | undefined } | null): string {
  return context?.ip || req.headers.get('x-nf-client-connection-ip') || 'unknown';
}
