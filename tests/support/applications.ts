import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { parse } from 'yaml';
import { SiteSchema } from '../../src/domain/content/site-schema.ts';
import { ADULT_ID, GUARDIAN_ID, makeCertificate } from './identities.ts';

/** content/site.yaml, validated: the ids of its hospitals and pickup points. */
export const site = v.parse(SiteSchema, parse(readFileSync(new URL('../../content/site.yaml', import.meta.url), 'utf8')));

/** Valid whole applications of each service (fictional people; the applicant's ID is ADULT_ID). */
export function transitApplication() {
  return {
    service: 'transit-card',
    action: 'new',
    answers: {
      certificate: { certificate_number: makeCertificate(ADULT_ID, 1, 2) },
      who: { applying_for: 'self' },
      applicant: { name: '孙明', phone: '13712345678' },
      township: { township: 'chengguan' },
      pickup: { pickup_point: site.pickupPoints.find((p) => p.services.includes('transit-card'))!.id },
      declaration: { confirm: 'yes' },
    },
  };
}

export function certificateApplication(hukouAddress = '示例县人民路 1 号 2 单元') {
  return {
    service: 'certificate',
    action: 'new',
    answers: {
      who: { applying_for: 'self' },
      applicant: { name: '张𠮷', id_number: ADULT_ID, phone: '13912345678', hukou_address: hukouAddress },
      township: { township: 'chengguan' },
      category: { category: '4' },
      assessment: { hospital: site.assessmentHospitals.find((h) => h.categories.includes(4))!.id, home_visit: 'yes' },
      declaration: { confirm: 'yes' },
    },
  };
}

export function devicesApplication() {
  return {
    service: 'assistive-devices',
    answers: {
      who: { applying_for: 'other' },
      agent: { name: '赵丽', relationship: 'family', id_number: GUARDIAN_ID, phone: '13812345678' },
      certificate: { has_certificate: 'yes', certificate_number: makeCertificate(ADULT_ID, 4, 2) },
      applicant: { name: '赵大山', home_address: '示例县幸福路 8 号 3 栋' },
      township: { township: 'chengguan' },
      device: { devices: ['walker'] },
      previous: { had_before: 'no' },
      assessment: { home_assessment: 'no' },
      delivery: { method: 'pickup', pickup_point: site.pickupPoints.find((p) => p.services.includes('assistive-devices'))!.id },
      declaration: { confirm: 'yes' },
    },
  };
}

/** The lookup fact of every application above: the last 4 characters of ADULT_ID. */
export const APPLICANT_LAST4 = ADULT_ID.slice(-4);

