/**
 * Free transit card (免费乘车卡/爱心卡) eligibility from the certificate number's category and
 * grade, by the federation's rule (site configuration). Limb rules may cover the lower limbs only;
 * the certificate number does not say which limb, so that one fact is asked.
 */
export interface TransitRule {
  category: number;
  grades: readonly number[];
  lowerLimbOnly?: boolean;
  label: string;
}

export type TransitEligibility =
  | { result: 'eligible'; rule: TransitRule }
  | { result: 'ask-lower-limb'; rule: TransitRule }
  | { result: 'not-eligible'; reason: 'category' | 'grade' | 'not-lower-limb' };

export function transitEligibility(
  rules: readonly TransitRule[],
  category: number,
  grade: number,
  lowerLimb: 'yes' | 'no' | undefined,
): TransitEligibility {
  const forCategory = rules.filter((r) => r.category === category);
  if (forCategory.length === 0) return { result: 'not-eligible', reason: 'category' };
  const matching = forCategory.filter((r) => r.grades.includes(grade));
  if (matching.length === 0) return { result: 'not-eligible', reason: 'grade' };
  const unconditional = matching.find((r) => !r.lowerLimbOnly);
  if (unconditional) return { result: 'eligible', rule: unconditional };
  const rule = matching[0]!;
  if (lowerLimb === undefined) return { result: 'ask-lower-limb', rule };
  return lowerLimb === 'yes' ? { result: 'eligible', rule } : { result: 'not-eligible', reason: 'not-lower-limb' };
}
