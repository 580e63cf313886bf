import { describe, expect, it } from 'vitest';
import { applyText } from '../../../../src/i18n/text/apply.ts';
import { SERVICE_IDS, type JourneyState } from '../../../../src/domain/applications/contract.ts';
import { JOURNEYS } from '../../../../src/domain/applications/registry.ts';
import { pageView, questionOrder } from '../../../../src/domain/applications/view.ts';
import { summarise } from '../../../../src/domain/applications/summary.ts';
import { wordingFor } from '../../../../src/domain/applications/wording.ts';
import { ADULT_ID, CHILD_ID, makeCertificate } from '../../../support/identities.ts';
import { testContext } from '../../../support/journey.ts';

/**
 * The question pages and the check page are derived from the page declarations: every page of
 * every journey has words for every question, every option and every hint, in both ways of
 * speaking (for oneself, for someone else), and the GOV.UK heading rules hold.
 */
const ctx = testContext();
const states = (service: JourneyState['service']): JourneyState[] => {
  const certificate: Record<string, string> = service === 'assistive-devices'
    ? { has_certificate: 'yes', certificate_number: makeCertificate(ADULT_ID, 4, 2) }
    : { certificate_number: makeCertificate(ADULT_ID, 4, 2), lower_limb: 'yes' };
  return ['self', 'other'].flatMap((who) => ['new', 'renewal', 'change', 'transfer', 'replacement'].map((action) => ({
    service, action: service === 'assistive-devices' ? null : action, answers: { who: { applying_for: who }, certificate },
  })));
};

describe('question pages derived from the declarations', () => {
  for (const service of SERVICE_IDS) {
    it(`${service}: every page has a title, and every question a label and its options`, () => {
      for (const state of states(service)) {
        for (const page of JOURNEYS[service]) {
          if (!page.applies(state, ctx)) continue;
          const view = pageView(page, state, ctx, {});
          const where = `${service}/${page.id} (${state.action}, ${state.answers.who?.['applying_for']})`;
          expect(view.title, where).not.toMatch(/^\s*$|\{|apply\./);
          for (const text of [...view.intro, ...JSON.stringify(view.questions).match(/"(legend|label|hint)":"[^"]*"/g) ?? []]) {
            expect(text, where).not.toMatch(/\{\w+\}|apply\./);
          }
          for (const q of view.questions) {
            if ('options' in q) expect(q.options.length, `${where} ${q.name}`).toBeGreaterThan(0);
          }
          // GOV.UK: the question is the h1 only when the page asks just that and says nothing before it.
          if (view.questionIsHeading) {
            expect(view.questions).toHaveLength(1);
            expect(view.intro).toEqual([]);
          } else if (view.questions.length === 1) {
            const q = view.questions[0]!;
            expect('legend' in q ? q.legend : q.label, `${where}: a page with an introduction keeps its own h1`).toBeDefined();
          }
        }
      }
    });
  }

  it('speaks to the applicant as 您, and of the applicant as 申请人 when someone else applies', () => {
    const page = JOURNEYS['transit-card'].find((p) => p.id === 'certificate')!;
    const self = pageView(page, { service: 'transit-card', action: null, answers: { who: { applying_for: 'self' } } }, ctx, {});
    const other = pageView(page, { service: 'transit-card', action: null, answers: { who: { applying_for: 'other' } } }, ctx, {});
    expect(self.questions[0]).toMatchObject({ label: '您的残疾人证号是多少？' });
    expect(other.questions[0]).toMatchObject({ label: '申请人的残疾人证号是多少？' });
  });

  it('the devices page does not repeat its question as h1 and legend', () => {
    const page = JOURNEYS['assistive-devices'].find((p) => p.id === 'device')!;
    const view = pageView(page, states('assistive-devices')[0]!, ctx, {});
    expect(view.questionIsHeading).toBe(false);
    expect(view.title).toBe('辅助器具');
    expect(view.questions[0]).toMatchObject({ legend: '需要哪些辅助器具？' });
  });

  it('offers hospitals and pickup points by id, each service only its own pickup points', () => {
    const transit = pageView(JOURNEYS['transit-card'].find((p) => p.id === 'pickup')!, states('transit-card')[0]!, ctx, {});
    const values = (transit.questions[0] as { options: { value: string }[] }).options.map((o) => o.value);
    expect(values).toEqual(['service-hall', 'bus-card-centre']);
    const delivery = pageView(JOURNEYS['assistive-devices'].find((p) => p.id === 'delivery')!, states('assistive-devices')[0]!, ctx, { method: 'pickup' });
    const follow = (delivery.questions[0] as { options: { value: string; conditional?: { name: string; options?: { value: string }[] }[] }[] }).options[1]!.conditional![0]!;
    expect(follow.options!.map((o) => o.value)).toEqual(['service-hall', 'device-centre']);
  });

  it('prefills the delivery address from the home address (never ask twice)', () => {
    const page = JOURNEYS['assistive-devices'].find((p) => p.id === 'delivery')!;
    const state: JourneyState = { service: 'assistive-devices', action: null, answers: { applicant: { home_address: '示例县幸福路 8 号' } } };
    expect(pageView(page, state, ctx, {}).values['delivery_address']).toBe('示例县幸福路 8 号');
    expect(pageView(page, state, ctx, { delivery_address: '另一个地址 1 号' }).values['delivery_address']).toBe('另一个地址 1 号');
  });

  it('lists the fields in page order, follow-ups under their option', () => {
    const page = JOURNEYS['certificate'].find((p) => p.id === 'change')!;
    expect(questionOrder(pageView(page, states('certificate')[2]!, ctx, {}).questions)).toEqual(['change_kind', 'new_category', 'reason']);
  });

  it('every placeholder in the journey wording is one the journeys fill', () => {
    // {description} and {years} are the catalogue's, filled where the device options are made.
    const known = new Set([...Object.keys(wordingFor({ service: 'certificate', action: null, answers: {} }, ctx)), 'max', 'description', 'years']);
    for (const [key, text] of Object.entries(applyText)) {
      for (const [, name] of text.matchAll(/\{(\w+)\}/g)) expect(known.has(name!), `${key}: {${name}}`).toBe(true);
    }
  });
});

describe('the check page derived from the declarations', () => {
  it('has a row per question asked, typed answers marked, facts read from the numbers', () => {
    const state: JourneyState = {
      service: 'assistive-devices', action: null,
      answers: {
        who: { applying_for: 'other' },
        certificate: { has_certificate: 'no' },
        applicant: { name: '赵小宝', id_number: CHILD_ID, home_address: '示例县幸福路 8 号' },
        delivery: { method: 'delivery', delivery_address: '示例县幸福路 8 号' },
      },
    };
    const sections = summarise(state, ctx);
    expect(sections.map((s) => s.heading)).toEqual(['申请事项', '代办人（您）', '申请人', '申请内容', '承诺']);
    const rows = Object.fromEntries(sections.flatMap((s) => s.rows).map((r) => [r.key, r]));
    expect(rows['残疾人证']).toMatchObject({ value: ['没有'], page: 'certificate' });
    expect(rows['姓名']).toMatchObject({ value: ['赵小宝'], page: 'applicant', typed: true });
    expect(rows['出生日期（从证号读出）']).toMatchObject({ value: ['2022年2月10日'] });
    expect(rows['出生日期（从证号读出）']!.page).toBeUndefined();
    expect(rows['交付方式']).toMatchObject({ value: ['送货上门'] });
    expect(rows['送货地址']).toMatchObject({ value: ['示例县幸福路 8 号'], typed: true });
    expect(rows['辅助器具']).toMatchObject({ value: ['还没有填写'] });
  });
});
