import type { Receipt } from '../../src/data/applications.ts';
import type { JourneyContext } from '../../src/domain/applications/contract.ts';
import { LONE_SURROGATE } from '../../src/domain/applications/fields.ts';
import { validateWholeApplication } from '../../src/domain/applications/whole-application.ts';
import { apiSays } from '../../src/i18n/text/api.ts';
import { ApiError, apiError, dataErrorToApiError, json, MAX_BODY_BYTES, unavailable, type FieldProblem } from './api-responses.ts';

/**
 * POST /api/v1/applications: a whole application at once, idempotent by its Idempotency-Key
 * (the same request again gets the first receipt; the same key with another body, 409). New
 * applications are counted per client address: over the hourly limit, 429 with Retry-After.
 */
export const COLLECTION = '/api/v1/applications';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;
const MAX_REPORTED_ERRORS = 100;

export interface SubmitInput {
  service: string;
  action: string | null;
  answers: Record<string, Record<string, unknown>>;
  clientToken: string;
  /** The client's key for the hourly limit (src/lib/client-key.ts). */
  clientKey: string;
  /** The channel whose API key came with the request, recorded with the application. */
  channelId: string;
}

export interface SubmitDependencies {
  submit(input: SubmitInput): Promise<Receipt>;
  context(): Promise<JourneyContext>;
}

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || ['charset=utf-8', 'charset="utf-8"'].includes(p));
}

const tooLarge = () => apiError(413, 'payload_too_large', {}, undefined, { maxKb: MAX_BODY_BYTES / 1024 });

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
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw apiError(400, 'invalid_body');
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
    throw apiError(400, 'invalid_encoding');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw apiError(400, 'invalid_json');
  }
}

/**
 * Answers the schemas accept but Postgres cannot store in jsonb: a lone UTF-16 surrogate (only
 * JSON can carry one, as a "\uD800" escape) or U+0000. Refused here as the caller's mistake, not
 * left to fail in the database as an outage.
 */
function unstorableFields(answers: Record<string, Record<string, unknown> | undefined>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [page, values] of Object.entries(answers)) {
    for (const [field, value] of Object.entries(values ?? {})) {
      const texts = Array.isArray(value) ? value : [value];
      if (texts.some((t) => typeof t === 'string' && (LONE_SURROGATE.test(t) || t.includes('\u0000')))) {
        problems.push({ field: `answers.${page}.${field}`, message: apiSays('api.field.unstorable') });
      }
    }
  }
  return problems;
}

export async function submit(req: Request, caller: { clientKey: string; channelId: string }, deps: SubmitDependencies): Promise<Response> {
  if (!isJsonContentType(req.headers.get('content-type'))) throw apiError(415, 'unsupported_media_type');
  const declared = req.headers.get('content-length');
  // The declared length first (cheap); the bytes actually read are counted again below.
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > MAX_BODY_BYTES) throw tooLarge();
  const key = req.headers.get('idempotency-key');
  if (key === null || !IDEMPOTENCY_KEY.test(key)) throw apiError(400, 'invalid_idempotency_key');
  const body = parseJson(await readBody(req, MAX_BODY_BYTES));

  const ctx = await deps.context().catch(() => {
    throw unavailable();
  });
  const checked = validateWholeApplication(body, ctx);
  if (!checked.ok) throw apiError(422, 'validation_failed', {}, checked.errors.slice(0, MAX_REPORTED_ERRORS));
  const unstorable = unstorableFields(checked.value.answers);
  if (unstorable.length > 0) throw apiError(422, 'validation_failed', {}, unstorable);
  let receipt: Receipt;
  try {
    receipt = await deps.submit({
      service: checked.value.service,
      action: checked.value.action,
      answers: checked.value.answers as SubmitInput['answers'],
      clientToken: key,
      clientKey: caller.clientKey,
      channelId: caller.channelId,
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
      lookup: apiSays('api.lookupHint', { reference: receipt.reference }),
    },
    { Location: `${COLLECTION}/${receipt.reference}` },
  );
}
