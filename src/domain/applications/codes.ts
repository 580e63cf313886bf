import { fieldsText } from '../../i18n/text/fields.ts';
import { compactTyped } from '../typed-text.ts';
import type { FieldError } from './contract.ts';

/**
 * The short codes people type to come back: the reference on a receipt (申请编号) and the resume
 * code of a saved draft (继续填写代码), each 8 characters of an alphabet without 0/O and 1/I, and
 * the last 4 characters of the applicant's ID number that go with either. One parser, used by the
 * status and resume pages, the JSON API and the tests; the database checks the same shapes again
 * only because it must not trust its callers.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_PATTERN = /^[2-9A-HJ-NP-Z]{8}$/;
const FACT_PATTERN = /^[0-9]{3}[0-9X]$/;

export type CodeKind = 'reference' | 'resumeCode';
export type Parsed = { ok: true; value: string } | { ok: false; problem: 'empty' | 'format' };

/** A reference or resume code as typed: full-width, any case, spaces and hyphens are forgiven. */
export function parseCode(typed: string): Parsed {
  const value = compactTyped(typed);
  if (value === '') return { ok: false, problem: 'empty' };
  return CODE_PATTERN.test(value) ? { ok: true, value } : { ok: false, problem: 'format' };
}

/** The last 4 characters of an ID number as typed (x and full-width forms forgiven). */
export function parseIdFact(typed: string): Parsed {
  const value = compactTyped(typed);
  if (value === '') return { ok: false, problem: 'empty' };
  return FACT_PATTERN.test(value) ? { ok: true, value } : { ok: false, problem: 'format' };
}

/** A code and its fact from a form, with one message per field (GOV.UK's pattern). */
export type CodeAndFact = { ok: true; code: string; fact: string } | { ok: false; errors: FieldError[] };

export function parseCodeAndFact(kind: CodeKind, field: string, typedCode: string, typedFact: string): CodeAndFact {
  const code = parseCode(typedCode);
  const fact = parseIdFact(typedFact);
  const errors: FieldError[] = [];
  if (!code.ok) errors.push({ field, message: fieldsText[`field.${kind}.${code.problem}`] });
  if (!fact.ok) errors.push({ field: 'fact', message: fieldsText[`field.idFact.${fact.problem}`] });
  return code.ok && fact.ok ? { ok: true, code: code.value, fact: fact.value } : { ok: false, errors };
}

/** Written for reading: two groups of four ("K7M2 P9QX"). */
export function groupCode(code: string): [string, string] {
  return [code.slice(0, 4), code.slice(4)];
}
