import * as v from 'valibot';
import { fieldsText, type FieldsKey } from '../../i18n/text/fields.ts';
import { normaliseIdNumber, parseIdNumber } from '../identity/id-number.ts';
import { parseCertificateNumber } from '../identity/certificate-number.ts';
import type { TextField } from './contract.ts';

/**
 * The rules of typed answers, shared by the application forms (server, and a browser if it
 * wants) and the JSON API. Each normalises what people type (full-width digits, spaces,
 * lowercase x) and fails with a specific Chinese message (src/i18n/text/fields.ts). `today`
 * bounds birth dates; pass the server's date in China.
 */
export type FieldSchema = v.GenericSchema<unknown, string | string[] | undefined>;

const say = (key: FieldsKey, values: Record<string, string | number> = {}) =>
  fieldsText[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`));

/** One message per field: the first problem is the one to fix (GOV.UK's pattern). */
const firstProblemOnly = <S extends v.GenericSchema>(schema: S) => v.config(schema, { abortPipeEarly: true });

/** Half of a character outside the BMP (U+D800–DFFF on its own): not text, and Postgres refuses it. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u001F\u007F]/;

/** An 18-character resident ID number; output is normalised (uppercase X, no spaces). */
export const idNumber = (today: string) =>
  v.pipe(
    v.string(say('field.idNumber.empty')),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parseIdNumber(dataset.value, today);
      if (!parsed.ok) {
        addIssue({ message: say(`field.idNumber.${parsed.problem}`) });
        return NEVER;
      }
      return parsed.info.value;
    }),
  );

/** A 20-character disability certificate number; output is normalised. */
export const certificateNumber = (today: string) =>
  v.pipe(
    v.string(say('field.certificateNumber.empty')),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parseCertificateNumber(dataset.value, today);
      if (!parsed.ok) {
        addIssue({ message: say(`field.certificateNumber.${parsed.problem}`) });
        return NEVER;
      }
      return parsed.info.certificate;
    }),
  );

/**
 * A person's name in Chinese characters, including rare ones outside the Basic Multilingual
 * Plane (e.g. 𠮷) and the middle dot of minority names (阿依古丽·买买提). 2–30 characters.
 */
const NAME_RE = /^[\p{Script=Han}](?:[\p{Script=Han}]|[·•・‧](?=[\p{Script=Han}]))*$/u;
export const personName = firstProblemOnly(v.pipe(
  v.string(say('field.name.empty')),
  v.transform((s) => s.normalize('NFC').replace(/\s+/g, '').replace(/[•・‧]/g, '·')),
  v.nonEmpty(say('field.name.empty')),
  v.check((s) => [...s].length >= 2, say('field.name.short')),
  v.check((s) => [...s].length <= 30, say('field.name.long')),
  v.check((s) => NAME_RE.test(s), say('field.name.characters')),
));

/** Mainland mobile (11 digits, 1[3-9]…) or a landline with its area code (0xx(x)-xxxxxxx(x)). */
export const phoneNumber = firstProblemOnly(v.pipe(
  v.string(say('field.phone.empty')),
  v.transform((s) => normaliseIdNumber(s).replace(/[()（）]/g, '')),
  v.nonEmpty(say('field.phone.empty')),
  v.check((s) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s), say('field.phone.format')),
));

/** Free text such as an address: trimmed, 5–120 characters, no control characters. */
export const address = firstProblemOnly(v.pipe(
  v.string(say('field.address.empty')),
  v.trim(),
  v.nonEmpty(say('field.address.empty')),
  v.check((s) => [...s].length >= 5, say('field.address.short')),
  v.check((s) => [...s].length <= 120, say('field.address.long')),
  v.check((s) => !CONTROL.test(s), say('field.text.control', { label: '地址' })),
  v.check((s) => !LONE_SURROGATE.test(s), say('field.text.surrogate', { label: '地址' })),
));

/** Free text of `min`–`max` characters; `label` names it in the messages. */
export const freeText = (label: string, min: number, max: number, empty?: string) =>
  firstProblemOnly(v.pipe(
    v.string(say('field.text.notText', { label })),
    v.trim(),
    v.nonEmpty(empty ?? say('field.text.empty', { label })),
    v.check((s) => [...s].length >= min, say('field.text.short', { label, min })),
    v.check((s) => [...s].length <= max, say('field.text.long', { label, max })),
    v.check((s) => !CONTROL.test(s), say('field.text.control', { label })),
    v.check((s) => !LONE_SURROGATE.test(s), say('field.text.surrogate', { label })),
  ));

/**
 * The schema of one typed question. `label` names the field in messages; an optional field
 * takes '' (or nothing) as "not answered"; `empty` replaces the field's own empty message.
 */
export function textFieldSchema(field: TextField, label: string, today: string, optional: boolean, empty?: string): FieldSchema {
  const required: v.GenericSchema<unknown, string> = (() => {
    switch (field.type) {
      case 'personName': return personName;
      case 'idNumber': return idNumber(today);
      case 'certificateNumber': return certificateNumber(today);
      case 'phone': return phoneNumber;
      case 'address': return address;
      case 'text': return freeText(label, field.min, field.max, empty);
    }
  })();
  const withEmpty = empty && field.type !== 'text'
    ? v.pipe(v.unknown(), v.check((s) => typeof s !== 'string' || s.trim() !== '', empty), required)
    : required;
  if (!optional) return withEmpty;
  return v.pipe(
    v.unknown(),
    v.transform((s) => (typeof s === 'string' && s.trim() === '' ? undefined : s)),
    v.optional(withEmpty),
  ) as FieldSchema;
}
