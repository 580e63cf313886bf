import * as v from 'valibot';
import { SignLanguage, Video, countSentences, fields, isoDate, link, nonEmptyList, text } from './common.ts';
import { TOPIC_SLUGS } from './topics.ts';

/** Whose rule an amount or condition is: national law, the province, or this federation's own. */
export const SCOPES = ['national', 'provincial', 'local'] as const;
export type Scope = (typeof SCOPES)[number];

/** A money amount or standard, always dated and sourced so readers can judge it. */
export const Amount = fields({
  /** How it reads to a person, e.g. "每人每月 200 元". */
  text: text('金额说明'),
  scope: v.pipe(v.picklist(SCOPES, '金额适用范围必须是 national、provincial 或 local'), v.title('金额适用范围')),
  effectiveFrom: isoDate('金额生效日期'),
  source: text('金额来源'),
});

const WhatYouGet = fields({
  item: text('可获得的内容'),
  amount: v.optional(Amount),
});

const LegalBasis = fields({
  title: text('依据文件名称'),
  /** Document number such as 国发〔2015〕52号; absent for laws cited by name and article. */
  number: v.optional(text('文号')),
  article: v.optional(text('条款')),
});

const Source = fields({
  title: text('来源标题'),
  url: link('来源链接'),
});

const Apply = v.pipe(
  fields({
    /** Only set when the portal really offers the online journey. */
    online: v.optional(fields({ href: link('网上申请链接'), label: text('网上申请按钮文字') })),
    offline: v.optional(
      fields({
        where: text('线下办理地点'),
        steps: nonEmptyList(text('办理步骤'), '办理步骤'),
      }),
    ),
    agents: v.optional(text('代办说明')),
  }),
  v.title('怎样申请'),
  v.check(
    (apply) => Boolean(apply.online || apply.offline),
    '怎样申请（apply）至少要写网上申请（online）或线下办理（offline）之一',
  ),
);

const Document = fields({
  name: text('材料名称'),
  note: v.optional(text('材料说明')),
  required: v.optional(v.boolean('材料是否必需必须写 true 或 false'), true),
});

/** Easy-read version: short sections, one plain sentence per point. */
const EasyReadSection = fields({
  heading: text('易读版小标题'),
  points: nonEmptyList(text('易读版句子'), '易读版句子'),
});

export const PolicySchema = fields({
  title: text('标题'),
  topic: v.pipe(v.picklist(TOPIC_SLUGS, `主题必须是以下之一：${TOPIC_SLUGS.join('、')}`), v.title('主题')),
  summary: v.pipe(
    text('摘要'),
    v.check((s) => countSentences(s) <= 2, '摘要最多两句话'),
  ),
  /** Position within its topic; lower comes first. */
  order: v.optional(v.pipe(v.number('排序必须是数字'), v.integer('排序必须是整数')), 100),
  eligibility: nonEmptyList(text('申请条件'), '谁可以申请'),
  whatYouGet: nonEmptyList(WhatYouGet, '可以获得什么'),
  apply: Apply,
  documents: nonEmptyList(Document, '需要的材料'),
  timeline: v.pipe(
    fields({
      duration: text('办理时限'),
      nextSteps: nonEmptyList(text('后续步骤'), '后续步骤'),
    }),
    v.title('办理时间和后续步骤'),
  ),
  fees: text('费用'),
  legalBasis: nonEmptyList(LegalBasis, '政策依据'),
  sources: nonEmptyList(Source, '来源链接'),
  lastReviewed: isoDate('最后审核日期'),
  easyRead: nonEmptyList(EasyReadSection, '易读版'),
  /** Videos shown on the page; each must have captions. */
  videos: v.optional(v.array(Video, '视频必须是列表'), []),
  /** A sign-language version of this page, linked among its other formats. */
  signLanguage: v.optional(SignLanguage),
});

export type Policy = v.InferOutput<typeof PolicySchema>;
