import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Answers } from '../../../../src/domain/benefits/answers.ts';
import { evaluateAll, type Verdict } from '../../../../src/domain/benefits/engine.ts';
import { BenefitSchema, type Benefit } from '../../../../src/domain/benefits/rules-schema.ts';
import { CONTENT_DIR } from '../../../content-files.ts';

/**
 * The shipped rules against hand-worked cases. Every expectation below was reasoned out from
 * docs/domain and the guides in content/policies, not produced by running the engine. Each case
 * names the benefits expected 'likely', 'maybe' and 'notApplicable' (the answers rule out whom the
 * service is for: a first certificate for a holder); every other benefit is expected 'no', and the
 * whole map is compared, so adding, removing or changing a benefit forces this table to be updated.
 *
 * Benefits that can never be more than 'maybe' (they carry `alwaysCheck`): everything except
 * living-subsidy, nursing-subsidy, monthly-allowance, elderly-disabled-aid and transit-card-blind.
 * (zhucanri-visit, the 助残日 solatium, is chosen each year, so it is 'maybe' for every local holder.)
 */
/** The shipped benefits, written out: the table below must know each one. */
const ALL_IDS = [
  'living-subsidy',
  'nursing-subsidy',
  'living-subsidy-low-income',
  'nursing-subsidy-intellectual-mental',
  'disability-certificate',
  'first-certificate-subsidy',
  'assessment-subsidy',
  'monthly-allowance',
  'multi-disability-household',
  'elderly-disabled-aid',
  'child-rehabilitation',
  'wheelchair-fuel-subsidy',
  'transit-card-blind',
  'transit-card-lower-limb',
  'psychiatric-medication-subsidy',
  'cataract-surgery',
  'assistive-devices',
  'home-rehabilitation',
  'care-services',
  'home-accessibility',
  'housing-renovation',
  'education-aid-preschool',
  'education-aid-secondary',
  'education-aid-college',
  'vocational-training',
  'self-employment-subsidy',
  'supported-employment',
  'parking-permit',
  'legal-aid',
  'zhucanri-visit',
] as const;
type Id = (typeof ALL_IDS)[number];

interface LoadedBenefit extends Benefit {
  id: string;
}

const BENEFITS_DIR = `${CONTENT_DIR}benefits/`;
const benefits: LoadedBenefit[] = readdirSync(BENEFITS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({
    ...v.parse(BenefitSchema, parseYaml(readFileSync(`${BENEFITS_DIR}${file}`, 'utf8'))),
    id: file.replace(/\.yaml$/, ''),
  }));

/** Every benefit's verdict for these answers, by benefit id. */
function verdicts(answers: Answers): Record<string, Verdict> {
  return Object.fromEntries(evaluateAll(benefits, answers).map((r) => [r.benefit.id, r.verdict]));
}

interface Case {
  name: string;
  answers: Answers;
  likely: Id[];
  maybe: Id[];
  /** Not listed at all. */
  na?: Id[];
}

function expected(c: Case): Record<string, Verdict> {
  return Object.fromEntries(
    ALL_IDS.map((id): [string, Verdict] => [
      id,
      c.likely.includes(id) ? 'likely' : c.maybe.includes(id) ? 'maybe' : c.na?.includes(id) ? 'notApplicable' : 'no',
    ]),
  );
}

/**
 * A local certificate holder, limb (category 4) grade 3, aged 40, employed, not poor, alone in the
 * household, no care need, and "no" to every yes/no question. Cases change one or a few answers.
 * Expected for BASE itself: likely monthly-allowance; maybe transit-card-lower-limb (lower limb to
 * check), assistive-devices, home-rehabilitation, parking-permit, legal-aid (all with staff checks).
 */
const BASE: Answers = {
  forWhom: 'self',
  hasCertificate: 'yes',
  category: 4,
  grade: 3,
  age: 40,
  localHukou: 'yes',
  household: 'none',
  disabledInHousehold: 1,
  needsLongTermCare: 'no',
  education: 'none',
  work: 'employed',
  ownsMotorWheelchair: 'no',
  cataract: 'no',
  psychiatricMedication: 'no',
  homeNeedsModification: 'no',
};

/** An adult local resident with no certificate yet (the category and grade given are ignored). */
const NO_CERTIFICATE: Answers = {
  forWhom: 'self',
  hasCertificate: 'no',
  category: 4,
  grade: 1,
  age: 40,
  localHukou: 'yes',
  household: 'dibao',
  disabledInHousehold: 1,
  needsLongTermCare: 'yes',
  education: 'none',
  work: 'seeking',
  ownsMotorWheelchair: 'no',
  cataract: 'no',
  psychiatricMedication: 'no',
  homeNeedsModification: 'no',
};

/** A local child without a certificate, in a 低保 household, at kindergarten. */
const CHILD: Answers = {
  forWhom: 'other',
  hasCertificate: 'no',
  age: 6,
  localHukou: 'yes',
  household: 'dibao',
  disabledInHousehold: 1,
  needsLongTermCare: 'no',
  education: 'preschool',
  work: 'none',
  ownsMotorWheelchair: 'no',
  cataract: 'no',
  psychiatricMedication: 'no',
  homeNeedsModification: 'no',
};

const BASE_MAYBE: Id[] = ['transit-card-lower-limb', 'assistive-devices', 'home-rehabilitation', 'parking-permit', 'legal-aid', 'zhucanri-visit'];
/** A local holder of a category other than limb: the limb-only items drop out. */
const NON_LIMB_MAYBE: Id[] = ['assistive-devices', 'home-rehabilitation', 'legal-aid', 'zhucanri-visit'];
/**
 * What does not apply to BASE at all (its `appliesTo` is ruled out): the first certificate and its
 * subsidies (he holds one), child rehabilitation (he is 40), and the services for a situation he said
 * is not his (no motorized wheelchair, no cataract, no psychiatric medication, no home modification,
 * not at school, not self-employed).
 */
const BASE_NA: Id[] = [
  'disability-certificate',
  'first-certificate-subsidy',
  'assessment-subsidy',
  'child-rehabilitation',
  'wheelchair-fuel-subsidy',
  'psychiatric-medication-subsidy',
  'cataract-surgery',
  'home-accessibility',
  'education-aid-preschool',
  'education-aid-secondary',
  'education-aid-college',
  'self-employment-subsidy',
];
/** For someone without a certificate, aged 40, not at school and not self-employed. */
const NO_CERTIFICATE_NA: Id[] = BASE_NA.filter((id) => !['disability-certificate', 'first-certificate-subsidy', 'assessment-subsidy'].includes(id));
/** For a child of 0–6 without a certificate, at kindergarten, in a household with no other situation. */
const CHILD_NA: Id[] = NO_CERTIFICATE_NA.filter((id) => id !== 'child-rehabilitation' && id !== 'education-aid-preschool');
const CERTIFICATE_TRIO: Id[] = ['disability-certificate', 'first-certificate-subsidy', 'assessment-subsidy'];
const but = (list: Id[], ...ids: Id[]): Id[] => list.filter((id) => !ids.includes(id));

const CASES: Case[] = [
  // ── Nothing known ───────────────────────────────────────────────────────────
  {
    name: 'everything unknown: every benefit has conditions, so all are maybe and none likely or ruled out',
    answers: {},
    likely: [],
    maybe: [...ALL_IDS],
  },
  {
    name: 'everything unknown, checking for someone else',
    answers: { forWhom: 'other' },
    likely: [],
    maybe: [...ALL_IDS],
  },

  // ── The base profile and the household (低保) boundaries ─────────────────────
  {
    name: 'base: local limb grade 3 holder, 40, employed, not poor',
    answers: BASE,
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'base, checked by a family member (forWhom other): same verdicts',
    answers: { ...BASE, forWhom: 'other' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'dibao household: national living subsidy likely; housing renovation to check',
    answers: { ...BASE, household: 'dibao' },
    likely: ['living-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'low-income (低保边缘) household: not the national subsidy, the local extension is maybe',
    answers: { ...BASE, household: 'low-income' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'living-subsidy-low-income', 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'tekun (特困) household: neither living subsidy; poor-household services still maybe',
    answers: { ...BASE, household: 'tekun' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'household unknown: both living subsidies and housing renovation become maybe',
    answers: { ...BASE, household: undefined },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'living-subsidy', 'living-subsidy-low-income', 'housing-renovation'],
    na: BASE_NA,
  },

  // ── Nursing subsidy: grade 2/3 and the local extension for categories 5/6 ────
  {
    name: 'limb grade 2 needing long-term care: national nursing subsidy likely',
    answers: { ...BASE, grade: 2, needsLongTermCare: 'yes' },
    likely: ['nursing-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'limb grade 2 not needing care: no nursing subsidy',
    answers: { ...BASE, grade: 2, needsLongTermCare: 'no' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'limb grade 2, care need unknown: nursing subsidy maybe',
    answers: { ...BASE, grade: 2, needsLongTermCare: undefined },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'nursing-subsidy', 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'limb grade 3 needing care: neither nursing subsidy (extension is for categories 5 and 6 only)',
    answers: { ...BASE, grade: 3, needsLongTermCare: 'yes' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'intellectual grade 3 needing care: local extension maybe, national no',
    answers: { ...BASE, category: 5, grade: 3, needsLongTermCare: 'yes' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'nursing-subsidy-intellectual-mental', 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'intellectual grade 2 needing care: national nursing subsidy likely, extension no',
    answers: { ...BASE, category: 5, grade: 2, needsLongTermCare: 'yes' },
    likely: ['nursing-subsidy', 'monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'mental grade 4 needing care: local extension maybe',
    answers: { ...BASE, category: 6, grade: 4, needsLongTermCare: 'yes' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'nursing-subsidy-intellectual-mental', 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'mental grade 3 not needing care: no nursing subsidy of either kind',
    answers: { ...BASE, category: 6, grade: 3, needsLongTermCare: 'no' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'care-services'],
    na: BASE_NA,
  },

  // ── 多重 (multiple): the certificate does not say which disabilities it combines ──
  {
    name: 'multiple (7) grade 1 needing care: nursing likely; every single-category service is maybe, never no',
    answers: { ...BASE, category: 7, grade: 1, needsLongTermCare: 'yes' },
    likely: ['nursing-subsidy', 'monthly-allowance'],
    // A deafblind person with visual 一级 is blind; limb, intellectual or mental parts open the rest.
    maybe: [...BASE_MAYBE, 'transit-card-blind', 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'multiple (7) grade 3: the grade is the most severe part, so blind transit (一、二级) is ruled out',
    answers: { ...BASE, category: 7, grade: 3 },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'multiple (7) grade 1 with a motorized wheelchair: the fuel subsidy is maybe (lower limb to check)',
    answers: { ...BASE, category: 7, grade: 1, ownsMotorWheelchair: 'yes' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'transit-card-blind', 'care-services', 'wheelchair-fuel-subsidy'],
    na: but(BASE_NA, 'wheelchair-fuel-subsidy'),
  },

  // ── Transit: visual 1/2 (national) vs limb 1–4 (local) vs hearing ───────────
  {
    name: 'visual grade 1: free transit for blind people likely',
    answers: { ...BASE, category: 1, grade: 1 },
    likely: ['monthly-allowance', 'transit-card-blind'],
    maybe: NON_LIMB_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'visual grade 2: still blind, free transit likely',
    answers: { ...BASE, category: 1, grade: 2 },
    likely: ['monthly-allowance', 'transit-card-blind'],
    maybe: NON_LIMB_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'visual grade 3 (low vision): no free transit',
    answers: { ...BASE, category: 1, grade: 3 },
    likely: ['monthly-allowance'],
    maybe: NON_LIMB_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'hearing grade 1: neither transit card',
    answers: { ...BASE, category: 2, grade: 1 },
    likely: ['monthly-allowance'],
    maybe: NON_LIMB_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'limb grade 4: lower-limb transit card maybe (grades 1–4; lower limb to check)',
    answers: { ...BASE, grade: 4 },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'visual grade 1 from outside the county: the national right still applies; local benefits no',
    answers: { ...BASE, category: 1, grade: 1, localHukou: 'no' },
    likely: ['transit-card-blind'],
    maybe: ['legal-aid'],
    na: BASE_NA,
  },
  {
    name: 'holder, category unknown, grade 1: every category-dependent benefit becomes maybe',
    answers: { ...BASE, category: undefined, grade: 1 },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'transit-card-blind', 'care-services'],
    na: BASE_NA,
  },

  // ── Fuel subsidy ────────────────────────────────────────────────────────────
  {
    name: 'limb holder owning a motorized wheelchair: fuel subsidy maybe (lower limb to check)',
    answers: { ...BASE, ownsMotorWheelchair: 'yes' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'wheelchair-fuel-subsidy'],
    na: but(BASE_NA, 'wheelchair-fuel-subsidy'),
  },
  {
    name: 'visual holder owning a motorized wheelchair: no fuel subsidy',
    answers: { ...BASE, category: 1, grade: 1, ownsMotorWheelchair: 'yes' },
    likely: ['monthly-allowance', 'transit-card-blind'],
    maybe: NON_LIMB_MAYBE,
    na: but(BASE_NA, 'wheelchair-fuel-subsidy'),
  },
  {
    name: 'limb holder, wheelchair unknown: fuel subsidy maybe',
    answers: { ...BASE, ownsMotorWheelchair: undefined },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'wheelchair-fuel-subsidy'],
    na: but(BASE_NA, 'wheelchair-fuel-subsidy'),
  },

  // ── Children: rehabilitation 0–6 needs no certificate ───────────────────────
  {
    name: 'child aged 6 without a certificate: rehabilitation and devices maybe (diagnosis), certificate maybe',
    answers: CHILD,
    likely: [],
    maybe: ['child-rehabilitation', 'assistive-devices', ...CERTIFICATE_TRIO],
    na: CHILD_NA,
  },
  {
    name: 'child aged 7 without a certificate: rehabilitation and preschool aid no longer apply; no devices without a certificate',
    answers: { ...CHILD, age: 7 },
    likely: [],
    maybe: CERTIFICATE_TRIO,
    na: [...CHILD_NA, 'child-rehabilitation', 'education-aid-preschool'],
  },
  {
    name: 'baby aged 0 without a certificate: as at 6',
    answers: { ...CHILD, age: 0 },
    likely: [],
    maybe: ['child-rehabilitation', 'assistive-devices', ...CERTIFICATE_TRIO],
    na: CHILD_NA,
  },
  {
    name: 'child aged 6 with an intellectual grade 2 certificate, needing care, dibao, at kindergarten',
    answers: { ...CHILD, hasCertificate: 'yes', category: 5, grade: 2, needsLongTermCare: 'yes' },
    likely: ['living-subsidy', 'nursing-subsidy', 'monthly-allowance'],
    maybe: [
      'child-rehabilitation',
      'assistive-devices',
      'home-rehabilitation',
      'care-services',
      'housing-renovation',
      'education-aid-preschool',
      'legal-aid',
      'zhucanri-visit',
    ],
    na: [...CHILD_NA, ...CERTIFICATE_TRIO],
  },
  {
    name: 'the same child at 7, at primary school: rehabilitation aid and preschool aid no longer apply',
    answers: { ...CHILD, hasCertificate: 'yes', category: 5, grade: 2, needsLongTermCare: 'yes', age: 7, education: 'compulsory' },
    likely: ['living-subsidy', 'nursing-subsidy', 'monthly-allowance'],
    maybe: ['assistive-devices', 'home-rehabilitation', 'care-services', 'housing-renovation', 'legal-aid', 'zhucanri-visit'],
    na: BASE_NA,
  },
  {
    name: 'child aged 4 from outside the county: rehabilitation aid maybe (local residence permit); local items no',
    answers: { ...CHILD, age: 4, localHukou: 'no' },
    likely: [],
    maybe: ['child-rehabilitation', 'disability-certificate'],
    na: CHILD_NA,
  },

  // ── Elderly aid: 59/60 ──────────────────────────────────────────────────────
  {
    name: 'aged 60, dibao, not working and not looking: elderly aid likely; his answer rules out training',
    answers: { ...BASE, age: 60, household: 'dibao', work: 'none' },
    likely: ['living-subsidy', 'monthly-allowance', 'elderly-disabled-aid'],
    maybe: [...BASE_MAYBE, 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'aged 59, dibao, not working: no elderly aid yet',
    answers: { ...BASE, age: 59, household: 'dibao', work: 'none' },
    likely: ['living-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'aged 61, dibao, not working: elderly aid likely',
    answers: { ...BASE, age: 61, household: 'dibao', work: 'none' },
    likely: ['living-subsidy', 'monthly-allowance', 'elderly-disabled-aid'],
    maybe: [...BASE_MAYBE, 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'aged 70, not poor: no elderly aid',
    answers: { ...BASE, age: 70 },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'aged 65, household unknown: elderly aid and the living subsidies maybe',
    answers: { ...BASE, age: 65, household: undefined },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'living-subsidy', 'living-subsidy-low-income', 'elderly-disabled-aid', 'housing-renovation'],
    na: BASE_NA,
  },
  {
    name: 'age unknown, dibao: elderly aid and child rehabilitation both maybe',
    answers: { ...BASE, age: undefined, household: 'dibao' },
    likely: ['living-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'elderly-disabled-aid', 'child-rehabilitation', 'housing-renovation'],
    na: but(BASE_NA, 'child-rehabilitation'),
  },

  // ── Work and training: 15/16 and 60/61 ──────────────────────────────────────
  {
    name: 'aged 15 seeking work: below working age for training',
    answers: { ...BASE, age: 15, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'aged 16 seeking work: training maybe',
    answers: { ...BASE, age: 16, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'vocational-training'],
    na: BASE_NA,
  },
  {
    name: 'aged 60 seeking work: training maybe (retirement age depends on sex and birth date)',
    answers: { ...BASE, age: 60, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'vocational-training'],
    na: BASE_NA,
  },
  {
    name: 'aged 61 seeking work: past working age',
    answers: { ...BASE, age: 61, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'aged 35, self-employed: self-employment subsidy maybe, no training',
    answers: { ...BASE, age: 35, work: 'self-employed' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'self-employment-subsidy'],
    na: but(BASE_NA, 'self-employment-subsidy'),
  },
  {
    name: 'aged 61, self-employed: past working age for the subsidy',
    answers: { ...BASE, age: 61, work: 'self-employed' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: but(BASE_NA, 'self-employment-subsidy'),
  },
  {
    name: 'work unknown: training and self-employment subsidy both maybe',
    answers: { ...BASE, age: 30, work: undefined },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'vocational-training', 'self-employment-subsidy'],
    na: but(BASE_NA, 'self-employment-subsidy'),
  },
  {
    name: 'intellectual grade 4, aged 16, not working and not looking: his answer rules out training and supported employment',
    answers: { ...BASE, category: 5, grade: 4, age: 16, work: 'none' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'intellectual grade 4, aged 16, looking for work: supported employment and training maybe',
    answers: { ...BASE, category: 5, grade: 4, age: 16, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'care-services', 'vocational-training', 'supported-employment'],
    na: BASE_NA,
  },
  {
    name: 'intellectual grade 4, aged 15, looking for work: too young for supported employment and training',
    answers: { ...BASE, category: 5, grade: 4, age: 15, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'intellectual grade 3, aged 61, looking for work: past working age for supported employment',
    answers: { ...BASE, category: 5, grade: 3, age: 61, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'care-services'],
    na: BASE_NA,
  },
  {
    name: 'limb grade 3 seeking work: not severe enough for supported employment',
    answers: { ...BASE, work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'vocational-training'],
    na: BASE_NA,
  },

  // ── No certificate yet ──────────────────────────────────────────────────────
  {
    name: 'adult without a certificate (category/grade answered anyway): only the certificate and its subsidies',
    answers: NO_CERTIFICATE,
    likely: [],
    maybe: CERTIFICATE_TRIO,
    na: NO_CERTIFICATE_NA,
  },
  {
    name: 'no certificate, aged 70, cataract: cataract surgery needs no certificate',
    answers: { ...NO_CERTIFICATE, age: 70, cataract: 'yes' },
    likely: [],
    maybe: ['cataract-surgery', ...CERTIFICATE_TRIO],
    na: but(NO_CERTIFICATE_NA, 'cataract-surgery'),
  },
  {
    name: 'no certificate, long-term psychiatric medication, dibao: medication subsidy maybe (diagnosis)',
    answers: { ...NO_CERTIFICATE, psychiatricMedication: 'yes' },
    likely: [],
    maybe: ['psychiatric-medication-subsidy', ...CERTIFICATE_TRIO],
    na: but(NO_CERTIFICATE_NA, 'psychiatric-medication-subsidy'),
  },
  {
    name: 'no certificate, from outside the county, cataract: local items no; certificate still maybe',
    answers: { ...NO_CERTIFICATE, localHukou: 'no', cataract: 'yes' },
    likely: [],
    maybe: ['disability-certificate'],
    na: but(NO_CERTIFICATE_NA, 'cataract-surgery'),
  },
  {
    name: 'no certificate, three disabled people at home: household subsidy maybe (others may hold certificates)',
    answers: { ...NO_CERTIFICATE, disabledInHousehold: 3 },
    likely: [],
    maybe: ['multi-disability-household', ...CERTIFICATE_TRIO],
    na: NO_CERTIFICATE_NA,
  },
  {
    name: 'certificate unknown, limb grade 2 needing care, dibao, not working: nothing certain, much maybe',
    answers: { ...BASE, hasCertificate: undefined, grade: 2, needsLongTermCare: 'yes', household: 'dibao', work: 'none' },
    likely: [],
    maybe: [
      'living-subsidy',
      'nursing-subsidy',
      'monthly-allowance',
      'transit-card-lower-limb',
      'assistive-devices',
      'home-rehabilitation',
      'care-services',
      'housing-renovation',
      'parking-permit',
      'legal-aid',
      'zhucanri-visit',
      ...CERTIFICATE_TRIO,
    ],
    na: NO_CERTIFICATE_NA,
  },

  // ── Registration outside the county ─────────────────────────────────────────
  {
    name: 'limb grade 2 from outside the county, dibao, needing care, seeking work: local and hukou-bound benefits no',
    answers: { ...BASE, localHukou: 'no', household: 'dibao', grade: 2, needsLongTermCare: 'yes', work: 'seeking' },
    likely: [],
    maybe: ['transit-card-lower-limb', 'vocational-training', 'supported-employment', 'legal-aid'],
    na: BASE_NA,
  },
  {
    name: 'registration unknown: the hukou-bound benefits become maybe',
    answers: { ...BASE, localHukou: undefined },
    likely: [],
    maybe: [...BASE_MAYBE, 'monthly-allowance'],
    na: BASE_NA,
  },

  // ── Multi-disability household ──────────────────────────────────────────────
  {
    name: 'two disabled people at home: household subsidy maybe (both certificates to check)',
    answers: { ...BASE, disabledInHousehold: 2 },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'multi-disability-household'],
    na: BASE_NA,
  },
  {
    name: 'number of disabled people at home unknown: household subsidy maybe',
    answers: { ...BASE, disabledInHousehold: undefined },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'multi-disability-household'],
    na: BASE_NA,
  },
  {
    name: 'two disabled people at home, from outside the county: no household subsidy',
    answers: { ...BASE, disabledInHousehold: 2, localHukou: 'no' },
    likely: [],
    maybe: ['transit-card-lower-limb', 'legal-aid'],
    na: BASE_NA,
  },

  // ── Home accessibility ──────────────────────────────────────────────────────
  {
    name: 'limb grade 1, dibao, needing care and home modification: both national subsidies likely, modification maybe',
    answers: { ...BASE, grade: 1, household: 'dibao', needsLongTermCare: 'yes', homeNeedsModification: 'yes' },
    likely: ['living-subsidy', 'nursing-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'care-services', 'home-accessibility', 'housing-renovation'],
    na: but(BASE_NA, 'home-accessibility'),
  },
  {
    name: 'limb grade 3, dibao, home modification wanted: not severe, no modification',
    answers: { ...BASE, household: 'dibao', needsLongTermCare: 'yes', homeNeedsModification: 'yes' },
    likely: ['living-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'housing-renovation'],
    na: but(BASE_NA, 'home-accessibility'),
  },
  {
    name: 'limb grade 1, not poor, home modification wanted: no modification (means-tested)',
    answers: { ...BASE, grade: 1, needsLongTermCare: 'yes', homeNeedsModification: 'yes' },
    likely: ['nursing-subsidy', 'monthly-allowance'],
    maybe: [...BASE_MAYBE, 'care-services'],
    na: but(BASE_NA, 'home-accessibility'),
  },

  // ── Education ───────────────────────────────────────────────────────────────
  {
    name: 'aged 19 at college, not looking for work: college aid maybe; training is for people who want work',
    answers: { ...BASE, age: 19, education: 'college', work: 'none' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'education-aid-college'],
    na: but(BASE_NA, 'education-aid-college'),
  },
  {
    name: 'aged 16 at a vocational school, looking for work: secondary aid and training maybe',
    answers: { ...BASE, age: 16, education: 'vocational', work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'education-aid-secondary', 'vocational-training'],
    na: but(BASE_NA, 'education-aid-secondary'),
  },
  {
    name: 'aged 15 at high school: secondary aid maybe, too young for training',
    answers: { ...BASE, age: 15, education: 'high-school', work: 'seeking' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'education-aid-secondary'],
    na: but(BASE_NA, 'education-aid-secondary'),
  },
  {
    name: 'aged 12 in compulsory education: no education aid item applies',
    answers: { ...BASE, age: 12, education: 'compulsory', work: 'none' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: BASE_NA,
  },
  {
    name: 'aged 5 at kindergarten, low-income household: preschool aid, rehabilitation, living-subsidy extension maybe',
    answers: { ...BASE, age: 5, education: 'preschool', household: 'low-income', work: 'none' },
    likely: ['monthly-allowance'],
    maybe: [
      ...BASE_MAYBE,
      'living-subsidy-low-income',
      'child-rehabilitation',
      'housing-renovation',
      'education-aid-preschool',
    ],
    na: but(BASE_NA, 'child-rehabilitation', 'education-aid-preschool'),
  },
  {
    name: 'aged 5 at kindergarten, not poor: no preschool aid',
    answers: { ...BASE, age: 5, education: 'preschool', work: 'none' },
    likely: ['monthly-allowance'],
    maybe: [...BASE_MAYBE, 'child-rehabilitation'],
    na: but(BASE_NA, 'child-rehabilitation', 'education-aid-preschool'),
  },

  // ── Cataract and psychiatric medication ─────────────────────────────────────
  {
    name: 'aged 70, low-income, cataract: elderly aid likely, cataract surgery maybe',
    answers: { ...BASE, age: 70, household: 'low-income', cataract: 'yes' },
    likely: ['monthly-allowance', 'elderly-disabled-aid'],
    maybe: [...BASE_MAYBE, 'living-subsidy-low-income', 'housing-renovation', 'cataract-surgery'],
    na: but(BASE_NA, 'cataract-surgery'),
  },
  {
    name: 'cataract, not poor: no free surgery',
    answers: { ...BASE, cataract: 'yes' },
    likely: ['monthly-allowance'],
    maybe: BASE_MAYBE,
    na: but(BASE_NA, 'cataract-surgery'),
  },
  {
    name: 'mental grade 2 on long-term medication, dibao, no care need',
    answers: { ...BASE, category: 6, grade: 2, psychiatricMedication: 'yes', household: 'dibao' },
    likely: ['living-subsidy', 'monthly-allowance'],
    maybe: [...NON_LIMB_MAYBE, 'psychiatric-medication-subsidy', 'care-services', 'housing-renovation'],
    na: but(BASE_NA, 'psychiatric-medication-subsidy'),
  },
  {
    name: 'mental grade 3 on long-term medication, household unknown',
    answers: { ...BASE, category: 6, grade: 3, psychiatricMedication: 'yes', household: undefined },
    likely: ['monthly-allowance'],
    maybe: [
      ...NON_LIMB_MAYBE,
      'living-subsidy',
      'living-subsidy-low-income',
      'psychiatric-medication-subsidy',
      'care-services',
      'housing-renovation',
    ],
    na: but(BASE_NA, 'psychiatric-medication-subsidy'),
  },
];

describe('benefit verdicts for hand-worked cases', () => {
  it('the table knows exactly the shipped benefits', () => {
    expect(benefits.map((b) => b.id).sort()).toEqual([...ALL_IDS].sort());
  });

  it('has at least 40 cases, each named once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const listed = [...c.likely, ...c.maybe, ...(c.na ?? [])];
      expect(listed.filter((id, i) => listed.indexOf(id) !== i), 'an id is in two lists').toEqual([]);
      expect(verdicts(c.answers)).toEqual(expected(c));
    });
  }

  it('checking for someone else never changes a verdict', () => {
    for (const c of CASES) {
      expect(verdicts({ ...c.answers, forWhom: 'other' }), c.name).toEqual(verdicts({ ...c.answers, forWhom: 'self' }));
    }
  });

  it('nothing is likely when nothing is known', () => {
    expect(Object.values(verdicts({})).filter((verdict) => verdict === 'likely')).toEqual([]);
  });
});
