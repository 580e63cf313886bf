import { applyText, type ApplyKey } from '../../../i18n/text/apply.ts';
import { ACTIONS, RELATIONSHIPS } from '../catalogue.ts';
import type { CheckProblem, JourneyState, OptionDecl, PageCheck, PageDecl, Question, ServiceId } from '../contract.ts';
import { applicantFacts, guardianProblem, guardianReason } from '../facts.ts';
import { forOther } from '../wording.ts';

/**
 * Pages every journey shares (who applies, the agent, the applicant, the pledge) and the
 * checks they have in common. Each service file composes its journey from these and its own.
 */
export const always = () => true;
export const selfApplying = (state: JourneyState) => state.answers.who?.['applying_for'] === 'self';
export { forOther };

export const yesNoOptions = (yes: ApplyKey = 'apply.yes', no: ApplyKey = 'apply.no', hints: { yes?: ApplyKey; no?: ApplyKey } = {}): OptionDecl[] => [
  { value: 'yes', label: yes, ...(hints.yes ? { hint: hints.yes } : {}) },
  { value: 'no', label: no, ...(hints.no ? { hint: hints.no } : {}) },
];

/**
 * The guardian rule on the field that revealed it: someone applying for themselves whose answers
 * show that a guardian must apply (facts.guardianProblem decides; the message says why).
 */
export const guardianCheck = (field: string, messages: 'self' | 'who' = 'self'): PageCheck => (_values, state, ctx) => {
  const problem = guardianProblem(state, ctx.today);
  if (problem?.who !== 'self') return [];
  return [{ field, key: `apply.guardian.${messages}.${problem.reason}`, rule: 'guardian' }];
};

/** Run several checks; each reports on its own field. */
export const checks = (...all: PageCheck[]): PageCheck => (values, state, ctx) => all.flatMap((c) => c(values, state, ctx));

/** The first page of services with actions: which application type. */
export function actionPage(service: ServiceId, title: ApplyKey, required: ApplyKey, hint?: ApplyKey): PageDecl {
  return {
    id: 'action',
    section: 'about',
    applies: () => ACTIONS[service].length > 0,
    title,
    questions: [{
      kind: 'radios', name: 'action', label: title, summary: 'apply.action.summary', ...(hint ? { hint } : {}), required,
      options: ACTIONS[service].map((action) => {
        const label = `apply.action.${service}.${action}` as ApplyKey;
        const hintKey = `${label}.hint` as ApplyKey;
        return { value: action, label, ...(hasKey(hintKey) ? { hint: hintKey } : {}) };
      }),
    }],
  };
}

const hasKey = (key: string) => Object.hasOwn(applyText, key);

export const whoPage: PageDecl = {
  id: 'who',
  section: 'about',
  applies: always,
  title: 'apply.who.title',
  questions: [{
    kind: 'radios', name: 'applying_for', label: 'apply.who.title', hint: 'apply.who.hint', summary: 'apply.who.summary', required: 'apply.who.required',
    options: [{ value: 'self', label: 'apply.who.self' }, { value: 'other', label: 'apply.who.other', hint: 'apply.who.other.hint' }],
  }],
  check: guardianCheck('applying_for', 'who'),
};

/**
 * The agent (代办人): asked after the pages that tell who the applicant is, so the guardian rule
 * is known here, said above the question, and checked on this page, where it is decided.
 */
export const agentPage: PageDecl = {
  id: 'agent',
  section: 'agent',
  applies: forOther,
  title: 'apply.agent.title',
  intro: [
    { text: 'apply.agent.guardianNeeded.minor', when: (s, ctx) => guardianReason(applicantFacts(s, ctx.today)) === 'minor' },
    { text: 'apply.agent.guardianNeeded.category', when: (s, ctx) => guardianReason(applicantFacts(s, ctx.today)) === 'category' },
    'apply.agent.intro',
  ],
  questions: [
    { kind: 'text', name: 'name', label: 'apply.agent.name', summary: 'apply.agent.name.summary', field: { type: 'personName' }, width: 'medium', autocomplete: 'name' },
    {
      kind: 'radios', name: 'relationship', label: 'apply.agent.relationship', summary: 'apply.agent.relationship.summary', required: 'apply.agent.relationship.required',
      options: RELATIONSHIPS.map((r) => ({
        value: r,
        label: `apply.agent.relationship.${r}` as ApplyKey,
        ...(r === 'guardian' ? { hint: 'apply.agent.relationship.guardian.hint' as ApplyKey } : {}),
      })),
    },
    { kind: 'text', name: 'id_number', label: 'apply.agent.idNumber', summary: 'apply.agent.idNumber.summary', hint: 'apply.agent.idNumber.hint', field: { type: 'idNumber' }, width: 'medium', inputmode: 'text', spellcheck: false, autocomplete: 'off' },
    { kind: 'text', name: 'phone', label: 'apply.agent.phone', summary: 'apply.agent.phone.summary', hint: 'apply.agent.phone.hint', field: { type: 'phone' }, width: 'medium', autocomplete: 'tel', inputmode: 'tel' },
  ],
  check(_values, state, ctx): CheckProblem[] {
    const problem = guardianProblem(state, ctx.today);
    return problem?.who === 'agent' ? [{ field: 'relationship', key: `apply.guardian.agent.${problem.reason}`, rule: 'guardian' }] : [];
  },
};

/** The applicant's details. Holders' ID numbers come from the certificate number, never asked again. */
export function applicantPage(options: {
  askIdNumber: (state: JourneyState) => boolean;
  addresses: 'hukou' | 'home' | 'none';
  check?: PageCheck;
}): PageDecl {
  const questions: Question[] = [
    { kind: 'text', name: 'name', label: 'apply.applicant.name', hint: 'apply.applicant.name.hint', field: { type: 'personName' }, width: 'medium', autocomplete: (s) => (forOther(s) ? 'off' : 'name') },
    { kind: 'text', name: 'id_number', label: 'apply.applicant.idNumber', hint: 'apply.applicant.idNumber.hint', field: { type: 'idNumber' }, width: 'medium', spellcheck: false, autocomplete: 'off', when: (s) => options.askIdNumber(s) },
    // Someone applying for another person gives their own phone on the agent page.
    { kind: 'text', name: 'phone', label: 'apply.applicant.phone', hint: 'apply.applicant.phone.hint', field: { type: 'phone' }, width: 'medium', inputmode: 'tel', autocomplete: 'tel', when: (s) => !forOther(s) },
    { kind: 'text', name: 'phone', label: 'apply.applicant.phoneOther', summary: 'apply.applicant.phoneOther.summary', hint: 'apply.applicant.phoneOther.hint', field: { type: 'phone' }, optional: true, width: 'medium', inputmode: 'tel', autocomplete: 'off', when: forOther },
  ];
  if (options.addresses === 'hukou') {
    questions.push(
      { kind: 'text', name: 'hukou_address', label: 'apply.applicant.hukou', hint: 'apply.applicant.hukou.hint', field: { type: 'address' }, width: 'long', autocomplete: 'off', when: (s) => s.action !== 'transfer' },
      { kind: 'text', name: 'hukou_address', label: 'apply.applicant.hukouAfterTransfer', hint: 'apply.applicant.hukou.hint', field: { type: 'address' }, width: 'long', autocomplete: 'off', when: (s) => s.action === 'transfer' },
      { kind: 'text', name: 'home_address', label: 'apply.applicant.homeOptional', summary: 'apply.applicant.home', hint: 'apply.applicant.homeOptional.hint', field: { type: 'address' }, optional: true, width: 'long', autocomplete: (s) => (forOther(s) ? 'off' : 'street-address') },
    );
  } else if (options.addresses === 'home') {
    questions.push({ kind: 'text', name: 'home_address', label: 'apply.applicant.home', hint: 'apply.applicant.home.hint', field: { type: 'address' }, width: 'long', autocomplete: (s) => (forOther(s) ? 'off' : 'street-address') });
  }
  return {
    id: 'applicant',
    section: 'person',
    applies: always,
    title: 'apply.applicant.title',
    questions,
    check: checks(guardianCheck('id_number'), ...(options.check ? [options.check] : [])),
  };
}

/**
 * The township (乡镇、街道) of the applicant's household registration: where the application is
 * worked locally (its liaison officer) — the federation's list in site.yaml.
 */
export const townshipPage: PageDecl = {
  id: 'township',
  section: 'person',
  applies: always,
  title: 'apply.township.title',
  questions: [{
    kind: 'radios', name: 'township', label: 'apply.township.title', summary: 'apply.township.summary', hint: 'apply.township.hint', required: 'apply.township.required',
    options: (_state, ctx) => ctx.townships.map((t) => ({ value: t.id, label: { literal: t.name } })),
  }],
};

/** The declaration (诚信承诺). */
export const declarationPage: PageDecl = {
  id: 'declaration',
  section: 'declaration',
  applies: always,
  title: 'apply.declaration.title',
  intro: [
    'apply.declaration.text',
    { text: 'apply.declaration.transit', when: (s) => s.service === 'transit-card' },
    { text: 'apply.declaration.agent', when: forOther },
  ],
  questions: [
    { kind: 'checkbox', name: 'confirm', value: 'yes', label: 'apply.declaration.confirm', summary: 'apply.declaration.summary', required: 'apply.declaration.required', checked: 'apply.declaration.done', when: (s) => !forOther(s) },
    { kind: 'checkbox', name: 'confirm', value: 'yes', label: 'apply.declaration.confirmAgent', summary: 'apply.declaration.summary', required: 'apply.declaration.required', checked: 'apply.declaration.done', when: forOther },
  ],
};
