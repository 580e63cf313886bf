import { SERVICE_IDS, PAGE_IDS, type PageId, type ServiceId } from './contract.ts';

/**
 * The fixed vocabularies of the journeys: each service's actions (application types), who an
 * agent is to the applicant, household economic status, disability categories and grades.
 * Values are stable ASCII identifiers; their words are in src/i18n/text/apply.ts.
 */
export const ACTIONS: Record<ServiceId, readonly string[]> = {
  certificate: ['new', 'renewal', 'replacement', 'damaged', 'change', 'transfer'],
  'assistive-devices': [],
  'transit-card': ['new', 'replacement'],
};

export const RELATIONSHIPS = ['guardian', 'family', 'officer', 'entrusted'] as const;
export const ECONOMIC_STATUSES = ['dibao', 'dibao_edge', 'tekun', 'none', 'unknown'] as const;
export const CATEGORY_IDS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const GRADE_IDS = ['1', '2', '3', '4'] as const;

export function isServiceId(value: unknown): value is ServiceId {
  return typeof value === 'string' && (SERVICE_IDS as readonly string[]).includes(value);
}

export function isPageId(value: unknown): value is PageId {
  return typeof value === 'string' && (PAGE_IDS as readonly string[]).includes(value);
}
