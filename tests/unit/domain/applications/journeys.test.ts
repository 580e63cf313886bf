import { describe, expect, it } from 'vitest';
import { site, testContext } from '../../../support/journey.ts';
import { firstIncomplete, inapplicablePages, nextPage, pagesFor, parsePage, reviewJourney, withPage } from '../../../../src/domain/applications/journey.ts';
import { transitOutcome } from '../../../../src/domain/applications/services/transit-card.ts';
import type { JourneyState, PageId, PageValues } from '../../../../src/domain/applications/contract.ts';
import { validateWholeApplication } from '../../../../src/domain/applications/whole-application.ts';
import { ADULT_ID, CHILD_ID, GUARDIAN_ID, MINOR_ID, makeCertificate } from '../../../support/identities.ts';

const ctx = testContext();

function walk(service: JourneyState['service'], pages: Partial<Record<PageId, PageValues>>): JourneyState {
  let state: JourneyState = { service, action: null, answers: {} };
  for (const [page, input] of Object.entries(pages) as [PageId, PageValues][]) {
    const result = parsePage(service, page, input, state, ctx);
    if (!result.ok) throw new Error(`${page}: ${JSON.stringify(result.errors)}`);
    state = withPage(state, page, result.values);
  }
  return state;
}

const hospital = site.assessmentHospitals[0]!.id;

describe('残疾人证 journey', () => {
  it('a new application for oneself asks the ID number, category and assessment, never birth date or sex', () => {
    const state = walk('certificate', {
      action: { action: 'new' },
      who: { applying_for: 'self' },
      applicant: { name: '张𠮷', id_number: ADULT_ID.toLowerCase(), phone: '13912345678', hukou_address: '示例县人民路 1 号 2 单元' },
      township: { township: 'chengguan' },
      category: { category: '4' },
      assessment: { hospital, home_visit: 'yes' },
      declaration: { confirm: 'yes' },
    });
    expect(pagesFor(state, ctx)).toEqual(['action', 'who', 'applicant', 'township', 'category', 'assessment', 'declaration']);
    expect(state.answers.applicant).toEqual({ name: '张𠮷', id_number: ADULT_ID, phone: '13912345678', hukou_address: '示例县人民路 1 号 2 单元' });
    expect(reviewJourney(state, ctx)).toMatchObject({ complete: true, problems: [] });
  });

  it('a renewal takes the certificate number instead of the ID number and skips the assessment', () => {
    const state = walk('certificate', { action: { action: 'renewal' }, who: { applying_for: 'self' } });
    expect(pagesFor(state, ctx)).toEqual(['action', 'who', 'certificate', 'applicant', 'township', 'declaration']);
    const applicant = parsePage('certificate', 'applicant', { name: '李四', phone: '0551-12345678', hukou_address: '示例县人民路 1 号' }, state, ctx);
    expect(applicant).toEqual({ ok: true, values: { name: '李四', phone: '055112345678', hukou_address: '示例县人民路 1 号' } });
  });

  it('a change of category asks the new category and checks it differs', () => {
    const state = walk('certificate', { action: { action: 'change' }, who: { applying_for: 'self' }, certificate: { certificate_number: makeCertificate(ADULT_ID, 4, 3) } });
    expect(pagesFor(state, ctx)).toContain('change');
    expect(parsePage('certificate', 'change', { change_kind: 'category' }, state, ctx)).toEqual({ ok: false, errors: [{ field: 'new_category', message: '请选择变更后的残疾类别' }], valid: { change_kind: 'category' } });
    expect(parsePage('certificate', 'change', { change_kind: 'category', new_category: '4' }, state, ctx)).toMatchObject({ ok: false, errors: [{ field: 'new_category' }] });
    expect(parsePage('certificate', 'change', { change_kind: 'grade', new_category: '9', reason: ' 病情加重 ' }, state, ctx)).toEqual({ ok: true, values: { change_kind: 'grade', reason: '病情加重' } });
  });

  it('lists every problem on a page in order, one message per field', () => {
    const state = walk('certificate', { action: { action: 'new' }, who: { applying_for: 'self' } });
    const result = parsePage('certificate', 'applicant', { name: 'Bob', id_number: '123', phone: '', hukou_address: '' }, state, ctx);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'name', message: '姓名只能用汉字；少数民族姓名中间的点请用“·”' },
        { field: 'id_number', message: '身份证号应该是 18 位，请检查是否多写或少写' },
        { field: 'phone', message: '请输入电话号码' },
        { field: 'hukou_address', message: '请输入地址' },
      ],
      valid: {},
    });
  });

  it('a minor cannot apply for themselves; the guardian applies', () => {
    const self = walk('certificate', { action: { action: 'new' }, who: { applying_for: 'self' } });
    const result = parsePage('certificate', 'applicant', { name: '王小明', id_number: MINOR_ID, phone: '13912345678', hukou_address: '示例县人民路 1 号' }, self, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/未满 18 周岁.*监护人/);

    const other = walk('certificate', { action: { action: 'new' }, who: { applying_for: 'other' } });
    expect(pagesFor(other, ctx)).toContain('agent');
    const family = parsePage('certificate', 'agent', { name: '王大明', relationship: 'family', id_number: GUARDIAN_ID, phone: '13912345678' }, other, ctx);
    expect(family.ok).toBe(true); // not known yet that the applicant is a minor
    const withAgent = withPage(other, 'agent', family.ok ? family.values : {});
    const withApplicant = walk('certificate', {
      action: { action: 'new' }, who: { applying_for: 'other' },
      agent: { name: '王大明', relationship: 'family', id_number: GUARDIAN_ID, phone: '13912345678' },
      applicant: { name: '王小明', id_number: MINOR_ID, hukou_address: '示例县人民路 1 号' },
      township: { township: 'chengguan' },
      category: { category: '2' }, assessment: { hospital, home_visit: 'no' }, declaration: { confirm: 'yes' },
    });
    void withAgent;
    const review = reviewJourney(withApplicant, ctx);
    expect(review.complete).toBe(false);
    expect(review.problems).toEqual([expect.objectContaining({ page: 'agent', field: 'relationship' })]);
    // Once known, the agent page itself refuses anything but a guardian.
    expect(parsePage('certificate', 'agent', { name: '王大明', relationship: 'officer', id_number: GUARDIAN_ID, phone: '13912345678' }, withApplicant, ctx))
      .toMatchObject({ ok: false, errors: [{ field: 'relationship' }] });
  });

  it('intellectual or mental disability needs a guardian too', () => {
    const self = walk('certificate', { action: { action: 'new' }, who: { applying_for: 'self' } });
    expect(parsePage('certificate', 'category', { category: '6' }, self, ctx)).toMatchObject({ ok: false, errors: [{ field: 'category' }] });
    const holder = walk('certificate', { action: { action: 'renewal' }, who: { applying_for: 'self' } });
    expect(parsePage('certificate', 'certificate', { certificate_number: makeCertificate(ADULT_ID, 5, 2) }, holder, ctx)).toMatchObject({ ok: false, errors: [{ field: 'certificate_number' }] });
  });

  it('switching to “for myself” leaves the agent answers to be removed', () => {
    const state = walk('certificate', {
      action: { action: 'new' }, who: { applying_for: 'other' },
      agent: { name: '王大明', relationship: 'family', id_number: GUARDIAN_ID, phone: '13912345678' },
    });
    const switched = withPage(state, 'who', { applying_for: 'self' });
    expect(inapplicablePages(switched, ctx)).toEqual(['agent']);
  });

  it('returns to the check page after a change unless the change opened an unanswered page', () => {
    const state = walk('certificate', {
      action: { action: 'new' }, who: { applying_for: 'self' },
      applicant: { name: '张三', id_number: ADULT_ID, phone: '13912345678', hukou_address: '示例县人民路 1 号' },
      township: { township: 'chengguan' },
      category: { category: '4' }, assessment: { hospital, home_visit: 'yes' }, declaration: { confirm: 'yes' },
    });
    expect(nextPage(state, ctx, 'category', true)).toBe('check');
    expect(nextPage(state, ctx, 'category', false)).toBe('assessment');
    const other = withPage(state, 'who', { applying_for: 'other' });
    expect(nextPage(other, ctx, 'who', true)).toBe('agent');
    expect(firstIncomplete(other, ctx)).toBe('agent');
  });
});

describe('辅助器具 journey', () => {
  it('a child of 0–6 without a certificate applies with a diagnosis, through a guardian', () => {
    const state = walk('assistive-devices', {
      who: { applying_for: 'other' },
      agent: { name: '赵丽', relationship: 'guardian', id_number: GUARDIAN_ID, phone: '13812345678' },
      certificate: { has_certificate: 'no', certificate_number: 'ignored when there is none' },
      applicant: { name: '赵小宝', id_number: CHILD_ID, home_address: '示例县幸福路 8 号 3 栋' },
      township: { township: 'chengguan' },
      diagnosis: { diagnosis_hospital: '示例市儿童医院', diagnosis: '双耳感音神经性听力损失' },
      device: { devices: 'hearing-aid' },
      previous: { had_before: 'no' },
      household: { economic_status: 'dibao' },
      assessment: { home_assessment: 'no' },
      delivery: { method: 'pickup', pickup_point: site.pickupPoints.find((p) => p.id === 'device-centre')!.id },
      declaration: { confirm: 'yes' },
    });
    expect(state.answers.certificate).toEqual({ has_certificate: 'no' });
    expect(state.answers.device).toEqual({ devices: ['hearing-aid'] });
    expect(reviewJourney(state, ctx).complete).toBe(true);
  });

  it('refuses the no-certificate path for anyone over 6, and asks household status only for means-tested items', () => {
    const state = walk('assistive-devices', { who: { applying_for: 'other' }, certificate: { has_certificate: 'no' } });
    expect(parsePage('assistive-devices', 'applicant', { name: '赵大宝', id_number: MINOR_ID, home_address: '示例县幸福路 8 号' }, state, ctx))
      .toMatchObject({ ok: false, errors: [{ field: 'id_number', message: expect.stringContaining('0 至 6 岁') }] });
    const holder = walk('assistive-devices', { who: { applying_for: 'self' }, certificate: { has_certificate: 'yes', certificate_number: makeCertificate(ADULT_ID, 4, 2) }, device: { devices: ['walker', 'crutches'] } });
    expect(pagesFor(holder, ctx)).not.toContain('household');
    expect(pagesFor(withPage(holder, 'device', { devices: ['care-wheelchair'] }), ctx)).toContain('household');
  });

  it('checks the device choice against the catalogue and the per-application limit', () => {
    const state = walk('assistive-devices', { who: { applying_for: 'self' } });
    const errorOf = (devices: unknown) => {
      const r = parsePage('assistive-devices', 'device', { devices }, state, ctx);
      return r.ok ? null : r.errors[0]!.message;
    };
    expect(errorOf(undefined)).toBe('请至少选择一种辅助器具');
    expect(errorOf(['rocket'])).toBe('请从目录中选择辅助器具');
    expect(errorOf(['walker', 'walker'])).toBe('同一种器具只需要选一次');
    expect(errorOf(['walker', 'crutches', 'magnifier', 'white-cane'])).toBe('每次最多申请 3 种辅助器具');
    expect(errorOf([42])).toBe('请从目录中选择辅助器具');
  });
});

describe('免费乘车卡 eligibility (seed 001: 视力一、二级, 下肢一至四级)', () => {
  it.each([
    [1, 1, undefined, 'eligible'],
    [1, 2, undefined, 'eligible'],
    [1, 3, undefined, 'not-eligible'],
    [2, 1, undefined, 'not-eligible'],
    [4, 4, undefined, 'ask-lower-limb'],
    [4, 4, 'yes', 'eligible'],
    [4, 1, 'no', 'not-eligible'],
    [7, 1, undefined, 'not-eligible'],
  ] as const)('category %i grade %i, lower limb %s → %s', (category, grade, lowerLimb, result) => {
    const values: PageValues = { certificate_number: makeCertificate(ADULT_ID, category, grade) };
    if (lowerLimb) values['lower_limb'] = lowerLimb;
    expect(transitOutcome(values, ctx)?.result).toBe(result);
  });
});

describe('whole applications (JSON API)', () => {
  const transit = {
    service: 'transit-card',
    action: 'new',
    answers: {
      certificate: { certificate_number: makeCertificate(ADULT_ID, 1, 2) },
      who: { applying_for: 'self' },
      applicant: { name: '孙盲', phone: '13712345678' },
      township: { township: 'chengguan' },
      pickup: { pickup_point: site.pickupPoints.find((p) => p.id === 'bus-card-centre')!.id },
      declaration: { confirm: 'yes' },
    },
  };

  it('accepts a complete application and normalises it', () => {
    const result = validateWholeApplication(transit, ctx);
    expect(result).toMatchObject({ ok: true, value: { service: 'transit-card', action: 'new' } });
  });

  it('names every bad field by path', () => {
    const result = validateWholeApplication({ ...transit, answers: { ...transit.answers, applicant: { name: 42, phone: '123', extra: 'x' } } }, ctx);
    expect(result).toEqual({ ok: false, errors: [
      { field: 'answers.applicant.name', message: '请输入姓名' },
      { field: 'answers.applicant.phone', message: '请输入 11 位手机号，或带区号的座机号码，例如 0551-12345678' },
    ] });
  });

  it('refuses unknown pages and fields, pages that do not apply, and ineligible cards', () => {
    expect(validateWholeApplication({ ...transit, answers: { ...transit.answers, agent: { name: '张三' } } }, ctx)).toMatchObject({ ok: false, errors: [{ field: 'answers.agent' }] });
    expect(validateWholeApplication({ ...transit, hack: 1 }, ctx)).toMatchObject({ ok: false, errors: [{ field: 'hack' }] });
    expect(validateWholeApplication({ ...transit, answers: { ...transit.answers, certificate: { certificate_number: makeCertificate(ADULT_ID, 2, 1) } } }, ctx))
      .toMatchObject({ ok: false, errors: [{ field: 'answers.certificate.certificate_number' }] });
    expect(validateWholeApplication({ ...transit, answers: { ...transit.answers, certificate: { certificate_number: makeCertificate(ADULT_ID, 4, 1) } } }, ctx))
      .toMatchObject({ ok: false, errors: [{ field: 'answers.certificate.lower_limb' }] });
    expect(validateWholeApplication({ service: 'passport' }, ctx)).toMatchObject({ ok: false, errors: [{ field: 'service' }] });
    expect(validateWholeApplication([], ctx)).toMatchObject({ ok: false });
  });

  it('reports missing pages', () => {
    const result = validateWholeApplication({ service: 'certificate', action: 'new', answers: { who: { applying_for: 'self' } } }, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([
      'answers.applicant.name', 'answers.applicant.id_number', 'answers.applicant.phone', 'answers.applicant.hukou_address',
      'answers.township.township', 'answers.category.category', 'answers.assessment.hospital', 'answers.assessment.home_visit', 'answers.declaration.confirm',
    ]);
  });
});

describe('text that cannot be stored', () => {
  it('refuses half of a surrogate pair in free text, keeps whole characters outside the BMP', () => {
    const state = walk('certificate', { action: { action: 'transfer' }, who: { applying_for: 'self' } });
    expect(parsePage('certificate', 'transfer', { from_region: '某某省\uD842某某县' }, state, ctx)).toMatchObject({ ok: false, errors: [{ field: 'from_region', message: expect.stringContaining('无法识别的字符') }] });
    expect(parsePage('certificate', 'transfer', { from_region: '某某省𠮷某某县' }, state, ctx)).toMatchObject({ ok: true });
    const devices = walk('assistive-devices', { who: { applying_for: 'self' } });
    expect(parsePage('assistive-devices', 'device', { devices: ['walker'], needs: '\uDC00' }, devices, ctx)).toMatchObject({ ok: false, errors: [{ field: 'needs' }] });
  });
});
