import { getCollection } from 'astro:content';
import type { Locale } from '../i18n/locales.ts';
import { checkerText } from '../i18n/text/checker.ts';
import type { UiKey } from '../i18n/index.ts';
import { useTranslations } from '../i18n/index.ts';
import type { Benefit } from '../domain/benefits/rules-schema.ts';
import type { CheckerBenefit, CheckerProps } from '../islands/BenefitsChecker.tsx';
import { getPolicies, getSite, policyPath } from './content.ts';
import { todayInChina } from './today.ts';

/** Benefits with their guide's link and, when the portal has one, the online form. */
export async function getCheckerBenefits(): Promise<CheckerBenefit[]> {
  const policies = await getPolicies();
  const benefits = await getCollection('benefits');
  return benefits.map((entry) => {
    const data = entry.data as Benefit;
    const guide = policies.find((p) => p.id === data.guide);
    if (!guide) throw new Error(`content/benefits/${entry.id}: guide "${data.guide}" does not exist`);
    // Only what the checker shows or evaluates travels to the browser (citations stay on the guide).
    return {
      id: entry.id,
      title: data.title,
      gives: data.gives,
      amount: data.amount,
      documents: data.documents,
      howToApply: data.howToApply,
      alwaysCheck: data.alwaysCheck,
      checks: data.checks,
      appliesTo: data.appliesTo,
      // Keep checks … conditions together, just before `order`: the budget test finds the rules in the props by that.
      conditions: data.conditions,
      order: data.order,
      scope: data.scope,
      guideHref: policyPath(guide.id),
      online: guide.data.apply.online,
    };
  });
}

/** Everything the checker island needs, for one script and one set of submitted fields. */
export async function checkerProps(locale: Locale, fields: CheckerProps['initialFields'], submitted: boolean): Promise<CheckerProps> {
  const t = useTranslations(locale);
  const site = await getSite();
  // The checker's own text, and the amount notes it shares with the guides (AmountNote).
  const keys = [...Object.keys(checkerText), 'scope.national', 'scope.provincial', 'scope.local', 'amount.effectiveFrom', 'amount.source'] as UiKey[];
  return {
    benefits: await getCheckerBenefits(),
    strings: Object.fromEntries(keys.map((k) => [k, t(k)])),
    region: site.federation.region.replace(/^.*?(省|自治区|市)/, ''),
    office: { name: site.federation.shortName, phone: site.office.phones[0]?.number ?? '' },
    today: todayInChina(),
    action: '/benefits/results/',
    initialFields: fields,
    submitted,
  };
}
