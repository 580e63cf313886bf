import { describe, expect, it } from 'vitest';
import { APPLICANT_LAST4, baseUrl, newClientIp, post, transitApplication } from './support.ts';
import { fillForm, Robot, servedForm, unescapeHtml, type Answers } from './form-robot.ts';
import { makeCertificate, makeIdNumber } from '../support/identities.ts';

/**
 * The hourly limits per client on the web forms (intake.policy: 20 new drafts, 10 applications),
 * over HTTP against the served build, by robots that all come from one address: over the limit the
 * page answers 429 with Retry-After, in Chinese, says when to try again and keeps every answer.
 * And the status page under a stranger's wrong guesses: he locks out only himself.
 */
let sequence = 300;
const newId = () => makeIdNumber('1966-06-16', String(sequence++).padStart(3, '0'), '340102');

const answersFor = (id: string): Answers => ({
  action: 'new', certificate_number: makeCertificate(id, 4, 2), lower_limb: 'yes', applying_for: 'self',
  name: '张晓燕', phone: '13912345678', confirm: 'yes',
});

const location = (response: Response) => {
  const to = new URL(response.headers.get('location')!, baseUrl);
  return to.pathname + to.search;
};

/** A free transit card from its first page to the check page (not submitted). */
async function toCheckPage(robot: Robot): Promise<{ path: string; html: string }> {
  const answers = answersFor(newId());
  let path = '/apply/transit-card/certificate/';
  for (let step = 0; step < 15 && !path.endsWith('/check/'); step++) {
    let page = await robot.get(path);
    expect(page.response.status, `GET ${path}`).toBe(200);
    for (let round = 0; round < 3; round++) {
      const form = servedForm(page.html, new URL(path, baseUrl).href)!;
      const sent = await robot.post(form.action, fillForm(form, answers));
      if (sent.response.status === 303) {
        path = location(sent.response);
        break;
      }
      expect(sent.response.status, `POST ${form.action}`).toBe(200); // a follow-up question
      page = sent;
    }
  }
  expect(path).toBe('/apply/transit-card/check/');
  return { path, html: (await robot.get(path)).html };
}

const retryAfter = (response: Response) => Number(response.headers.get('retry-after'));

describe('one address starting too many applications', () => {
  it('gets 20 an hour; the 21st first page answers 429, says when, and keeps what was chosen', async () => {
    const address = newClientIp();
    const from = { 'X-Nf-Client-Connection-Ip': address };
    for (let i = 0; i < 20; i++) {
      const sent = await new Robot(baseUrl, from).post('/apply/certificate/action/', new URLSearchParams({ action: 'renewal', intent: 'continue' }));
      expect(sent.response.status, `draft ${i + 1}`).toBe(303);
    }
    const robot = new Robot(baseUrl, from);
    const refused = await robot.post('/apply/certificate/action/', new URLSearchParams({ action: 'renewal', intent: 'continue' }));
    expect(refused.response.status).toBe(429);
    expect(retryAfter(refused.response)).toBeGreaterThan(3600 - 120);
    expect(retryAfter(refused.response)).toBeLessThanOrEqual(3600);
    const text = unescapeHtml(refused.html.replace(/<[^>]+>/g, ''));
    expect(text).toContain('现在不能开始新的申请');
    expect(text).toMatch(/60 分钟内开始的申请太多了（最多 20 份）。您填写的内容都还在下面，请 (59|60) 分钟后再点“继续”/);
    expect(servedForm(refused.html, `${baseUrl}/apply/certificate/action/`)!.controls.find((c) => c.value === 'renewal')?.checked).toBe(true);
    expect(robot.jar.names()).not.toContain('draft-certificate');
    // Another address is not affected.
    expect((await new Robot(baseUrl).post('/apply/certificate/action/', new URLSearchParams({ action: 'renewal' }))).response.status).toBe(303);
  });
});

describe('one address submitting too many applications', () => {
  it('gets 10 an hour; the 11th check page answers 429 with the answers and its token kept, and says when', async () => {
    const from = { 'X-Nf-Client-Connection-Ip': newClientIp() };
    for (let i = 0; i < 10; i++) {
      const robot = new Robot(baseUrl, from);
      const check = await toCheckPage(robot);
      const sent = await robot.post(check.path, fillForm(servedForm(check.html, `${baseUrl}${check.path}`)!, {}));
      expect(sent.response.status, `application ${i + 1}`).toBe(303);
      expect(location(sent.response)).toMatch(/^\/apply\/receipt\/\?t=/);
    }
    const robot = new Robot(baseUrl, from);
    const check = await toCheckPage(robot);
    const form = servedForm(check.html, `${baseUrl}${check.path}`)!;
    const token = form.controls.find((c) => c.name === 'client_token')!.value;
    const refused = await robot.post(check.path, fillForm(form, {}));
    expect(refused.response.status).toBe(429);
    expect(retryAfter(refused.response)).toBeGreaterThan(3600 - 300);
    const text = unescapeHtml(refused.html.replace(/<[^>]+>/g, ''));
    expect(refused.html).toMatch(/<title>错误：/);
    expect(text).toContain('提交没有成功');
    expect(text).toMatch(/60 分钟内提交的申请太多了（最多 10 份）。您的答案都已保存。请 \d+ 分钟后再点“提交申请”，不会重复提交/);
    expect(text).toContain('张晓燕');
    expect(servedForm(refused.html, `${baseUrl}${check.path}`)!.controls.find((c) => c.name === 'client_token')!.value).toBe(token);
    // The draft is still there: the same page opens with every answer.
    const again = await robot.get(check.path);
    expect(again.response.status).toBe(200);
    expect(unescapeHtml(again.html)).toContain('张晓燕');
  });
});

describe('the status page and a stranger who knows the reference', () => {
  const ask = (robot: Robot, reference: string, fact: string) =>
    robot.post('/status/', new URLSearchParams({ reference, fact }));

  it('refuses him after 3 wrong facts (429, until when, in Chinese), while the owner still sees the status', async () => {
    const owner = newClientIp();
    const { reference } = await (await post(transitApplication(), { clientIp: owner })).json();
    const stranger = new Robot(baseUrl, { 'X-Nf-Client-Connection-Ip': newClientIp() });
    for (let i = 0; i < 3; i++) expect((await ask(stranger, reference, '0000')).response.status).toBe(422);
    const refused = await ask(stranger, reference, APPLICANT_LAST4);
    expect(refused.response.status).toBe(429);
    expect(retryAfter(refused.response)).toBeGreaterThan(86_400 - 300);
    const text = unescapeHtml(refused.html.replace(/<[^>]+>/g, ''));
    expect(text).toMatch(/这个申请编号今天查询失败的次数太多。为了保护申请人的信息，这里暂停查询，2[34] 小时后可以再试/);
    expect(servedForm(refused.html, `${baseUrl}/status/`)!.controls.find((c) => c.name === 'reference')?.value).toBe(reference);
    // The owner, from home and from a phone never used before.
    for (const address of [owner, newClientIp()]) {
      const seen = await ask(new Robot(baseUrl, { 'X-Nf-Client-Connection-Ip': address }), reference, APPLICANT_LAST4);
      expect(seen.response.status).toBe(200);
      expect(unescapeHtml(seen.html)).toContain(`申请编号 ${reference}`);
    }
  });
});
