import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { applicantFacts } from '../../domain/applications/facts.ts';
import { pageDef } from '../../domain/applications/journey.ts';
import { hospitalsFor, lowerLimbAsked, pickupPointsFor, type FormInput, type JourneyContext } from '../../domain/applications/steps.ts';
import {
  ACTION_LABELS,
  CATEGORY_LABELS,
  ECONOMIC_STATUS_LABELS,
  GRADE_LABELS,
  RELATIONSHIP_LABELS,
  SERVICE_LABELS,
  type JourneyState,
  type PageId,
  type Relationship,
} from '../../domain/applications/services.ts';

/**
 * What each journey page says and asks, in Simplified Chinese (the middleware converts
 * /zh-hant/ pages as a whole). Wording follows who is applying: "您" for oneself, "申请人"
 * when someone applies for another person, and the agent is always "您".
 */
export interface Option {
  value: string;
  label: string;
  hint?: string;
}
export type Question =
  | { kind: 'radios'; name: string; legend: string; hint?: string; options: Option[]; conditional?: Record<string, Question[]> }
  | { kind: 'checkboxes'; name: string; legend: string; hint?: string; options: Option[] }
  | { kind: 'text'; name: string; label: string; hint?: string; width?: 'short' | 'medium' | 'long'; autocomplete?: string; inputmode?: 'numeric' | 'tel' | 'text'; spellcheck?: boolean }
  | { kind: 'textarea'; name: string; label: string; hint?: string }
  | { kind: 'checkbox'; name: string; value: string; label: string };

export interface PageView {
  /** The page's h1 — and, when the page has one question, that question's legend/label. */
  title: string;
  intro?: string[];
  questions: Question[];
  /** The single question is the heading (GOV.UK: legend or label as h1). */
  questionIsHeading: boolean;
}

export const forOther = (state: JourneyState) => state.answers.who?.['applying_for'] === 'other';
/** "您" or "申请人". */
export const subject = (state: JourneyState) => (forOther(state) ? '申请人' : '您');
/** "您的" or "申请人的". */
export const whose = (state: JourneyState) => (forOther(state) ? '申请人的' : '您的');

const yesNo = (yes: string, no: string, yesHint?: string, noHint?: string): Option[] => [
  { value: 'yes', label: yes, ...(yesHint ? { hint: yesHint } : {}) },
  { value: 'no', label: no, ...(noHint ? { hint: noHint } : {}) },
];

const CATEGORY_HINTS: Record<string, string> = {
  '1': '看不见或看不清',
  '2': '听不见或听不清',
  '3': '说话困难，别人听不懂',
  '4': '手、脚或躯干活动困难',
  '5': '理解、学习和生活自理困难',
  '6': '精神疾病造成长期困难',
  '7': '同时有两类或以上残疾',
};
const categoryOptions = (): Option[] =>
  Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label, hint: CATEGORY_HINTS[value]! }));

/** The name of a configured place by its id (the id itself if the configuration no longer has it). */
export const placeName = (places: readonly { id: string; name: string }[], id: string) => places.find((p) => p.id === id)?.name ?? id;

const pickupOptions = (service: JourneyState['service'], ctx: JourneyContext, site: SiteConfig): Option[] => {
  const allowed = new Set(pickupPointsFor(service, ctx).map((p) => p.id));
  return site.pickupPoints.filter((p) => allowed.has(p.id)).map((p) => ({ value: p.id, label: p.name, hint: [p.address, p.hours].filter(Boolean).join('，') }));
};

export function pageView(page: PageId, state: JourneyState, ctx: JourneyContext, site: SiteConfig, input: FormInput): PageView {
  const own = whose(state);
  const other = forOther(state);
  switch (page) {
    case 'action':
      return state.service === 'certificate'
        ? {
            title: '要办理哪项残疾人证业务？',
            questionIsHeading: true,
            questions: [{
              kind: 'radios', name: 'action', legend: '要办理哪项残疾人证业务？',
              hint: '注销残疾人证请到服务大厅办理。',
              options: [
                { value: 'new', label: ACTION_LABELS.certificate['new']!, hint: '需要到指定医院做残疾评定' },
                { value: 'renewal', label: ACTION_LABELS.certificate['renewal']!, hint: '残疾人证有效期 10 年，到期换领新证，免费' },
                { value: 'replacement', label: ACTION_LABELS.certificate['replacement']!, hint: '证件丢失，挂失后补办' },
                { value: 'damaged', label: ACTION_LABELS.certificate['damaged']!, hint: '证件破损、字迹不清，交回旧证换新证' },
                { value: 'change', label: ACTION_LABELS.certificate['change']!, hint: '残疾情况有变化，需要重新评定' },
                { value: 'transfer', label: ACTION_LABELS.certificate['transfer']!, hint: '户口从外地迁入本县，把残疾人证迁过来' },
              ],
            }],
          }
        : {
            title: '要办理哪项乘车卡业务？',
            questionIsHeading: true,
            questions: [{
              kind: 'radios', name: 'action', legend: '要办理哪项乘车卡业务？',
              options: [
                { value: 'new', label: ACTION_LABELS['transit-card']['new']! },
                { value: 'replacement', label: ACTION_LABELS['transit-card']['replacement']!, hint: '卡丢失或损坏，补办新卡，原卡作废' },
              ],
            }],
          };
    case 'who':
      return {
        title: '您是为自己申请，还是为他人申请？',
        questionIsHeading: true,
        questions: [{
          kind: 'radios', name: 'applying_for', legend: '您是为自己申请，还是为他人申请？',
          hint: '未满 18 周岁的人，以及智力残疾、精神残疾的人，须由监护人代为申请。',
          options: [
            { value: 'self', label: '为自己申请' },
            { value: 'other', label: '为他人申请', hint: '例如您是监护人、家属，或是村（社区）残疾人专职委员' },
          ],
        }],
      };
    case 'agent':
      return {
        title: '您的信息（代办人）',
        intro: ['您代为申请，我们会联系您。办理时请带上您的身份证；监护人还要带监护关系证明，例如户口本、出生医学证明或指定监护的文书。'],
        questionIsHeading: false,
        questions: [
          { kind: 'text', name: 'name', label: '您的姓名', autocomplete: 'name', width: 'medium' },
          {
            kind: 'radios', name: 'relationship', legend: '您和申请人是什么关系？',
            options: (Object.entries(RELATIONSHIP_LABELS) as [Relationship, string][]).map(([value, label]) => ({ value, label })),
          },
          { kind: 'text', name: 'id_number', label: '您的身份证号', hint: '18 位，最后一位可能是 X', width: 'medium', inputmode: 'text', spellcheck: false, autocomplete: 'off' },
          { kind: 'text', name: 'phone', label: '您的电话', hint: '手机号，或带区号的座机号码', width: 'medium', autocomplete: 'tel', inputmode: 'tel' },
        ],
      };
    case 'certificate': {
      if (state.service === 'assistive-devices') {
        return {
          title: other ? '申请人有残疾人证吗？' : '您有残疾人证吗？',
          questionIsHeading: true,
          questions: [{
            kind: 'radios', name: 'has_certificate', legend: other ? '申请人有残疾人证吗？' : '您有残疾人证吗？',
            options: yesNo('有', '没有', undefined, '只有 0 至 6 岁的儿童可以没有残疾人证，凭医院诊断申请'),
            conditional: {
              yes: [{ kind: 'text', name: 'certificate_number', label: '残疾人证号', hint: '20 位，在证件内页。选“有”时填写', width: 'long', spellcheck: false, autocomplete: 'off' }],
            },
          }],
        };
      }
      const label = `${own}残疾人证号是多少？`;
      const hint = '20 位，在证件内页：前 18 位是身份证号，第 19 位是残疾类别，第 20 位是残疾等级。出生日期、性别、类别和等级都从证号读出，不用另填。';
      if (state.service === 'transit-card') {
        const asked = lowerLimbAsked(input);
        const questions: Question[] = [{ kind: 'text', name: 'certificate_number', label, hint, width: 'long', spellcheck: false, autocomplete: 'off' }];
        if (asked) {
          questions.push({
            kind: 'radios', name: 'lower_limb', legend: `${own}肢体残疾是在下肢（腿、脚）吗？`,
            hint: '本县免费乘车卡给下肢残疾的人办理。',
            options: yesNo('是，在下肢', '不是，只在上肢或躯干'),
          });
        }
        return {
          title: label,
          intro: [`先看能不能办理。本县免费乘车卡的办理条件：${ctx.transitRules.map((r) => r.label).join('；')}。`],
          questionIsHeading: !asked,
          questions,
        };
      }
      return {
        title: label,
        questionIsHeading: true,
        questions: [{
          kind: 'text', name: 'certificate_number', label,
          hint: state.action === 'replacement' ? `${hint}证件丢失的：证号前 18 位就是身份证号；记不清后 2 位的，请打服务大厅电话查询。` : hint,
          width: 'long', spellcheck: false, autocomplete: 'off',
        }],
      };
    }
    case 'applicant': {
      const def = pageDef(state.service, 'applicant');
      const fields = def ? Object.keys(def.fields(input, state, ctx)) : [];
      const questions: Question[] = [{ kind: 'text', name: 'name', label: '姓名', hint: '和身份证上一样。少数民族姓名中间的点写作“·”', width: 'medium', autocomplete: other ? 'off' : 'name' }];
      if (fields.includes('id_number')) {
        questions.push({ kind: 'text', name: 'id_number', label: '身份证号', hint: '18 位，最后一位可能是 X。出生日期和性别从身份证号读出，不用另填', width: 'medium', spellcheck: false, autocomplete: 'off' });
      }
      questions.push(other
        ? { kind: 'text', name: 'phone', label: '申请人的电话（选填）', hint: '没有可以不填，我们会打您的电话', width: 'medium', inputmode: 'tel', autocomplete: 'off' }
        : { kind: 'text', name: 'phone', label: '电话', hint: '手机号，或带区号的座机号码', width: 'medium', inputmode: 'tel', autocomplete: 'tel' });
      if (fields.includes('hukou_address')) {
        questions.push({ kind: 'text', name: 'hukou_address', label: state.action === 'transfer' ? '户籍地址（迁入后）' : '户籍地址', hint: '户口本上的地址', width: 'long', autocomplete: 'off' });
        questions.push({ kind: 'text', name: 'home_address', label: '现居住地址（选填）', hint: '和户籍地址不同时填写', width: 'long', autocomplete: other ? 'off' : 'street-address' });
      } else if (fields.includes('home_address')) {
        questions.push({ kind: 'text', name: 'home_address', label: '现居住地址', hint: '写到村（社区）和门牌号，上门评估和送货用', width: 'long', autocomplete: other ? 'off' : 'street-address' });
      }
      return { title: other ? '申请人的信息' : '您的信息', questionIsHeading: false, questions };
    }
    case 'category':
      return {
        title: `${other ? '申请人' : '您'}申请评定哪一类残疾？`,
        questionIsHeading: true,
        questions: [{
          kind: 'radios', name: 'category', legend: `${other ? '申请人' : '您'}申请评定哪一类残疾？`,
          hint: '评定医生会最后确定类别和等级。不确定的，选最主要的一类。',
          options: categoryOptions(),
        }],
      };
    case 'change': {
      const facts = applicantFacts(state, ctx.today);
      const current = facts.certificateCategory ? `现在证上是${CATEGORY_LABELS[facts.certificateCategory]}${GRADE_LABELS[facts.certificateGrade ?? ''] ?? ''}。` : '';
      return {
        title: '要变更什么？',
        intro: current ? [current, '变更需要重新评定，下一页选择评定医院。'] : ['变更需要重新评定，下一页选择评定医院。'],
        questionIsHeading: false,
        questions: [
          {
            kind: 'radios', name: 'change_kind', legend: '要变更残疾等级还是残疾类别？',
            options: [
              { value: 'grade', label: '残疾等级', hint: '例如病情加重或减轻' },
              { value: 'category', label: '残疾类别', hint: '例如新增了另一类残疾' },
            ],
            conditional: { category: [{ kind: 'radios', name: 'new_category', legend: '变更后的残疾类别', hint: '选“残疾类别”时填写', options: categoryOptions() }] },
          },
          { kind: 'textarea', name: 'reason', label: '变更原因（选填）', hint: '最多 200 字' },
        ],
      };
    }
    case 'transfer':
      return {
        title: `${other ? '申请人' : '您'}原来的户籍在哪里？`,
        intro: ['迁移要原发证地残联配合，我们会和他们联系。'],
        questionIsHeading: true,
        questions: [{ kind: 'text', name: 'from_region', label: `${other ? '申请人' : '您'}原来的户籍在哪里？`, hint: '写到县（区），例如：某某省某某市某某县', width: 'long' }],
      };
    case 'assessment':
      if (state.service === 'certificate') {
        const allowed = new Set(hospitalsFor(state, ctx).map((h) => h.id));
        return {
          title: '残疾评定',
          intro: ['评定是免费的。评定时请带身份证、户口本和病历。'],
          questionIsHeading: false,
          questions: [
            {
              kind: 'radios', name: 'hospital', legend: '到哪家医院评定？',
              hint: '这里列出能评定这类残疾的定点医院。',
              options: site.assessmentHospitals.filter((h) => allowed.has(h.id)).map((h) => ({
                value: h.id, label: h.name, hint: [h.address, h.note].filter(Boolean).join('。'),
              })),
            },
            {
              kind: 'radios', name: 'home_visit', legend: `${other ? '申请人' : '您'}需要上门评定吗？`,
              options: yesNo('需要', '不需要', '行动不便、不能到医院的，医生可以上门评定'),
            },
          ],
        };
      }
      return {
        title: '需要上门评估吗？',
        questionIsHeading: true,
        questions: [{
          kind: 'radios', name: 'home_assessment', legend: '需要上门评估吗？',
          hint: '评估会确定最合适的器具和型号。',
          options: yesNo('需要，到家里评估', '不需要，到县辅助器具服务中心评估', '行动不便，或者需要看家里的环境（如卫生间、楼梯）'),
        }],
      };
    case 'diagnosis':
      return {
        title: '医院诊断',
        intro: ['没有残疾人证的 0 至 6 岁儿童，凭医院的诊断申请。办理时请带诊断证明原件。'],
        questionIsHeading: false,
        questions: [
          { kind: 'text', name: 'diagnosis_hospital', label: '出具诊断的医院', width: 'long' },
          { kind: 'textarea', name: 'diagnosis', label: '诊断结论', hint: '照诊断证明写，最多 200 字' },
        ],
      };
    case 'device':
      return {
        title: '需要哪些辅助器具？',
        questionIsHeading: false,
        questions: [
          {
            kind: 'checkboxes', name: 'devices', legend: '需要哪些辅助器具？',
            hint: `每次最多选 ${ctx.maxDevices} 种。评估后会确定最合适的器具和型号。`,
            options: site.applications.deviceCatalogue.map((d) => ({ value: d.id, label: d.name, hint: `${d.description}使用年限 ${d.serviceLifeYears} 年。` })),
          },
          { kind: 'textarea', name: 'needs', label: '使用需求（选填）', hint: '例如：在家里用、要上下楼、身高体重。最多 300 字' },
        ],
      };
    case 'previous':
      return {
        title: '以前领取过辅助器具吗？',
        questionIsHeading: true,
        questions: [{
          kind: 'radios', name: 'had_before', legend: '以前领取过辅助器具吗？',
          hint: '器具有使用年限，没到年限的，一般不再配发同类器具。',
          options: yesNo('领取过', '没有'),
          conditional: { yes: [{ kind: 'textarea', name: 'previous_devices', label: '领取过哪些器具、大约什么时候', hint: '选“领取过”时填写，例如：2022 年领过普通轮椅' }] },
        }],
      };
    case 'household':
      return {
        title: '家庭经济状况',
        intro: ['您选的器具里有按家庭经济状况审批的。低保、低保边缘家庭和特困人员可以优先或免费配发，办理时请带相关证明。'],
        questionIsHeading: false,
        questions: [{
          kind: 'radios', name: 'economic_status', legend: `${other ? '申请人' : '您'}家是哪种情况？`,
          options: Object.entries(ECONOMIC_STATUS_LABELS).map(([value, label]) => ({ value, label })),
        }],
      };
    case 'delivery':
      return {
        title: '器具怎样交给您？',
        questionIsHeading: true,
        questions: [{
          kind: 'radios', name: 'method', legend: '器具怎样交给您？',
          options: [
            { value: 'delivery', label: '送货上门' },
            { value: 'pickup', label: '自己领取' },
          ],
          conditional: {
            delivery: [{ kind: 'text', name: 'delivery_address', label: '送货地址', hint: '选“送货上门”时填写，写到村（社区）和门牌号', width: 'long' }],
            pickup: [{
              kind: 'radios', name: 'pickup_point', legend: '领取地点', hint: '选“自己领取”时选择',
              options: pickupOptions('assistive-devices', ctx, site),
            }],
          },
        }],
      };
    case 'pickup':
      return {
        title: '到哪里领卡？',
        questionIsHeading: true,
        questions: [{
          kind: 'radios', name: 'pickup_point', legend: '到哪里领卡？',
          hint: `一般在${placeName(site.pickupPoints, site.applications.transitCard.pickupPoint)}领取。领卡时请带残疾人证和 1 张 1 寸照片。`,
          options: pickupOptions('transit-card', ctx, site),
        }],
      };
    case 'declaration':
      return {
        title: '诚信承诺',
        intro: [
          '我承诺：所填信息真实、完整，办理时提供的材料真实有效。如有虚假，愿意承担相应责任，已领取的证件、器具或补贴按规定收回。',
          ...(state.service === 'transit-card' ? ['免费乘车卡仅限持卡人本人使用，每年参加年审。'] : []),
          ...(other ? ['您代为申请，请确认已经告诉申请人（或其监护人），并得到同意。'] : []),
        ],
        questionIsHeading: false,
        questions: [{ kind: 'checkbox', name: 'confirm', value: 'yes', label: other ? '我是代办人，我承诺以上内容' : '我承诺以上内容' }],
      };
  }
}

/** Short names of the pages, for the check page and the error summary's context. */
export const PAGE_NAMES: Record<PageId, string> = {
  action: '业务类型',
  who: '为谁申请',
  agent: '代办人',
  certificate: '残疾人证',
  applicant: '申请人',
  category: '申请评定的类别',
  change: '变更内容',
  transfer: '迁移',
  diagnosis: '医院诊断',
  device: '辅助器具',
  previous: '以前领取的器具',
  household: '家庭经济状况',
  assessment: '评定或评估',
  delivery: '交付方式',
  pickup: '领卡地点',
  declaration: '诚信承诺',
};

export const serviceLabel = (service: JourneyState['service']) => SERVICE_LABELS[service];
