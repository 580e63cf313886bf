import * as v from 'valibot';
import { text } from './common.ts';

/**
 * Benefits: the data the eligibility checker reads. This foundation only fixes the
 * identity of each benefit and the guide it belongs to; the checker defines the
 * rule language (`rules`) and will tighten this schema. Until then, rules are not
 * interpreted and must be absent, so nothing pretends to decide eligibility.
 */
export const BenefitSchema = v.strictObject(
  {
    title: text('福利名称'),
    /** Slug of the policy guide that explains this benefit. */
    guide: v.pipe(text('对应政策指南'), v.regex(/^[a-z0-9-]+$/, '对应政策指南必须是指南文件名（小写字母、数字和短横线）')),
  },
  (issue) =>
    issue.expected === 'never'
      ? '包含不支持的字段：目前只允许 title 和 guide（资格规则由资格查询功能定义后再添加）'
      : `缺少必填项“${String(issue.path?.at(-1)?.key ?? '')}”`,
);

export type Benefit = v.InferOutput<typeof BenefitSchema>;
