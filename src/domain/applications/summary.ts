import { applyText, type ApplyKey } from '../../i18n/text/apply.ts';
import type { JourneyContext, JourneyState, PageDecl, PageId, Question } from './contract.ts';
import { answeredFields, optionsOf } from './derive.ts';
import { applicantFacts } from './facts.ts';
import { formatDate } from '../dates.ts';
import { pagesFor, savedValues } from './journey.ts';
import { JOURNEYS } from './registry.ts';
import { forOther, say, wordingFor, type Wording } from './wording.ts';

/**
 * The check-your-answers page, derived from the page declarations: a row per question asked,
 * under the section its page belongs to, each with the page that changes it. Rows of what the
 * person typed are marked, so they are shown exactly as written (never converted to Traditional).
 */
export interface SummaryRow {
  key: string;
  value: string[];
  /** The page to change this answer; absent for facts read from a number. */
  page?: PageId;
  /** The lines are what the person typed. */
  typed?: boolean;
}
export interface SummarySection {
  heading: string;
  rows: SummaryRow[];
}

const SECTION_HEADINGS: Record<PageDecl['section'], { self: ApplyKey; other: ApplyKey }> = {
  about: { self: 'apply.check.section.about', other: 'apply.check.section.about' },
  agent: { self: 'apply.check.section.agent', other: 'apply.check.section.agent' },
  person: { self: 'apply.check.section.personSelf', other: 'apply.check.section.personOther' },
  details: { self: 'apply.check.section.details', other: 'apply.check.section.details' },
  declaration: { self: 'apply.check.section.declaration', other: 'apply.check.section.declaration' },
};

function rowsOf(q: Question, page: PageId, state: JourneyState, ctx: JourneyContext, values: Record<string, unknown>, wording: Wording): SummaryRow[] {
  const key = say(q.summary ?? q.label, wording);
  const answer = values[q.name];
  switch (q.kind) {
    case 'radios':
    case 'checkboxes': {
      const options = optionsOf(q, state, ctx);
      const chosen = (Array.isArray(answer) ? answer : typeof answer === 'string' ? [answer] : []).map(String);
      const labels = chosen.map((c) => options.find((o) => o.value === c)).map((o, i) => (o ? say(o.label, wording) : chosen[i]!));
      return [{ key, value: labels.length ? labels : [applyText['apply.check.blank']], page }];
    }
    case 'checkbox':
      return [{ key, value: [answer === q.value ? say(q.checked, wording) : applyText['apply.check.blank']], page }];
    case 'text':
    case 'textarea':
      return typeof answer === 'string' && answer !== ''
        ? [{ key, value: [answer], page, typed: true }]
        : [{ key, value: [applyText['apply.check.blank']], page }];
  }
}

/** Birth date, sex, category and grade read from the numbers given: shown, never asked. */
function factRows(state: JourneyState, ctx: JourneyContext): SummaryRow[] {
  const facts = applicantFacts(state, ctx.today);
  const rows: SummaryRow[] = [];
  if (facts.birthDate) rows.push({ key: applyText['apply.check.fact.birthDate'], value: [formatDate(facts.birthDate)] });
  if (facts.sex) rows.push({ key: applyText['apply.check.fact.sex'], value: [applyText[facts.sex === 'male' ? 'apply.check.fact.male' : 'apply.check.fact.female']] });
  if (facts.certificateCategory) {
    const held = `${applyText[`apply.category.${facts.certificateCategory}` as ApplyKey]}${applyText[`apply.grade.${facts.certificateGrade}` as ApplyKey] ?? ''}`;
    rows.push({ key: applyText['apply.check.fact.categoryGrade'], value: [held] });
  }
  return rows;
}

export function summarise(state: JourneyState, ctx: JourneyContext): SummarySection[] {
  const wording = wordingFor(state, ctx);
  const other = forOther(state);
  const applicable = new Set(pagesFor(state, ctx));
  const sections = new Map<PageDecl['section'], SummaryRow[]>();
  for (const page of JOURNEYS[state.service]) {
    if (!applicable.has(page.id)) continue;
    const saved = savedValues(state, page.id);
    const rows = answeredFields(page, state, ctx, saved ?? {}).flatMap((q) => {
      const own = rowsOf(q, page.id, state, ctx, saved ?? {}, wording);
      return saved ? own : own.map((r) => ({ key: r.key, value: [applyText['apply.page.missing']], page: page.id }));
    });
    sections.set(page.section, [...(sections.get(page.section) ?? []), ...rows]);
  }
  sections.set('person', [...(sections.get('person') ?? []), ...factRows(state, ctx)]);
  const order: PageDecl['section'][] = ['about', 'agent', 'person', 'details', 'declaration'];
  return order
    .filter((s) => (sections.get(s) ?? []).length > 0)
    .map((s) => ({ heading: applyText[SECTION_HEADINGS[s][other ? 'other' : 'self']], rows: sections.get(s)! }));
}
