import * as v from 'valibot';
import { normaliseIdNumber, parseIdNumber, type IdNumberProblem } from '../identity/id-number.ts';
import { parseCertificateNumber, type CertificateProblem } from '../identity/certificate-number.ts';

/**
 * Field schemas shared by the application forms (server and browser) and the JSON API.
 * Each normalises what people type (full-width digits, spaces, lowercase x) and fails with
 * a specific Chinese message. `today` bounds birth dates; pass the server's date.
 */

/** One message per field: the first problem is the one to fix (GOV.UK's pattern). */
const firstProblemOnly = <S extends v.GenericSchema>(schema: S) => v.config(schema, { abortPipeEarly: true });

const ID_MESSAGES: Record<IdNumberProblem, string> = {
  empty: '请输入身份证号',
  length: '身份证号应该是 18 位，请检查是否多写或少写',
  characters: '身份证号前 17 位应该是数字，第 18 位是数字或 X',
  birthDate: '身份证号里的出生日期不对，请检查第 7 到 14 位',
  checksum: '身份证号校验不通过，请逐位核对',
};

const CERTIFICATE_MESSAGES: Record<CertificateProblem, string> = {
  ...ID_MESSAGES,
  empty: '请输入残疾人证号',
  length: '残疾人证号应该是 20 位：18 位身份证号，加 1 位残疾类别和 1 位残疾等级',
  checksum: '残疾人证号前 18 位的身份证号校验不通过，请逐位核对',
  category: '残疾人证号第 19 位是残疾类别，应该是 1 到 7',
  grade: '残疾人证号第 20 位是残疾等级，应该是 1 到 4',
};

/** An 18-character resident ID number; output is normalised (uppercase X, no spaces). */
export const idNumber = (today: string) =>
  v.pipe(
    v.string('请输入身份证号'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parseIdNumber(dataset.value, today);
      if (!parsed.ok) {
        addIssue({ message: ID_MESSAGES[parsed.problem] });
        return NEVER;
      }
      return parsed.info.value;
    }),
  );

/** A 20-character disability certificate number; output is normalised. */
export const certificateNumber = (today: string) =>
  v.pipe(
    v.string('请输入残疾人证号'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parseCertificateNumber(dataset.value, today);
      if (!parsed.ok) {
        addIssue({ message: CERTIFICATE_MESSAGES[parsed.problem] });
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
  v.string('请输入姓名'),
  v.transform((s) => s.normalize('NFC').replace(/\s+/g, '').replace(/[•・‧]/g, '·')),
  v.nonEmpty('请输入姓名'),
  v.check((s) => [...s].length >= 2, '姓名至少 2 个字'),
  v.check((s) => [...s].length <= 30, '姓名不能超过 30 个字'),
  v.check((s) => NAME_RE.test(s), '姓名只能用汉字；少数民族姓名中间的点请用“·”'),
));

/** Mainland mobile (11 digits, 1[3-9]…) or a landline with its area code (0xx(x)-xxxxxxx(x)). */
export const phoneNumber = firstProblemOnly(v.pipe(
  v.string('请输入电话号码'),
  v.transform((s) => normaliseIdNumber(s).replace(/[()（）]/g, '')),
  v.nonEmpty('请输入电话号码'),
  v.check(
    (s) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s),
    '请输入 11 位手机号，或带区号的座机号码，例如 0551-12345678',
  ),
));

/** Half of a character outside the BMP (U+D800–DFFF on its own): not text, and Postgres refuses it. */
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Free text such as an address: trimmed, 2–120 characters, no control characters. */
export const address = firstProblemOnly(v.pipe(
  v.string('请输入地址'),
  v.trim(),
  v.nonEmpty('请输入地址'),
  v.check((s) => [...s].length >= 5, '地址太短，请写到村（社区）和门牌号'),
  v.check((s) => [...s].length <= 120, '地址不能超过 120 个字'),
  v.check((s) => !/[\u0000-\u001F\u007F]/.test(s), '地址里有看不见的控制字符，请删除后重新输入'),
  v.check((s) => !LONE_SURROGATE.test(s), '地址里有无法识别的字符（常见于复制粘贴），请删除后重新输入'),
));
