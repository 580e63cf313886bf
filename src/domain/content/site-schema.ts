import * as v from 'valibot';
import { fields, isoDate, link, nonEmptyList, text } from './common.ts';
import { SERVICE_IDS } from '../applications/contract.ts';
import { ACTIONS } from '../applications/catalogue.ts';

/**
 * Site configuration: everything a different county or district federation changes.
 * Lives in content/site.yaml; validated at build.
 */
const Phone = fields({
  label: text('电话用途'),
  number: v.pipe(
    text('电话号码'),
    v.regex(/^[0-9０-９\-\s（）()]{5,20}$/, '电话号码只能包含数字、空格、括号和短横线'),
  ),
});

const OpeningHours = fields({
  days: text('办公日'),
  time: text('办公时间'),
});

/**
 * The stable identifier of an option (a hospital, a pickup point, a device): what a form sends and
 * an application stores. Lowercase ASCII, so the Traditional conversion of a page never changes it
 * and renaming the place does not break saved answers.
 */
const optionId = (what: string) =>
  v.pipe(text(`${what}编号 id`), v.regex(/^[a-z][a-z0-9-]{1,39}$/, `${what}编号 id 只能用小写字母、数字和短横线，以字母开头，2 到 40 个字符`));

/** Ids in a list must be unique. */
const uniqueIds = <T extends { id: string }>(what: string) =>
  v.check<T[], string>((list) => new Set(list.map((item) => item.id)).size === list.length, `${what}里有重复的编号 id`);

const Place = fields({
  id: optionId('地点'),
  name: text('地点名称'),
  address: text('地点地址'),
  phone: v.optional(Phone.entries.number),
  hours: v.optional(text('开放时间')),
  note: v.optional(text('说明')),
});

const CATEGORY_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
const GRADE_NUMBERS = [1, 2, 3, 4] as const;
const category = v.picklist(CATEGORY_NUMBERS, '残疾类别必须是 1 到 7 的数字');

/** Working days until the federation first acts on an application, shown on the receipt. */
const Timeline = fields({
  workingDays: v.pipe(v.number('工作日天数必须是数字'), v.integer('工作日天数必须是整数'), v.minValue(1, '工作日天数至少是 1')),
  next: text('下一步说明'),
});

/** One item of the local assistive-device catalogue. */
const Device = fields({
  id: optionId('器具'),
  name: text('器具名称'),
  description: text('器具说明'),
  categories: nonEmptyList(category, '适用残疾类别'),
  /** Means-tested items need the household's economic status (低保/低保边缘/特困). */
  meansTested: v.boolean('是否按家庭经济状况审批必须是 true 或 false'),
  serviceLifeYears: v.pipe(v.number('使用年限必须是数字'), v.integer('使用年限必须是整数'), v.minValue(1, '使用年限至少 1 年')),
});

/** Who may hold a free transit card: a category with its grades; limb rules may cover the lower limbs only. */
const TransitRule = fields({
  category,
  grades: nonEmptyList(v.picklist(GRADE_NUMBERS, '残疾等级必须是 1 到 4 的数字'), '残疾等级'),
  lowerLimbOnly: v.optional(v.boolean('是否仅限下肢必须是 true 或 false'), false),
  label: text('规则说明'),
});

const SiteFields = fields({
  /** Absolute origin the site is published at; used for feeds, sitemap and canonical links. */
  siteUrl: v.pipe(
    text('网站地址 siteUrl'),
    v.regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/i, '网站地址 siteUrl 必须是 https:// 开头的域名，末尾不要加 /'),
  ),
  federation: fields({
    name: text('残联全称'),
    shortName: text('残联简称'),
    region: text('所在地区'),
    superior: v.optional(text('上级残联')),
  }),
  office: fields({
    address: text('办公地址'),
    postcode: v.optional(v.pipe(text('邮政编码'), v.regex(/^\d{6}$/, '邮政编码必须是 6 位数字'))),
    hours: nonEmptyList(OpeningHours, '办公时间'),
    hoursNote: v.optional(text('办公时间说明')),
    phones: nonEmptyList(Phone, '联系电话'),
    email: v.pipe(text('电子邮箱'), v.email('电子邮箱格式不正确')),
    directions: nonEmptyList(text('交通指引'), '交通指引'),
    accessibility: nonEmptyList(text('办公场所无障碍说明'), '办公场所无障碍说明'),
  }),
  /** The townships (乡镇、街道) of the county: each application names one, for its liaison officer. */
  townships: v.pipe(
    nonEmptyList(fields({ id: optionId('乡镇（街道）'), name: text('乡镇（街道）名称') }), '乡镇（街道）'),
    uniqueIds('乡镇（街道）列表'),
  ),
  /** Hospitals designated to assess disability, with the categories each assesses (1–7). */
  assessmentHospitals: v.pipe(
    nonEmptyList(
      fields({
        ...Place.entries,
        categories: nonEmptyList(v.picklist(CATEGORY_NUMBERS, '评定类别必须是 1 到 7 的数字'), '评定类别'),
      }),
      '评残定点医院',
    ),
    uniqueIds('评残定点医院'),
  ),
  /** Where certificates, cards and devices are collected, and for which online services. */
  pickupPoints: v.pipe(
    nonEmptyList(
      fields({
        ...Place.entries,
        services: nonEmptyList(v.picklist(SERVICE_IDS, `领取地点的服务必须是 ${SERVICE_IDS.join('、')} 之一`), '在这里领取的服务'),
      }),
      '领取地点',
    ),
    uniqueIds('领取地点'),
  ),
  /** Online applications: timelines for the receipt, the device catalogue, the transit-card rule. */
  applications: fields({
    /** Per service, per action ('default' for a service without actions): the receipt's next steps. */
    timelines: fields({
      certificate: fields(Object.fromEntries(ACTIONS.certificate.map((a) => [a, Timeline])) as Record<string, typeof Timeline>),
      'assistive-devices': fields({ default: Timeline }),
      'transit-card': fields(Object.fromEntries(ACTIONS['transit-card'].map((a) => [a, Timeline])) as Record<string, typeof Timeline>),
    }),
    deviceCatalogue: v.pipe(nonEmptyList(Device, '辅助器具目录'), uniqueIds('辅助器具目录')),
    /** The workspace flags an open application nobody acted on for this many working days. */
    overdueWorkingDays: v.pipe(v.number('超期工作日数必须是数字'), v.integer('超期工作日数必须是整数'), v.minValue(1, '超期工作日数至少是 1')),
    /**
     * 公示: how many working days a qualifying result is posted, per service that has a 公示 step
     * (certificates: at least 5, 《残疾人证管理办法》), and where and how to object (异议).
     */
    publicNotice: fields({
      workingDays: fields({
        certificate: v.pipe(v.number('公示工作日数必须是数字'), v.integer('公示工作日数必须是整数'), v.minValue(5, '残疾人证公示至少 5 个工作日'), v.maxValue(30, '公示工作日数不能超过 30')),
      }),
      objections: fields({
        office: text('受理异议的部门和地点'),
        phone: Phone.entries.number,
        how: text('提出异议的办法'),
      }),
    }),
    /**
     * Statutory or local deadlines of a step, in working days from the day an application entered
     * it, shown in the workspace (certificates: 审核 within 10 working days).
     */
    stepDeadlines: fields({
      certificate: v.record(v.picklist(['accepted', 'assessment', 'review', 'production'], '办理环节必须是 accepted、assessment、review 或 production'),
        v.pipe(v.number('办理期限必须是数字'), v.integer('办理期限必须是整数'), v.minValue(1, '办理期限至少 1 个工作日'))),
      'assistive-devices': v.record(v.picklist(['accepted', 'assessment', 'pricing', 'approval', 'fitting', 'follow_up'], '办理环节不正确'),
        v.pipe(v.number('办理期限必须是数字'), v.integer('办理期限必须是整数'), v.minValue(1, '办理期限至少 1 个工作日'))),
      'transit-card': v.record(v.picklist(['accepted', 'review', 'production'], '办理环节不正确'),
        v.pipe(v.number('办理期限必须是数字'), v.integer('办理期限必须是整数'), v.minValue(1, '办理期限至少 1 个工作日'))),
    }),
    /** How to ask for a review of a refusal: added to every 不予受理 and 未通过 the applicant is told. */
    reviewRight: text('申请复核的办法'),
    maxDevicesPerApplication: v.pipe(v.number('每次最多申请件数必须是数字'), v.integer('每次最多申请件数必须是整数'), v.minValue(1, '每次最多申请件数至少 1')),
    transitCard: fields({
      eligible: nonEmptyList(TransitRule, '免费乘车卡办理条件'),
      source: text('免费乘车卡条件的依据'),
      /** The id of the pickup point where cards are usually collected (one of pickupPoints). */
      pickupPoint: optionId('免费乘车卡领取地点'),
    }),
  }),
  accessibilityStatement: fields({
    reviewed: isoDate('无障碍声明审核日期'),
    contact: text('无障碍问题反馈方式'),
    knownIssues: v.array(text('已知问题')),
  }),
  externalLinks: v.optional(v.array(fields({ title: text('链接标题'), url: link('链接地址') }))),
});

/** References between parts of the configuration must resolve. */
export const SiteSchema = v.pipe(
  SiteFields,
  v.forward(
    v.partialCheck(
      [['pickupPoints'], ['applications', 'transitCard', 'pickupPoint']],
      (site) => site.pickupPoints.some((p) => p.id === site.applications.transitCard.pickupPoint && p.services.includes('transit-card')),
      '免费乘车卡领取地点 pickupPoint 必须是 pickupPoints 中某个可以领取乘车卡（services 含 transit-card）的地点编号',
    ),
    ['applications', 'transitCard', 'pickupPoint'],
  ),
);

export type SiteConfig = v.InferOutput<typeof SiteSchema>;
export type ApplicationsConfig = SiteConfig['applications'];
export type DeviceItem = ApplicationsConfig['deviceCatalogue'][number];
export type TransitRuleConfig = ApplicationsConfig['transitCard']['eligible'][number];
export type TimelineConfig = v.InferOutput<typeof Timeline>;

/** The timeline of an application's action (a service without actions has its 'default'). */
export function timelineOf(site: SiteConfig, service: keyof ApplicationsConfig['timelines'], action: string | null): TimelineConfig | undefined {
  const timelines = site.applications.timelines[service] as Record<string, TimelineConfig>;
  return timelines[action ?? 'default'] ?? timelines['default'];
}
