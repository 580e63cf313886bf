import * as v from 'valibot';
import { fields, isoDate, nonEmptyList, text } from '../content/common.ts';
import { SCOPES } from '../content/policy-schema.ts';

/**
 * The benefit rule language, as staff write it in content/benefits/*.yaml. A rule is a
 * list of conditions that must all hold; `anyOf` groups alternatives. Each condition names
 * one answer. Unknown answers make a condition "unknown", never false.
 *
 *   conditions:
 *     - hasCertificate: yes
 *     - grade: [1, 2]
 *     - anyOf:
 *         - household: [dibao]
 *         - household: [low-income]
 */
const yesNo = (what: string) => v.picklist(['yes', 'no'] as const, `${what}只能写 yes 或 no`);
const intList = (what: string, values: readonly number[]) =>
  nonEmptyList(v.picklist(values, `${what}只能是 ${values.join('、')}`), what);
const range = (what: string) =>
  v.pipe(
    fields({
      min: v.optional(v.pipe(v.number(`${what}下限必须是数字`), v.integer(`${what}下限必须是整数`), v.minValue(0, `${what}不能小于 0`))),
      max: v.optional(v.pipe(v.number(`${what}上限必须是数字`), v.integer(`${what}上限必须是整数`), v.minValue(0, `${what}不能小于 0`))),
    }),
    v.check((r) => r.min !== undefined || r.max !== undefined, `${what}至少要写 min 或 max`),
    v.check((r) => r.min === undefined || r.max === undefined || r.min <= r.max, `${what}的 min 不能大于 max`),
  );

const SIMPLE_CONDITIONS = {
  hasCertificate: yesNo('是否持证'),
  category: intList('残疾类别', [1, 2, 3, 4, 5, 6, 7]),
  grade: intList('残疾等级', [1, 2, 3, 4]),
  age: range('年龄'),
  localHukou: yesNo('本地户籍'),
  household: nonEmptyList(v.picklist(['dibao', 'low-income', 'tekun', 'none'] as const, '家庭情况只能是 dibao、low-income、tekun、none'), '家庭情况'),
  disabledInHousehold: range('家中残疾人数'),
  needsLongTermCare: yesNo('需要长期照护'),
  education: nonEmptyList(
    v.picklist(['preschool', 'compulsory', 'high-school', 'vocational', 'college', 'none'] as const, '上学情况只能是 preschool、compulsory、high-school、vocational、college、none'),
    '上学情况',
  ),
  work: nonEmptyList(v.picklist(['employed', 'seeking', 'self-employed', 'none'] as const, '工作情况只能是 employed、seeking、self-employed、none'), '工作情况'),
  ownsMotorWheelchair: yesNo('有机动轮椅车'),
  cataract: yesNo('确诊白内障'),
  psychiatricMedication: yesNo('长期服用精神类药物'),
  homeNeedsModification: yesNo('家里需要无障碍改造'),
} as const;

export type ConditionKey = keyof typeof SIMPLE_CONDITIONS;
export const CONDITION_KEYS = Object.keys(SIMPLE_CONDITIONS) as ConditionKey[];

type SimpleCondition = { [K in ConditionKey]: { [P in K]: v.InferOutput<(typeof SIMPLE_CONDITIONS)[P]> } }[ConditionKey];
export type Condition = SimpleCondition | { anyOf: Condition[] };

const conditionMessage = `每个条件只能写一项，可用：${[...CONDITION_KEYS, 'anyOf'].join('、')}`;

export const ConditionSchema: v.GenericSchema<unknown, Condition> = v.lazy(() =>
  v.union(
    [
      ...CONDITION_KEYS.map((key) => v.strictObject({ [key]: SIMPLE_CONDITIONS[key] } as Record<string, v.GenericSchema>, conditionMessage)),
      v.strictObject({ anyOf: v.pipe(v.array(ConditionSchema, 'anyOf 必须是条件列表'), v.minLength(2, 'anyOf 至少要有两个条件')) }, conditionMessage),
    ],
    conditionMessage,
  ) as unknown as v.GenericSchema<unknown, Condition>,
);

const Amount = fields({
  text: text('金额'),
  /** Where the figure applies: 全国, a province, or this county. */
  scope: v.pipe(v.picklist(SCOPES, '适用范围必须是 national、provincial 或 local'), v.title('适用范围')),
  effectiveFrom: isoDate('生效日期'),
  source: text('金额来源'),
});

/** A check staff make only while the answers leave it open, e.g. a residence permit for someone not registered here. */
const ConditionalCheck = fields({
  /** The situation the check is about; when the answers rule it out, the check is not shown. */
  when: ConditionSchema,
  check: text('需要核实的事项'),
});

/** Conditions anywhere in a list, alternatives included. */
function allConditions(list: readonly Condition[]): Condition[] {
  return list.flatMap((c) => ('anyOf' in c ? [c, ...allConditions(c.anyOf)] : [c]));
}

const BenefitFields = fields({
  title: text('福利名称'),
  /** Slug of the policy guide; the checker links to it. */
  guide: v.pipe(text('对应政策指南'), v.regex(/^[a-z0-9-]+$/, '对应政策指南必须是指南文件名（小写字母、数字和短横线）')),
  /** One plain sentence: what the person gets. */
  gives: text('可以获得什么'),
  amount: v.optional(Amount),
  /** Document numbers or sources the rule comes from. */
  citations: nonEmptyList(text('依据'), '依据'),
  /** Where the rule applies; local extensions are labelled as this federation's own. */
  scope: v.pipe(v.picklist(SCOPES, '规则范围必须是 national、provincial 或 local'), v.title('规则范围')),
  effectiveFrom: isoDate('规则生效日期'),
  documents: nonEmptyList(text('需要带的材料'), '需要带的材料'),
  /** How to apply, when it is not the usual visit to the office (e.g. 助残日 visits are not applied for). */
  howToApply: v.optional(text('怎样申请')),
  /** Sentence shown when something must be checked by staff whatever the answers, e.g. income. */
  alwaysCheck: v.optional(text('需要核实的事项')),
  /** Checks shown only while the answers leave their situation open. */
  checks: v.optional(nonEmptyList(ConditionalCheck, '按情况核实的事项')),
  /**
   * Who the service is for (a first certificate: people without one). When an answer rules
   * this out the service does not apply, and it is not listed as "not eligible" at all.
   */
  appliesTo: v.optional(nonEmptyList(ConditionSchema, '适用对象')),
  /** What a person the service is for must meet; may be empty when `appliesTo` says it all (a first certificate). */
  conditions: v.optional(v.array(ConditionSchema, '条件必须是列表'), []),
  /** Order in results; lower first. */
  order: v.optional(v.pipe(v.number('排序必须是数字'), v.integer('排序必须是整数')), 100),
});

export const BenefitSchema = v.pipe(
  BenefitFields,
  // Something must be known before a service can be "likely": never a rule that holds for everyone.
  v.check((b) => (b.appliesTo ?? []).length + b.conditions.length > 0, '至少要写一个条件（conditions 或 appliesTo）'),
  // A category or grade is read from a certificate: a rule that asks for one must ask for the certificate,
  // so that "not known whether they hold one" is said once, by that condition.
  v.check(
    (b) => {
      const used = allConditions([...(b.appliesTo ?? []), ...b.conditions, ...(b.checks ?? []).map((c) => c.when)]);
      const needsCertificate = used.some((c) => 'category' in c || 'grade' in c);
      return !needsCertificate || b.conditions.some((c) => 'hasCertificate' in c && c.hasCertificate === 'yes');
    },
    '用到残疾类别或等级的规则，条件里必须有 hasCertificate: "yes"',
  ),
);

export type Benefit = v.InferOutput<typeof BenefitSchema>;
