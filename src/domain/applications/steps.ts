import * as v from 'valibot';
import { address, certificateNumber, idNumber, LONE_SURROGATE, personName, phoneNumber } from './fields.ts';
import {
  ACTIONS,
  CATEGORY_LABELS,
  ECONOMIC_STATUSES,
  RELATIONSHIPS,
  type JourneyState,
  type PageId,
  type StepValues,
} from './services.ts';
import { parseCertificateNumber } from '../identity/certificate-number.ts';
import { parseIdNumber, ageOn } from '../identity/id-number.ts';
import { applicantFacts, CHILD_DEVICE_MAX_AGE, guardianReason } from './facts.ts';
import { transitEligibility, type TransitRule } from './transit-eligibility.ts';

/**
 * The questions of every page, as valibot schemas with specific Chinese messages. The same
 * schemas run in the server's form handlers and in the JSON API (and may run in a browser).
 * Which fields a page has can depend on an answer on the same page (e.g. a certificate number
 * only when the person has a certificate), so a page gives its schemas for the raw input.
 */
export interface JourneyContext {
  /** YYYY-MM-DD, the server's date: bounds birth dates and computes ages. */
  today: string;
  /** Options are sent and stored by id (ASCII, untouched by the Traditional conversion), shown by name. */
  hospitals: readonly { id: string; name: string; categories: readonly number[] }[];
  pickupPoints: readonly { id: string; name: string; services: readonly string[] }[];
  devices: readonly { id: string; name: string; categories: readonly number[]; meansTested: boolean }[];
  maxDevices: number;
  transitRules: readonly TransitRule[];
}

export type FormInput = Record<string, unknown>;
export interface FieldError {
  field: string;
  message: string;
}
export type PageResult = { ok: true; values: StepValues } | { ok: false; errors: FieldError[] };

type FieldSchema = v.GenericSchema<unknown, string | string[] | undefined>;

const yesNo = (message: string) => v.picklist(['yes', 'no'], message);

const CONTROL = /[\u0000-\u001F\u007F]/;
/** Free text; '' counts as not answered. */
const optionalText = (label: string, max: number) =>
  v.optional(
    v.pipe(
      v.string(`${label}必须是文字`),
      v.trim(),
      v.check((s) => [...s].length <= max, `${label}不能超过 ${max} 个字`),
      v.check((s) => !CONTROL.test(s), `${label}里有看不见的控制字符，请删除后重新输入`),
      v.check((s) => !LONE_SURROGATE.test(s), `${label}里有无法识别的字符（常见于复制粘贴），请删除后重新输入`),
    ),
  );
const requiredText = (label: string, emptyMessage: string, min: number, max: number) =>
  v.pipe(
    v.string(emptyMessage),
    v.trim(),
    v.nonEmpty(emptyMessage),
    v.check((s) => [...s].length >= min, `${label}至少 ${min} 个字`),
    v.check((s) => [...s].length <= max, `${label}不能超过 ${max} 个字`),
    v.check((s) => !CONTROL.test(s), `${label}里有看不见的控制字符，请删除后重新输入`),
    v.check((s) => !LONE_SURROGATE.test(s), `${label}里有无法识别的字符（常见于复制粘贴），请删除后重新输入`),
  );

/** A page: when it applies, its fields for this input, and checks across fields and pages. */
export interface PageDef {
  id: PageId;
  applies(state: JourneyState, ctx: JourneyContext): boolean;
  fields(input: FormInput, state: JourneyState, ctx: JourneyContext): Record<string, FieldSchema>;
  check?: PageCheck;
}
type PageCheck = (values: StepValues, state: JourneyState, ctx: JourneyContext) => FieldError[];

const always = () => true;
const forOthers = (state: JourneyState) => state.answers.who?.['applying_for'] === 'other';
const selfApplying = (state: JourneyState) => state.answers.who?.['applying_for'] === 'self';

/** Which guardian rule a set of answers triggers, phrased for the field that revealed it. */
function guardianMessage(reason: 'minor' | 'category'): string {
  return reason === 'minor'
    ? '按规定，未满 18 周岁的申请人须由监护人代为申请。请先在“为谁申请”一页选择“为他人申请”，由监护人填写'
    : '按规定，智力残疾、精神残疾的申请人须由监护人代为申请。请先在“为谁申请”一页选择“为他人申请”，由监护人填写';
}

/**
 * Someone applying for themselves whose answers on this page show that a guardian must apply
 * (facts.ts decides why); the error goes on the field that revealed it.
 */
function guardianRequired(field: string, revealed: 'minor' | 'category' | 'either'): PageCheck {
  return (_values, state, ctx) => {
    if (!selfApplying(state)) return [];
    const facts = applicantFacts(state, ctx.today);
    const reason = revealed !== 'category' && facts.age !== null && facts.age < 18 ? 'minor'
      : revealed !== 'minor' && guardianReason({ ...facts, age: null }) ? 'category' : null;
    return reason ? [{ field, message: guardianMessage(reason) }] : [];
  };
}

function ageFromId(id: string, today: string): number | null {
  const parsed = parseIdNumber(id, today);
  return parsed.ok ? ageOn(parsed.info.birthDate, today) : null;
}

// ---------------------------------------------------------------- shared pages

const actionPage: PageDef = {
  id: 'action',
  applies: (state) => ACTIONS[state.service].length > 0,
  fields: (_input, state) => ({
    action: v.picklist(
      ACTIONS[state.service] as [string, ...string[]],
      state.service === 'certificate' ? '请选择要办理的业务' : '请选择是第一次办卡，还是挂失补办',
    ),
  }),
};

const whoPage: PageDef = {
  id: 'who',
  applies: always,
  fields: () => ({ applying_for: v.picklist(['self', 'other'], '请选择是为自己申请，还是为他人申请') }),
  check(values, state, ctx) {
    if (values['applying_for'] !== 'self') return [];
    const facts = applicantFacts(state, ctx.today);
    if (facts.age !== null && facts.age < 18) return [{ field: 'applying_for', message: '申请人未满 18 周岁，须由监护人代为申请：请选择“为他人申请”' }];
    if (facts.category === '5' || facts.category === '6') {
      return [{ field: 'applying_for', message: '智力残疾、精神残疾的申请人须由监护人代为申请：请选择“为他人申请”' }];
    }
    return [];
  },
};

const agentPage: PageDef = {
  id: 'agent',
  applies: forOthers,
  fields: (_input, _state, ctx) => ({
    name: personName,
    relationship: v.picklist(RELATIONSHIPS, '请选择您和申请人的关系'),
    id_number: idNumber(ctx.today),
    phone: phoneNumber,
  }),
  check(values, state, ctx) {
    const facts = applicantFacts(state, ctx.today);
    const minor = facts.age !== null && facts.age < 18;
    const category = facts.category === '5' || facts.category === '6';
    if ((minor || category) && values['relationship'] !== 'guardian') {
      return [{
        field: 'relationship',
        message: minor
          ? '申请人未满 18 周岁，须由监护人代为申请：请选择“监护人”。如果您不是监护人，请监护人来办理'
          : '智力残疾、精神残疾的申请人须由监护人代为申请：请选择“监护人”。如果您不是监护人，请监护人来办理',
      }];
    }
    return [];
  },
};

/** The declaration (诚信承诺). */
const declarationPage: PageDef = {
  id: 'declaration',
  applies: always,
  fields: () => ({ confirm: v.literal('yes', '请勾选承诺后再继续') }),
};

/** The applicant's details. Holders' ID numbers come from the certificate number, never asked again. */
function applicantPage(options: {
  askIdNumber: (state: JourneyState) => boolean;
  addresses: 'hukou' | 'home' | 'none';
}): PageDef {
  return {
    id: 'applicant',
    applies: always,
    fields(_input, state, ctx) {
      const fields: Record<string, FieldSchema> = { name: personName };
      if (options.askIdNumber(state)) fields['id_number'] = idNumber(ctx.today);
      // Someone applying for another person gives their own phone on the agent page.
      fields['phone'] = forOthers(state) ? v.optional(v.union([v.literal(''), phoneNumber], '请输入 11 位手机号，或带区号的座机号码，例如 0551-12345678')) : phoneNumber;
      if (options.addresses === 'hukou') {
        fields['hukou_address'] = address;
        fields['home_address'] = v.optional(v.union([v.literal(''), address], '现居住地址太短或含有控制字符，请写到村（社区）和门牌号'));
      } else if (options.addresses === 'home') {
        fields['home_address'] = address;
      }
      return fields;
    },
    check(values, state, ctx) {
      const errors: FieldError[] = [];
      const id = values['id_number'];
      if (typeof id !== 'string') return errors;
      const age = ageFromId(id, ctx.today);
      if (state.service === 'assistive-devices' && age !== null && age > CHILD_DEVICE_MAX_AGE) {
        errors.push({
          field: 'id_number',
          message: '没有残疾人证的，只有 0 至 6 岁的儿童可以凭医院诊断申请。这个身份证号显示申请人已满 7 周岁，请先办理残疾人证',
        });
      } else if (state.service === 'certificate') {
        errors.push(...guardianRequired('id_number', 'minor')(values, state, ctx));
      }
      return errors;
    },
  };
}

// ---------------------------------------------------------------- 残疾人证

const holderCertificatePage: PageDef = {
  id: 'certificate',
  applies: (state) => state.action !== null && state.action !== 'new',
  fields: (_input, _state, ctx) => ({ certificate_number: certificateNumber(ctx.today) }),
  check: guardianRequired('certificate_number', 'either'),
};

const categoryOptions = Object.keys(CATEGORY_LABELS) as [string, ...string[]];

const categoryPage: PageDef = {
  id: 'category',
  applies: (state) => state.action === 'new',
  fields: () => ({ category: v.picklist(categoryOptions, '请选择申请评定的残疾类别') }),
  check: guardianRequired('category', 'category'),
};

const changePage: PageDef = {
  id: 'change',
  applies: (state) => state.action === 'change',
  fields(input) {
    const fields: Record<string, FieldSchema> = {
      change_kind: v.picklist(['grade', 'category'], '请选择要变更残疾等级还是残疾类别'),
    };
    if (input['change_kind'] === 'category') fields['new_category'] = v.picklist(categoryOptions, '请选择变更后的残疾类别');
    fields['reason'] = optionalText('变更原因', 200);
    return fields;
  },
  check(values, state, ctx) {
    const facts = applicantFacts(state, ctx.today);
    if (values['change_kind'] === 'category' && values['new_category'] === facts.certificateCategory) {
      return [{ field: 'new_category', message: '变更后的类别和现在证上的类别相同。如果是等级变化，请选择“残疾等级变更”' }];
    }
    return values['change_kind'] === 'category' ? guardianRequired('new_category', 'category')(values, state, ctx) : [];
  },
};

const transferPage: PageDef = {
  id: 'transfer',
  applies: (state) => state.action === 'transfer',
  fields: () => ({ from_region: requiredText('原户籍所在地', '请输入原户籍所在地，写到县（区）', 4, 60) }),
};

/** The pickup points where this service's things can be collected. */
export function pickupPointsFor(service: JourneyState['service'], ctx: JourneyContext) {
  return ctx.pickupPoints.filter((p) => p.services.includes(service));
}

const optionIds = (options: readonly { id: string }[]) => options.map((o) => o.id) as [string, ...string[]];

export function hospitalsFor(state: JourneyState, ctx: JourneyContext) {
  const category = applicantFacts(state, ctx.today).category;
  const matching = ctx.hospitals.filter((h) => category !== null && h.categories.includes(Number(category)));
  return matching.length > 0 ? matching : ctx.hospitals;
}

const certificateAssessmentPage: PageDef = {
  id: 'assessment',
  applies: (state) => state.action === 'new' || state.action === 'change',
  fields: (_input, state, ctx) => ({
    hospital: v.picklist(optionIds(hospitalsFor(state, ctx)), '请选择评定医院'),
    home_visit: yesNo('请选择是否需要上门评定'),
  }),
};

// ---------------------------------------------------------------- 辅助器具

const deviceCertificatePage: PageDef = {
  id: 'certificate',
  applies: always,
  fields(input, _state, ctx) {
    const fields: Record<string, FieldSchema> = { has_certificate: yesNo('请选择申请人是否有残疾人证') };
    if (input['has_certificate'] === 'yes') fields['certificate_number'] = certificateNumber(ctx.today);
    return fields;
  },
  check(values, state, ctx) {
    if (values['has_certificate'] !== 'no') return [];
    const id = state.answers.applicant?.['id_number'];
    const age = typeof id === 'string' ? ageFromId(id, ctx.today) : null;
    if (age !== null && age > CHILD_DEVICE_MAX_AGE) {
      return [{ field: 'has_certificate', message: '申请人已满 7 周岁：没有残疾人证的，只有 0 至 6 岁的儿童可以凭医院诊断申请。请先办理残疾人证' }];
    }
    return [];
  },
};
const withoutCertificate = (state: JourneyState) => state.answers.certificate?.['has_certificate'] === 'no';

const diagnosisPage: PageDef = {
  id: 'diagnosis',
  applies: withoutCertificate,
  fields: () => ({
    diagnosis_hospital: requiredText('诊断医院', '请输入出具诊断的医院名称', 4, 60),
    diagnosis: requiredText('诊断结论', '请输入诊断证明上的诊断结论', 2, 200),
  }),
};

function asList(value: unknown): unknown {
  if (value === undefined || value === '') return [];
  return typeof value === 'string' ? [value] : value;
}

const devicePage: PageDef = {
  id: 'device',
  applies: always,
  fields: (_input, _state, ctx) => ({
    devices: v.pipe(
      v.unknown(),
      v.transform(asList),
      v.array(v.string('请从目录中选择辅助器具'), '请从目录中选择辅助器具'),
      v.minLength(1, '请至少选择一种辅助器具'),
      v.check((list) => list.every((id) => ctx.devices.some((d) => d.id === id)), '请从目录中选择辅助器具'),
      v.check((list) => new Set(list).size === list.length, '同一种器具只需要选一次'),
      v.maxLength(ctx.maxDevices, `每次最多申请 ${ctx.maxDevices} 种辅助器具`),
    ),
    needs: optionalText('使用需求', 300),
  }),
};
const anyMeansTested = (state: JourneyState, ctx: JourneyContext) => {
  const chosen = state.answers.device?.['devices'];
  const list = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [];
  return list.some((id) => ctx.devices.find((d) => d.id === id)?.meansTested);
};

const previousPage: PageDef = {
  id: 'previous',
  applies: always,
  fields(input) {
    const fields: Record<string, FieldSchema> = { had_before: yesNo('请选择以前是否领取过辅助器具') };
    if (input['had_before'] === 'yes') {
      fields['previous_devices'] = requiredText('以前领取的器具', '请写出以前领取的器具和大约时间', 2, 200);
    }
    return fields;
  },
};

const householdPage: PageDef = {
  id: 'household',
  applies: anyMeansTested,
  fields: () => ({ economic_status: v.picklist(ECONOMIC_STATUSES, '请选择家庭经济状况') }),
};

const deviceAssessmentPage: PageDef = {
  id: 'assessment',
  applies: always,
  fields: () => ({ home_assessment: yesNo('请选择是否需要上门评估') }),
};

const deliveryPage: PageDef = {
  id: 'delivery',
  applies: always,
  fields(input, _state, ctx) {
    const fields: Record<string, FieldSchema> = { method: v.picklist(['delivery', 'pickup'], '请选择送货上门还是自己领取') };
    if (input['method'] === 'delivery') fields['delivery_address'] = address;
    if (input['method'] === 'pickup') {
      fields['pickup_point'] = v.picklist(optionIds(pickupPointsFor('assistive-devices', ctx)), '请选择领取地点');
    }
    return fields;
  },
};

// ---------------------------------------------------------------- 免费乘车卡

/** Eligibility first: the certificate number (and, for limb rules, whether it is the lower limbs). */
/** The lower-limb question has been put on the page (a hidden marker, since an unticked radio sends nothing). */
export const lowerLimbAsked = (input: FormInput) => input['lower_limb'] !== undefined || input['lower_limb_asked'] === '1';

const transitCertificatePage: PageDef = {
  id: 'certificate',
  applies: always,
  fields(input, _state, ctx) {
    const fields: Record<string, FieldSchema> = { certificate_number: certificateNumber(ctx.today) };
    const parsed = typeof input['certificate_number'] === 'string' ? parseCertificateNumber(input['certificate_number'], ctx.today) : null;
    if (parsed?.ok && transitEligibility(ctx.transitRules, parsed.info.category, parsed.info.grade, undefined).result === 'ask-lower-limb' && lowerLimbAsked(input)) {
      fields['lower_limb'] = yesNo('请选择残疾部位是否在下肢（腿、脚）');
    }
    return fields;
  },
  check: guardianRequired('certificate_number', 'either'),
};

const transitPickupPage: PageDef = {
  id: 'pickup',
  applies: always,
  fields: (_input, _state, ctx) => ({
    pickup_point: v.picklist(optionIds(pickupPointsFor('transit-card', ctx)), '请选择领卡地点'),
  }),
};

// ---------------------------------------------------------------- journeys

export const JOURNEYS: Record<JourneyState['service'], readonly PageDef[]> = {
  certificate: [
    actionPage,
    whoPage,
    agentPage,
    holderCertificatePage,
    applicantPage({ askIdNumber: (s) => s.action === 'new', addresses: 'hukou' }),
    categoryPage,
    changePage,
    transferPage,
    certificateAssessmentPage,
    declarationPage,
  ],
  'assistive-devices': [
    whoPage,
    agentPage,
    deviceCertificatePage,
    applicantPage({ askIdNumber: withoutCertificate, addresses: 'home' }),
    diagnosisPage,
    devicePage,
    previousPage,
    householdPage,
    deviceAssessmentPage,
    deliveryPage,
    declarationPage,
  ],
  'transit-card': [
    transitCertificatePage,
    actionPage,
    whoPage,
    agentPage,
    applicantPage({ askIdNumber: () => false, addresses: 'none' }),
    transitPickupPage,
    declarationPage,
  ],
};
