import { applyText, type ApplyKey } from '../../../i18n/text/apply.ts';
import { fill } from '../wording.ts';
import { ECONOMIC_STATUSES } from '../catalogue.ts';
import type { JourneyContext, JourneyState, PageCheck, PageDecl } from '../contract.ts';
import { CHILD_DEVICE_MAX_AGE } from '../facts.ts';
import { ageOn, parseIdNumber } from '../../identity/id-number.ts';
import { agentPage, townshipPage, always, applicantPage, declarationPage, guardianCheck, whoPage, yesNoOptions, checks } from './common.ts';
import { pickupOptions } from './pickup.ts';

/**
 * 辅助器具适配: 申请 → 评估 → 核价 → 审批 → 适配 → 回访. Holders give their certificate number;
 * children 0–6 without a certificate apply with a hospital's diagnosis, through a guardian. The
 * household's economic status is asked only when a means-tested item is chosen.
 */
const withoutCertificate = (state: JourneyState) => state.answers.certificate?.['has_certificate'] === 'no';

function ageFromId(id: unknown, today: string): number | null {
  if (typeof id !== 'string') return null;
  const parsed = parseIdNumber(id, today);
  return parsed.ok ? ageOn(parsed.info.birthDate, today) : null;
}

/** Without a certificate only children 0–6 may apply; on the field that shows the age. */
const childOnly = (field: string, key: ApplyKey): PageCheck => (_values, state, ctx) => {
  if (!withoutCertificate(state)) return [];
  const age = ageFromId(state.answers.applicant?.['id_number'], ctx.today);
  return age !== null && age > CHILD_DEVICE_MAX_AGE ? [{ field, key, rule: 'child-device' }] : [];
};

const certificatePage: PageDecl = {
  id: 'certificate',
  section: 'person',
  applies: always,
  title: 'apply.certificate.has.title',
  questions: [{
    kind: 'radios', name: 'has_certificate', label: 'apply.certificate.has.title', summary: 'apply.certificate.has.summary', required: 'apply.certificate.has.required',
    options: yesNoOptions('apply.certificate.has.yes', 'apply.certificate.has.no', { no: 'apply.certificate.has.no.hint' }),
    conditional: {
      yes: [{ kind: 'text', name: 'certificate_number', label: 'apply.certificate.has.number', hint: 'apply.certificate.has.number.hint', field: { type: 'certificateNumber' }, width: 'code', spellcheck: false, autocomplete: 'off' }],
    },
  }],
  check: checks(guardianCheck('certificate_number'), childOnly('has_certificate', 'apply.certificate.childTooOld')),
};

const diagnosisPage: PageDecl = {
  id: 'diagnosis',
  section: 'details',
  applies: withoutCertificate,
  title: 'apply.diagnosis.title',
  intro: ['apply.diagnosis.intro'],
  questions: [
    { kind: 'text', name: 'diagnosis_hospital', label: 'apply.diagnosis.hospital', summary: 'apply.diagnosis.hospital.summary', empty: 'apply.diagnosis.hospital.empty', field: { type: 'text', min: 4, max: 60 }, width: 'long' },
    { kind: 'textarea', name: 'diagnosis', label: 'apply.diagnosis.conclusion', hint: 'apply.diagnosis.conclusion.hint', empty: 'apply.diagnosis.conclusion.empty', field: { type: 'text', min: 2, max: 200 } },
  ],
};

const devicePage: PageDecl = {
  id: 'device',
  section: 'details',
  applies: always,
  title: 'apply.device.title',
  questions: [
    {
      kind: 'checkboxes', name: 'devices', label: 'apply.device.devices', summary: 'apply.device.devices.summary', hint: 'apply.device.devices.hint',
      required: 'apply.device.required', unknown: 'apply.device.unknown', duplicate: 'apply.device.duplicate',
      max: { count: (ctx) => ctx.maxDevices, message: 'apply.device.tooMany' },
      options: (_state, ctx) => ctx.devices.map((d) => ({
        value: d.id, label: { literal: d.name }, hint: { literal: fill(applyText['apply.device.option.hint'], { description: d.description, years: d.serviceLifeYears }) },
      })),
    },
    { kind: 'textarea', name: 'needs', label: 'apply.device.needs', summary: 'apply.device.needs.summary', hint: 'apply.device.needs.hint', field: { type: 'text', min: 1, max: 300 }, optional: true },
  ],
};

function chosenDevices(state: JourneyState): string[] {
  const chosen = state.answers.device?.['devices'];
  return Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [];
}
const anyMeansTested = (state: JourneyState, ctx: JourneyContext) =>
  chosenDevices(state).some((id) => ctx.devices.find((d) => d.id === id)?.meansTested);

const previousPage: PageDecl = {
  id: 'previous',
  section: 'details',
  applies: always,
  title: 'apply.previous.title',
  questions: [{
    kind: 'radios', name: 'had_before', label: 'apply.previous.title', summary: 'apply.previous.summary', hint: 'apply.previous.hint', required: 'apply.previous.required',
    options: yesNoOptions('apply.previous.yes', 'apply.previous.no'),
    conditional: {
      yes: [{ kind: 'textarea', name: 'previous_devices', label: 'apply.previous.devices', summary: 'apply.previous.devices.summary', hint: 'apply.previous.devices.hint', empty: 'apply.previous.devices.empty', field: { type: 'text', min: 2, max: 200 } }],
    },
  }],
};

const householdPage: PageDecl = {
  id: 'household',
  section: 'details',
  applies: anyMeansTested,
  title: 'apply.household.title',
  intro: ['apply.household.intro'],
  questions: [{
    kind: 'radios', name: 'economic_status', label: 'apply.household.status', summary: 'apply.household.status.summary', required: 'apply.household.required',
    options: ECONOMIC_STATUSES.map((s) => ({ value: s, label: `apply.household.${s}` as ApplyKey })),
  }],
};

const assessmentPage: PageDecl = {
  id: 'assessment',
  section: 'details',
  applies: always,
  title: 'apply.assessment.devices.title',
  questions: [{
    kind: 'radios', name: 'home_assessment', label: 'apply.assessment.devices.title', summary: 'apply.assessment.devices.summary', hint: 'apply.assessment.devices.hint', required: 'apply.assessment.devices.required',
    options: yesNoOptions('apply.assessment.devices.yes', 'apply.assessment.devices.no', { yes: 'apply.assessment.devices.yes.hint' }),
  }],
};

const deliveryPage: PageDecl = {
  id: 'delivery',
  section: 'details',
  applies: always,
  title: 'apply.delivery.title',
  questions: [{
    kind: 'radios', name: 'method', label: 'apply.delivery.title', summary: 'apply.delivery.method.summary', required: 'apply.delivery.required',
    options: [{ value: 'delivery', label: 'apply.delivery.delivery' }, { value: 'pickup', label: 'apply.delivery.pickup' }],
    conditional: {
      delivery: [{
        kind: 'text', name: 'delivery_address', label: 'apply.delivery.address', hint: 'apply.delivery.address.hint', field: { type: 'address' }, width: 'long',
        prefill: (s) => (typeof s.answers.applicant?.['home_address'] === 'string' ? s.answers.applicant['home_address'] : undefined),
      }],
      pickup: [{ kind: 'radios', name: 'pickup_point', label: 'apply.delivery.point', hint: 'apply.delivery.point.hint', required: 'apply.delivery.point.required', options: pickupOptions('assistive-devices') }],
    },
  }],
};

export const assistiveDevicePages: readonly PageDecl[] = [
  whoPage,
  certificatePage,
  applicantPage({ askIdNumber: withoutCertificate, addresses: 'home', check: childOnly('id_number', 'apply.applicant.childTooOld') }),
  townshipPage,
  agentPage,
  diagnosisPage,
  devicePage,
  previousPage,
  householdPage,
  assessmentPage,
  deliveryPage,
  declarationPage,
];
