import type { Answers, QuestionId } from './answers.ts';
import { ageOn } from '../identity/id-number.ts';
import { parseCertificateNumber, type CertificateProblem } from '../identity/certificate-number.ts';

/**
 * Form fields (the same names with and without JavaScript) → Answers. "不知道" is the
 * value "unknown" or an empty field, and becomes undefined. A valid certificate number
 * fills category, grade and age; an invalid one is reported, never guessed at.
 */
export type FormFields = Record<string, string | undefined>;
export interface FieldError {
  field: 'age' | 'certificateNumber';
  /** UI string key of the message. */
  messageKey: string;
}

const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;
const YES_NO = ['yes', 'no'] as const;

export interface ParsedAnswers {
  answers: Answers;
  errors: FieldError[];
  /** Category, grade and age were read from a valid certificate number. */
  fromCertificate: boolean;
  /** Questions answered "不知道" (an answer too: the person was asked and does not know). */
  unknown: QuestionId[];
}

export function parseAnswers(fields: FormFields, today: string): ParsedAnswers {
  const errors: FieldError[] = [];
  let fromCertificate = false;
  const answers: Answers = {
    forWhom: pick(fields['forWhom'], ['self', 'other'] as const),
    hasCertificate: pick(fields['hasCertificate'], YES_NO),
    category: pick(fields['category'], ['1', '2', '3', '4', '5', '6', '7'] as const) ? (Number(fields['category']) as Answers['category']) : undefined,
    grade: pick(fields['grade'], ['1', '2', '3', '4'] as const) ? (Number(fields['grade']) as Answers['grade']) : undefined,
    localHukou: pick(fields['localHukou'], YES_NO),
    household: pick(fields['household'], ['dibao', 'low-income', 'tekun', 'none'] as const),
    disabledInHousehold: pick(fields['disabledInHousehold'], ['1', '2', '3'] as const) ? Number(fields['disabledInHousehold']) : undefined,
    needsLongTermCare: pick(fields['needsLongTermCare'], YES_NO),
    education: pick(fields['education'], ['preschool', 'compulsory', 'high-school', 'vocational', 'college', 'none'] as const),
    work: pick(fields['work'], ['employed', 'seeking', 'self-employed', 'none'] as const),
    ownsMotorWheelchair: pick(fields['ownsMotorWheelchair'], YES_NO),
    cataract: pick(fields['cataract'], YES_NO),
    psychiatricMedication: pick(fields['psychiatricMedication'], YES_NO),
    homeNeedsModification: pick(fields['homeNeedsModification'], YES_NO),
  };

  const ageText = (fields['age'] ?? '').replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (ageText !== '') {
    if (/^\d{1,3}$/.test(ageText) && Number(ageText) <= 120) answers.age = Number(ageText);
    else errors.push({ field: 'age', messageKey: 'checker.error.age' });
  }

  const certificateText = (fields['certificateNumber'] ?? '').trim();
  if (certificateText !== '' && answers.hasCertificate !== 'no') {
    const parsed = parseCertificateNumber(certificateText, today);
    if (parsed.ok) {
      answers.hasCertificate = 'yes';
      answers.category = parsed.info.category;
      answers.grade = parsed.info.grade;
      answers.age = ageOn(parsed.info.birthDate, today);
      fromCertificate = true;
    } else {
      errors.push({ field: 'certificateNumber', messageKey: certificateMessageKey(parsed.problem) });
    }
  }
  const unknown = (Object.keys(answers) as QuestionId[]).filter((k) => fields[k] === 'unknown' && answers[k] === undefined);
  for (const key of Object.keys(answers) as (keyof Answers)[]) if (answers[key] === undefined) delete answers[key];
  return { answers, errors, fromCertificate, unknown };
}

function certificateMessageKey(problem: CertificateProblem): string {
  return `checker.error.certificateNumber.${problem === 'empty' ? 'length' : problem}`;
}
