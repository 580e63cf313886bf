import * as v from 'valibot';
import { fields, isoDate, link, nonEmptyList, text } from './common.ts';

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

const Place = fields({
  name: text('地点名称'),
  address: text('地点地址'),
  phone: v.optional(Phone.entries.number),
  hours: v.optional(text('开放时间')),
  note: v.optional(text('说明')),
});

const CATEGORY_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;

export const SiteSchema = fields({
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
  /** Hospitals designated to assess disability, with the categories each assesses (1–7). */
  assessmentHospitals: nonEmptyList(
    fields({
      ...Place.entries,
      categories: nonEmptyList(v.picklist(CATEGORY_NUMBERS, '评定类别必须是 1 到 7 的数字'), '评定类别'),
    }),
    '评残定点医院',
  ),
  /** Where certificates, cards and devices are collected. */
  pickupPoints: nonEmptyList(Place, '领取地点'),
  accessibilityStatement: fields({
    reviewed: isoDate('无障碍声明审核日期'),
    contact: text('无障碍问题反馈方式'),
    knownIssues: v.array(text('已知问题')),
  }),
  externalLinks: v.optional(v.array(fields({ title: text('链接标题'), url: link('链接地址') }))),
});

export type SiteConfig = v.InferOutput<typeof SiteSchema>;
