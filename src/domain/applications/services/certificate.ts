import type { ApplyKey } from '../../../i18n/text/apply.ts';
import { CATEGORY_IDS } from '../catalogue.ts';
import type { JourneyContext, JourneyState, OptionDecl, PageDecl } from '../contract.ts';
import { applicantFacts } from '../facts.ts';
import { actionPage, agentPage, townshipPage, applicantPage, declarationPage, guardianCheck, whoPage, yesNoOptions } from './common.ts';

/**
 * 残疾人证 (《残疾人证管理办法》): new certificates need an assessment at a designated hospital;
 * renewal, replacement and damaged certificates do not; a change is re-assessed; a transfer
 * brings a certificate from another county. Holders give their certificate number, which holds
 * the ID number, category and grade: none of those is asked again.
 */
export const categoryOptions: readonly OptionDecl[] = CATEGORY_IDS.map((c) => ({
  value: c,
  label: `apply.category.${c}` as ApplyKey,
  hint: `apply.category.${c}.hint` as ApplyKey,
}));

const isNew = (state: JourneyState) => state.action === 'new';

/** The designated hospitals that assess this category (all of them when none does, or the category is unknown). */
export function hospitalsFor(state: JourneyState, ctx: JourneyContext) {
  const category = applicantFacts(state, ctx.today).category;
  const matching = ctx.hospitals.filter((h) => category !== null && h.categories.includes(Number(category)));
  return matching.length > 0 ? matching : ctx.hospitals;
}

const holderCertificatePage: PageDecl = {
  id: 'certificate',
  section: 'person',
  applies: (state) => state.action !== null && !isNew(state),
  title: 'apply.certificate.title',
  questions: [
    { kind: 'text', name: 'certificate_number', label: 'apply.certificate.title', summary: 'apply.certificate.summary', hint: 'apply.certificate.hint', field: { type: 'certificateNumber' }, width: 'code', spellcheck: false, autocomplete: 'off', when: (s) => s.action !== 'replacement' },
    { kind: 'text', name: 'certificate_number', label: 'apply.certificate.title', summary: 'apply.certificate.summary', hint: 'apply.certificate.hint.lost', field: { type: 'certificateNumber' }, width: 'code', spellcheck: false, autocomplete: 'off', when: (s) => s.action === 'replacement' },
  ],
  check: guardianCheck('certificate_number'),
};

const categoryPage: PageDecl = {
  id: 'category',
  section: 'details',
  applies: isNew,
  title: 'apply.category.title',
  questions: [{ kind: 'radios', name: 'category', label: 'apply.category.title', summary: 'apply.category.summary', hint: 'apply.category.hint', required: 'apply.category.required', options: categoryOptions }],
  check: guardianCheck('category'),
};

const changePage: PageDecl = {
  id: 'change',
  section: 'details',
  applies: (state) => state.action === 'change',
  title: 'apply.change.title',
  intro: [{ text: 'apply.change.current', when: (s, ctx) => applicantFacts(s, ctx.today).certificateCategory !== null }, 'apply.change.reassess'],
  questions: [
    {
      kind: 'radios', name: 'change_kind', label: 'apply.change.kind', summary: 'apply.change.kind.summary', required: 'apply.change.kind.required',
      options: [
        { value: 'grade', label: 'apply.change.kind.grade', hint: 'apply.change.kind.grade.hint' },
        { value: 'category', label: 'apply.change.kind.category', hint: 'apply.change.kind.category.hint' },
      ],
      conditional: {
        category: [{ kind: 'radios', name: 'new_category', label: 'apply.change.newCategory', hint: 'apply.change.newCategory.hint', required: 'apply.change.newCategory.required', options: categoryOptions }],
      },
    },
    { kind: 'textarea', name: 'reason', label: 'apply.change.reason', summary: 'apply.change.reason.summary', hint: 'apply.change.reason.hint', field: { type: 'text', min: 1, max: 200 }, optional: true },
  ],
  check(values, state, ctx) {
    const held = applicantFacts(state, ctx.today).certificateCategory;
    if (values['change_kind'] === 'category' && values['new_category'] === held) return [{ field: 'new_category', key: 'apply.change.sameCategory' }];
    return values['change_kind'] === 'category' ? guardianCheck('new_category')(values, state, ctx) : [];
  },
};

const transferPage: PageDecl = {
  id: 'transfer',
  section: 'details',
  applies: (state) => state.action === 'transfer',
  title: 'apply.transfer.title',
  questions: [{ kind: 'text', name: 'from_region', label: 'apply.transfer.title', summary: 'apply.transfer.summary', hint: 'apply.transfer.hint', empty: 'apply.transfer.empty', field: { type: 'text', min: 4, max: 60 }, width: 'long' }],
};

const assessmentPage: PageDecl = {
  id: 'assessment',
  section: 'details',
  applies: (state) => isNew(state) || state.action === 'change',
  title: 'apply.assessment.certificate.title',
  intro: ['apply.assessment.certificate.intro'],
  questions: [
    {
      kind: 'radios', name: 'hospital', label: 'apply.assessment.hospital', summary: 'apply.assessment.hospital.summary', hint: 'apply.assessment.hospital.hint', required: 'apply.assessment.hospital.required',
      options: (state, ctx) => hospitalsFor(state, ctx).map((h) => ({
        value: h.id, label: { literal: h.name }, hint: { literal: [h.address, h.note].filter(Boolean).join('。') },
      })),
    },
    { kind: 'radios', name: 'home_visit', label: 'apply.assessment.homeVisit', summary: 'apply.assessment.homeVisit.summary', required: 'apply.assessment.homeVisit.required', options: yesNoOptions('apply.needed', 'apply.notNeeded', { yes: 'apply.assessment.homeVisit.yes.hint' }) },
  ],
};

/** The agent comes after every page that can tell whether a guardian must apply. */
export const certificatePages: readonly PageDecl[] = [
  actionPage('certificate', 'apply.action.certificate.title', 'apply.action.certificate.required', 'apply.action.certificate.hint'),
  whoPage,
  holderCertificatePage,
  applicantPage({ askIdNumber: isNew, addresses: 'hukou' }),
  townshipPage,
  categoryPage,
  changePage,
  transferPage,
  agentPage,
  assessmentPage,
  declarationPage,
];
