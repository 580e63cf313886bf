import { parseCertificateNumber } from '../identity/certificate-number.ts';
import { ageOn, parseIdNumber } from '../identity/id-number.ts';
import type { JourneyState } from './contract.ts';

/**
 * What the journey already knows about the applicant, derived from numbers they typed:
 * birth date, sex and age from the ID number; category and grade from the certificate number.
 * Never asked twice.
 */
export interface ApplicantFacts {
  idNumber: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  age: number | null;
  /** From the certificate number (holders) — the category and grade they hold now. */
  certificateCategory: string | null;
  certificateGrade: string | null;
  /** The category the application is about: applied for (new), changed to, or held. */
  category: string | null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function applicantFacts(state: JourneyState, today: string): ApplicantFacts {
  const facts: ApplicantFacts = {
    idNumber: null,
    birthDate: null,
    sex: null,
    age: null,
    certificateCategory: null,
    certificateGrade: null,
    category: null,
  };
  const certificate = str(state.answers.certificate?.['certificate_number']);
  const hasCertificate = state.answers.certificate?.['has_certificate'] !== 'no';
  if (certificate && hasCertificate) {
    const parsed = parseCertificateNumber(certificate, today);
    if (parsed.ok) {
      facts.idNumber = parsed.info.value;
      facts.birthDate = parsed.info.birthDate;
      facts.sex = parsed.info.sex;
      facts.certificateCategory = String(parsed.info.category);
      facts.certificateGrade = String(parsed.info.grade);
    }
  }
  const id = str(state.answers.applicant?.['id_number']);
  if (!facts.idNumber && id) {
    const parsed = parseIdNumber(id, today);
    if (parsed.ok) {
      facts.idNumber = parsed.info.value;
      facts.birthDate = parsed.info.birthDate;
      facts.sex = parsed.info.sex;
    }
  }
  if (facts.birthDate) facts.age = ageOn(facts.birthDate, today);
  const applied = str(state.answers.category?.['category']);
  const changedTo = state.answers.change?.['change_kind'] === 'category' ? str(state.answers.change?.['new_category']) : null;
  facts.category = (state.action === 'new' ? applied : null) ?? changedTo ?? facts.certificateCategory;
  return facts;
}

export type GuardianReason = 'minor' | 'category';

/**
 * 《残疾人证管理办法》: minors and people with intellectual (5) or mental (6) disability apply
 * through their legal guardian. Returns the reason, or null when no guardian is required.
 */
export function guardianReason(facts: ApplicantFacts): GuardianReason | null {
  if (facts.age !== null && facts.age < 18) return 'minor';
  if (facts.category === '5' || facts.category === '6') return 'category';
  return null;
}

/**
 * Whether these answers break the guardian rule, and how: someone applying for themselves who
 * must apply through a guardian ('self'), or an agent who said they are not the guardian
 * ('agent'). The one place the rule is applied; each page puts the problem on its own field.
 */
export function guardianProblem(state: JourneyState, today: string): { reason: GuardianReason; who: 'self' | 'agent' } | null {
  const reason = guardianReason(applicantFacts(state, today));
  if (!reason) return null;
  const applyingFor = state.answers.who?.['applying_for'];
  if (applyingFor === 'self') return { reason, who: 'self' };
  const relationship = state.answers.agent?.['relationship'];
  if (applyingFor === 'other' && relationship !== undefined && relationship !== 'guardian') return { reason, who: 'agent' };
  return null;
}

/** Children 0–6 may ask for assistive devices without a certificate, with a medical diagnosis. */
export const CHILD_DEVICE_MAX_AGE = 6;
