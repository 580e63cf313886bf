import { describe, expect, it } from 'vitest';
import { baseUrl } from './support.ts';
import { fillForm, Robot, servedForm, unescapeHtml, type Answers } from './form-robot.ts';
import { makeCertificate, makeIdNumber } from '../support/identities.ts';

/**
 * Every journey — each service and each of its actions — finished to the receipt, in Simplified
 * and in Traditional, by a robot that sends only what the served pages offer (form-robot.ts).
 * A Traditional page must offer option values the server accepts (hospitals, pickup points), and
 * what a person typed must come back exactly as typed: a name written in Simplified on a
 * Traditional page is not converted on its way through the error page or the check page.
 */
const SCRIPTS = [
  { name: 'Simplified', prefix: '', start: '开始申请' },
  { name: 'Traditional', prefix: '/zh-hant', start: '開始申請' },
] as const;

let sequence = 100;
const newId = (birth: string) => makeIdNumber(birth, String(sequence++).padStart(3, '0'), '340102');

interface Scenario {
  service: 'certificate' | 'assistive-devices' | 'transit-card';
  title: string;
  answers: () => Answers;
  /** Pages this journey must have gone through (those with the options a conversion could break). */
  through: string[];
}

const person = (id: string): Answers => ({
  name: '张晓燕',
  id_number: id,
  phone: '13912345678',
  hukou_address: '示例县人民路 12 号 3 单元',
  home_address: '示例县幸福路 8 号',
});

const SCENARIOS: Scenario[] = [
  ...(['new', 'renewal', 'replacement', 'damaged', 'change', 'transfer'] as const).map((action): Scenario => ({
    service: 'certificate',
    title: `残疾人证 ${action}`,
    through: action === 'new' || action === 'change' ? ['assessment'] : ['certificate'],
    answers: () => {
      const id = newId('1970-04-04');
      return {
        ...person(id), action, applying_for: 'self', certificate_number: makeCertificate(id, 4, 3), category: '4',
        change_kind: 'grade', from_region: '示例省示例市另一县', home_visit: 'no', confirm: 'yes',
      };
    },
  })),
  {
    service: 'assistive-devices',
    title: '辅助器具, holder, pickup',
    through: ['device', 'delivery'],
    answers: () => {
      const id = newId('1958-08-08');
      return { ...person(id), applying_for: 'self', has_certificate: 'yes', certificate_number: makeCertificate(id, 4, 2), devices: ['walker'], had_before: 'no', home_assessment: 'no', method: 'pickup', confirm: 'yes' };
    },
  },
  {
    service: 'assistive-devices',
    title: '辅助器具, a child without a certificate, through a guardian',
    through: ['agent', 'diagnosis', 'household', 'delivery'],
    answers: () => ({
      ...person(newId('2022-05-05')), applying_for: 'other', relationship: 'guardian', has_certificate: 'no',
      diagnosis_hospital: '示例市儿童医院', diagnosis: '双耳感音神经性听力损失', devices: ['hearing-aid'], had_before: 'no',
      economic_status: 'dibao', home_assessment: 'yes', method: 'pickup', confirm: 'yes',
    }),
  },
  ...(['new', 'replacement'] as const).map((action): Scenario => ({
    service: 'transit-card',
    title: `免费乘车卡 ${action}, lower limb`,
    through: ['certificate', 'pickup'],
    answers: () => {
      const id = newId('1966-06-16');
      return { ...person(id), action, certificate_number: makeCertificate(id, 4, 2), lower_limb: 'yes', applying_for: 'self', confirm: 'yes' };
    },
  })),
];

/** The agent page: the guardian's own details (asked only when applying for someone else). */
const AGENT: Answers = { name: '李建国', id_number: makeIdNumber('1985-09-09', '047'), phone: '13800001111' };

async function walk(robot: Robot, prefix: string, startLabel: string, scenario: Scenario) {
  const answers = scenario.answers();
  const start = await robot.get(`${prefix}/apply/${scenario.service}/`);
  expect(start.response.status).toBe(200);
  const link = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>\\s*${startLabel}`).exec(start.html);
  expect(link, 'the start page links to the first question').not.toBeNull();
  let path = unescapeHtml(link![1]!);
  const visited: string[] = [];
  for (let step = 0; step < 25; step++) {
    expect(path.startsWith(`${prefix}/`), `${path} stays in the script`).toBe(true);
    const page = await robot.get(path);
    expect(page.response.status, `GET ${path}`).toBe(200);
    visited.push(new URL(path, baseUrl).pathname.split('/').at(-2)!);
    const form = servedForm(page.html, new URL(path, baseUrl).href);
    expect(form, `${path} has a form`).not.toBeNull();
    let html = page.html;
    let current = form!;
    // A page may ask a follow-up question on the same page (the transit card's lower-limb question).
    for (let round = 0; round < 3; round++) {
      const own = visited.at(-1) === 'agent' ? { ...answers, ...AGENT } : answers;
      const sent = await robot.post(current.action, fillForm(current, own));
      if (sent.response.status === 303) {
        path = new URL(sent.response.headers.get('location')!, baseUrl).pathname + new URL(sent.response.headers.get('location')!, baseUrl).search;
        html = '';
        break;
      }
      const errors = [...sent.html.matchAll(/<a href="#f-[^"]*">([^<]*)<\/a>/g)].map((m) => unescapeHtml(m[1]!));
      expect(sent.response.status, `POST ${current.action}: ${errors.join('；') || 'no redirect'}`).toBe(200);
      html = sent.html;
      current = servedForm(html, new URL(current.action, baseUrl).href)!;
    }
    expect(html, `${path}: the page was answered`).toBe('');
    if (new URL(path, baseUrl).pathname.endsWith('/apply/receipt/')) break;
  }
  const receipt = await robot.get(path);
  expect(receipt.response.status).toBe(200);
  expect(new URL(path, baseUrl).pathname).toBe(`${prefix}/apply/receipt/`);
  const reference = /class="reference"[^>]*>(.*?)<\/p>/.exec(receipt.html)?.[1]?.replace(/<[^>]*>|\s/g, '');
  expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  return { visited, answers, receipt: receipt.html };
}

describe('every journey, to the receipt, in both scripts', () => {
  for (const script of SCRIPTS) {
    for (const scenario of SCENARIOS) {
      it(`${script.name}: ${scenario.title}`, async () => {
        const { visited, receipt } = await walk(new Robot(baseUrl), script.prefix, script.start, scenario);
        expect(visited.at(-1)).toBe('check');
        // The receipt promises this action's process: only new and changed certificates are assessed.
        if (scenario.service === 'certificate') {
          const assessed = scenario.title.endsWith('new') || scenario.title.endsWith('change');
          const timeline = /<ol class="timeline">([\s\S]*?)<\/ol>/.exec(receipt)?.[1] ?? '';
          expect(/医院|醫院/.test(timeline), `${scenario.title}: an assessment at a hospital on the receipt`).toBe(assessed);
          expect(/公示/.test(timeline.replace(/不公示|也不公示/g, '')), `${scenario.title}: a public notice on the receipt`).toBe(assessed);
        }
        expect(visited).toEqual(expect.arrayContaining(scenario.through));
      });
    }
  }

  it('a Simplified name typed on a Traditional page comes back exactly as typed, on the error page and the check page', async () => {
    const robot = new Robot(baseUrl);
    const id = newId('1975-05-15');
    const first = await robot.get('/zh-hant/apply/transit-card/certificate/');
    await robot.post(servedForm(first.html, `${baseUrl}/zh-hant/apply/transit-card/certificate/`)!.action, new URLSearchParams({ certificate_number: makeCertificate(id, 1, 1) }));
    for (const [page, body] of [['action', { action: 'new' }], ['who', { applying_for: 'self' }]] as const) {
      const sent = await robot.post(`/zh-hant/apply/transit-card/${page}/`, new URLSearchParams(body));
      expect(sent.response.status).toBe(303);
    }
    // The phone is wrong: the page comes back with the name as typed, in Simplified.
    const wrong = await robot.post('/zh-hant/apply/transit-card/applicant/', new URLSearchParams({ name: '张晓燕', phone: '123' }));
    expect(wrong.response.status).toBe(422);
    expect(wrong.html).toContain('value="张晓燕"');
    expect(wrong.html).not.toContain('value="張曉燕"');
    const fixed = await robot.post('/zh-hant/apply/transit-card/applicant/', fillForm(servedForm(wrong.html, `${baseUrl}/zh-hant/apply/transit-card/applicant/`)!, { phone: '13912345678' }));
    expect(fixed.response.status).toBe(303);
    for (const page of ['pickup', 'declaration']) {
      const served = await robot.get(`/zh-hant/apply/transit-card/${page}/`);
      await robot.post(`/zh-hant/apply/transit-card/${page}/`, fillForm(servedForm(served.html, `${baseUrl}/zh-hant/apply/transit-card/${page}/`)!, { confirm: 'yes' }));
    }
    const check = await robot.get('/zh-hant/apply/transit-card/check/');
    expect(check.response.status).toBe(200);
    expect(check.html).toContain('张晓燕');
    expect(check.html).not.toContain('張曉燕');
    // The page around it is Traditional.
    expect(check.html).toContain('lang="zh-Hant"');
    expect(check.html).toContain('核對');
  });
});
