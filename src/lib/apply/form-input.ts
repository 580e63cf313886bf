import type { FormInput } from '../../domain/applications/contract.ts';

/** Form posts larger than this are refused (413); every page's answers fit in a few kilobytes. */
export const MAX_FORM_BYTES = 32 * 1024;
/** Any one field: longer values are cut here and then refused by the field's own length rule. */
const MAX_FIELD_CHARS = 2000;

export type FormRead =
  | { ok: true; input: FormInput; fields: Record<string, string> }
  | { ok: false; status: 413 | 415 | 400 };

/**
 * Read an HTML form post into plain values: strings, or string lists for repeated names
 * (checkboxes). Files are ignored. Names outside the page's fields are ignored by its schema.
 */
export async function readForm(request: Request): Promise<FormRead> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_FORM_BYTES) return { ok: false, status: 413 };
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    return { ok: false, status: 415 };
  }
  let body: ArrayBuffer;
  try {
    body = await request.arrayBuffer();
  } catch {
    return { ok: false, status: 400 };
  }
  if (body.byteLength > MAX_FORM_BYTES) return { ok: false, status: 413 };
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    return { ok: false, status: 400 };
  }
  const input: FormInput = {};
  const fields: Record<string, string> = {};
  for (const [key, raw] of form) {
    if (typeof raw !== 'string' || key.length > 64 || key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = raw.slice(0, MAX_FIELD_CHARS);
    const existing = input[key];
    if (existing === undefined) input[key] = value;
    else input[key] = Array.isArray(existing) ? [...existing, value] : [existing as string, value];
    fields[key] ??= value;
  }
  return { ok: true, input, fields };
}

