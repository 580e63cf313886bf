import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { applicantFacts } from '../../domain/applications/facts.ts';
import { pagesFor, savedValues } from '../../domain/applications/journey.ts';
import type { JourneyContext } from '../../domain/applications/steps.ts';
import {
  ACTION_LABELS,
  CATEGORY_LABELS,
  ECONOMIC_STATUS_LABELS,
  GRADE_LABELS,
  RELATIONSHIP_LABELS,
  type JourneyState,
  type PageId,
} from '../../domain/applications/services.ts';
import { forOther, placeName } from './views.ts';

/** The check-your-answers page: sections of rows; each row knows the page that changes it. */
export interface SummaryRow {
  key: string;
  value: string[];
  /** The page to change this answer; absent for facts derived from a number. */
  page?: PageId;
  /** The lines are what the person typed: shown exactly as written, never converted to Traditional. */
  typed?: boolean;
}
export interface SummarySection {
  heading: string;
  rows: SummaryRow[];
}

const NOT_ANSWERED = '还没有填写';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function summarise(state: JourneyState, ctx: JourneyContext, site: SiteConfig): SummarySection[] {
  const pages = new Set(pagesFor(state, ctx));
  const other = forOther(state);
  const facts = applicantFacts(state, ctx.today);
  const a = state.answers;
  const row = (page: PageId, key: string, value: string | string[] | undefined): SummaryRow => ({
    key,
    value: savedValues(state, page) === undefined ? [NOT_ANSWERED] : Array.isArray(value) ? value : [value || '（未填写）'],
    page,
  });
  /** A row of typed text (a name, a number, an address): kept as written when it was answered. */
  const typed = (page: PageId, key: string, value: string): SummaryRow => {
    const r = row(page, key, value);
    return savedValues(state, page) !== undefined && value ? { ...r, typed: true } : r;
  };
  const sections: SummarySection[] = [];

  const about: SummaryRow[] = [];
  if (pages.has('action')) about.push(row('action', '业务', ACTION_LABELS[state.service][state.action ?? ''] ?? ''));
  about.push(row('who', '为谁申请', a.who ? (other ? '为他人申请' : '为自己申请') : undefined));
  sections.push({ heading: '申请事项', rows: about });

  if (pages.has('agent')) {
    const g = a.agent ?? {};
    sections.push({
      heading: '代办人（您）',
      rows: [
        typed('agent', '姓名', str(g['name'])),
        row('agent', '和申请人的关系', RELATIONSHIP_LABELS[str(g['relationship']) as keyof typeof RELATIONSHIP_LABELS] ?? ''),
        typed('agent', '身份证号', str(g['id_number'])),
        typed('agent', '电话', str(g['phone'])),
      ],
    });
  }

  const person: SummaryRow[] = [];
  const p = a.applicant ?? {};
  person.push(typed('applicant', '姓名', str(p['name'])));
  if (pages.has('certificate')) {
    const c = a.certificate ?? {};
    if (state.service === 'assistive-devices') {
      person.push(row('certificate', '残疾人证', c['has_certificate'] === 'no' ? '没有（0 至 6 岁儿童，凭诊断申请）' : str(c['certificate_number'])));
    } else {
      person.push(typed('certificate', '残疾人证号', str(c['certificate_number'])));
      if (c['lower_limb']) person.push(row('certificate', '残疾部位在下肢', c['lower_limb'] === 'yes' ? '是' : '不是'));
    }
  }
  if (p['id_number']) person.push(typed('applicant', '身份证号', str(p['id_number'])));
  if (facts.birthDate) person.push({ key: '出生日期（从证号读出）', value: [formatDate(facts.birthDate)] });
  if (facts.sex) person.push({ key: '性别（从证号读出）', value: [facts.sex === 'male' ? '男' : '女'] });
  if (facts.certificateCategory) {
    person.push({ key: '残疾类别和等级（从证号读出）', value: [`${CATEGORY_LABELS[facts.certificateCategory]}${GRADE_LABELS[facts.certificateGrade ?? ''] ?? ''}`] });
  }
  person.push(typed('applicant', other ? '申请人的电话' : '电话', str(p['phone'])));
  if ('hukou_address' in p || (state.service === 'certificate' && !a.applicant)) person.push(typed('applicant', '户籍地址', str(p['hukou_address'])));
  if (p['home_address'] || state.service === 'assistive-devices') person.push(typed('applicant', '现居住地址', str(p['home_address'])));
  sections.push({ heading: other ? '申请人' : '您的信息', rows: person });

  const details: SummaryRow[] = [];
  if (pages.has('category')) details.push(row('category', '申请评定的类别', CATEGORY_LABELS[str(a.category?.['category'])] ?? ''));
  if (pages.has('change')) {
    const c = a.change ?? {};
    details.push(row('change', '变更内容', c['change_kind'] === 'category' ? `残疾类别，变更为${CATEGORY_LABELS[str(c['new_category'])] ?? ''}` : c['change_kind'] === 'grade' ? '残疾等级' : ''));
    if (c['reason']) details.push(typed('change', '变更原因', str(c['reason'])));
  }
  if (pages.has('transfer')) details.push(typed('transfer', '原户籍所在地', str(a.transfer?.['from_region'])));
  if (pages.has('diagnosis')) {
    details.push(typed('diagnosis', '诊断医院', str(a.diagnosis?.['diagnosis_hospital'])));
    details.push(typed('diagnosis', '诊断结论', str(a.diagnosis?.['diagnosis'])));
  }
  if (pages.has('device')) {
    const names = list(a.device?.['devices']).map((id) => site.applications.deviceCatalogue.find((d) => d.id === id)?.name ?? id);
    details.push(row('device', '辅助器具', names));
    if (a.device?.['needs']) details.push(typed('device', '使用需求', str(a.device['needs'])));
  }
  if (pages.has('previous')) {
    details.push(a.previous?.['had_before'] === 'yes'
      ? typed('previous', '以前领取过器具', str(a.previous['previous_devices']))
      : row('previous', '以前领取过器具', a.previous ? '没有' : ''));
  }
  if (pages.has('household')) details.push(row('household', '家庭经济状况', ECONOMIC_STATUS_LABELS[str(a.household?.['economic_status']) as keyof typeof ECONOMIC_STATUS_LABELS] ?? ''));
  if (pages.has('assessment')) {
    const s = a.assessment ?? {};
    if (state.service === 'certificate') {
      details.push(row('assessment', '评定医院', s['hospital'] ? placeName(site.assessmentHospitals, str(s['hospital'])) : ''));
      details.push(row('assessment', '上门评定', s['home_visit'] === 'yes' ? '需要' : s['home_visit'] === 'no' ? '不需要' : ''));
    } else {
      details.push(row('assessment', '上门评估', s['home_assessment'] === 'yes' ? '需要' : s['home_assessment'] === 'no' ? '不需要' : ''));
    }
  }
  if (pages.has('delivery')) {
    const d = a.delivery ?? {};
    details.push(row('delivery', '交付方式', d['method'] === 'delivery' ? '送货上门' : d['method'] === 'pickup' ? `自己领取：${placeName(site.pickupPoints, str(d['pickup_point']))}` : ''));
    if (d['method'] === 'delivery') details.push(typed('delivery', '送货地址', str(d['delivery_address'])));
  }
  if (pages.has('pickup')) details.push(row('pickup', '领卡地点', a.pickup?.['pickup_point'] ? placeName(site.pickupPoints, str(a.pickup['pickup_point'])) : ''));
  if (details.length > 0) sections.push({ heading: '申请内容', rows: details });

  sections.push({ heading: '承诺', rows: [row('declaration', '诚信承诺', a.declaration ? '已承诺' : '')] });
  return sections;
}

