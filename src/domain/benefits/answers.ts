import type { Category, Grade } from '../identity/certificate-number.ts';

/**
 * What the benefits checker asks about the person being checked for. Every question
 * accepts "不知道" (undefined here): an unknown answer never turns into a silent "no".
 */
export type YesNo = 'yes' | 'no';
export type HouseholdStatus = 'dibao' | 'low-income' | 'tekun' | 'none';
export type EducationLevel = 'preschool' | 'compulsory' | 'high-school' | 'vocational' | 'college' | 'none';
export type WorkStatus = 'employed' | 'seeking' | 'self-employed' | 'none';

export interface Answers {
  /** Checking for oneself or someone else: changes the wording only. */
  forWhom?: 'self' | 'other';
  hasCertificate?: YesNo;
  category?: Category;
  grade?: Grade;
  /** Whole years. */
  age?: number;
  /** Household registered in this federation's area. */
  localHukou?: YesNo;
  household?: HouseholdStatus;
  /** Disabled people in the household, the person included. */
  disabledInHousehold?: number;
  needsLongTermCare?: YesNo;
  education?: EducationLevel;
  work?: WorkStatus;
  ownsMotorWheelchair?: YesNo;
  cataract?: YesNo;
  psychiatricMedication?: YesNo;
  homeNeedsModification?: YesNo;
}

export type QuestionId = Exclude<keyof Answers, 'forWhom'>;
