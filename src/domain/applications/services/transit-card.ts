import { parseCertificateNumber } from '../../identity/certificate-number.ts';
import type { FormInput, GateResult, JourneyContext, PageDecl, PageValues } from '../contract.ts';
import { transitEligibility, type TransitEligibility } from '../transit-eligibility.ts';
import { actionPage, agentPage, townshipPage, always, applicantPage, declarationPage, guardianCheck, whoPage, yesNoOptions } from './common.ts';
import { pickupOptions } from './pickup.ts';

/**
 * 免费乘车卡（爱心卡）: eligibility first, from the certificate number's category and grade by the
 * federation's rule (site.yaml). A limb rule may cover the lower limbs only, which the number
 * does not say: that one question is asked on the same page. Not eligible: a kind refusal, and
 * nothing is stored.
 */

/** Eligibility of a certificate page's values; null while the number is not valid. */
export function transitOutcome(values: FormInput, ctx: JourneyContext): TransitEligibility | null {
  const parsed = parseCertificateNumber(String(values['certificate_number'] ?? ''), ctx.today);
  if (!parsed.ok) return null;
  const lower = values['lower_limb'];
  return transitEligibility(ctx.transitRules, parsed.info.category, parsed.info.grade, lower === 'yes' || lower === 'no' ? lower : undefined);
}

/** The lower-limb question has been put on the page (a hidden marker: an unticked radio sends nothing). */
const LOWER_LIMB_ASKED = 'lower_limb_asked';
const lowerLimbAsked = (input: FormInput) => input['lower_limb'] !== undefined || input[LOWER_LIMB_ASKED] === '1';

function gate(values: PageValues, ctx: JourneyContext): GateResult {
  const outcome = transitOutcome(values, ctx);
  if (outcome?.result === 'ask-lower-limb') return { kind: 'ask', field: 'lower_limb', marker: LOWER_LIMB_ASKED };
  if (outcome?.result !== 'not-eligible') return null;
  const number = String(values['certificate_number']);
  return { kind: 'refuse', field: 'certificate_number', reason: outcome.reason, category: Number(number[18]), grade: Number(number[19]) };
}

const certificatePage: PageDecl = {
  id: 'certificate',
  section: 'person',
  applies: always,
  title: 'apply.certificate.transitTitle',
  intro: ['apply.certificate.transitIntro'],
  questions: [
    { kind: 'text', name: 'certificate_number', label: 'apply.certificate.title', summary: 'apply.certificate.summary', hint: 'apply.certificate.hint', field: { type: 'certificateNumber' }, width: 'code', spellcheck: false, autocomplete: 'off' },
    {
      kind: 'radios', name: 'lower_limb', label: 'apply.certificate.lowerLimb', summary: 'apply.certificate.lowerLimb.summary', hint: 'apply.certificate.lowerLimb.hint', required: 'apply.certificate.lowerLimb.required',
      options: yesNoOptions('apply.certificate.lowerLimb.yes', 'apply.certificate.lowerLimb.no'),
      // Asked once the number shows a limb rule that covers the lower limbs only.
      when: (_state, ctx, input) => lowerLimbAsked(input) && transitOutcome({ certificate_number: input['certificate_number'] }, ctx)?.result === 'ask-lower-limb',
    },
  ],
  check: guardianCheck('certificate_number'),
  gate,
};

const pickupPage: PageDecl = {
  id: 'pickup',
  section: 'details',
  applies: always,
  title: 'apply.pickup.title',
  questions: [{ kind: 'radios', name: 'pickup_point', label: 'apply.pickup.title', summary: 'apply.pickup.summary', hint: 'apply.pickup.hint', required: 'apply.pickup.required', options: pickupOptions('transit-card') }],
};

export const transitCardPages: readonly PageDecl[] = [
  certificatePage,
  actionPage('transit-card', 'apply.action.transit-card.title', 'apply.action.transit-card.required'),
  whoPage,
  applicantPage({ askIdNumber: () => false, addresses: 'none' }),
  townshipPage,
  agentPage,
  pickupPage,
  declarationPage,
];
