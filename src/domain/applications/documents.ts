import type { applyFlowText } from '../../i18n/text/apply-flow.ts';
import type { ServiceId } from './contract.ts';

type DocKey = Extract<keyof typeof applyFlowText, `applyFlow.docs.${string}`>;

/**
 * What to bring to the office, per service and action (domain.md §2.2 and §3): shown on each
 * start page and on the receipt. Nothing needs uploading; an application may be submitted
 * before every document is at hand.
 */
export function documentsToBring(service: ServiceId, action: string | null, forOther: boolean): DocKey[] {
  const agent: DocKey[] = forOther ? ['applyFlow.docs.agent'] : [];
  if (service === 'certificate') {
    const photos = 'applyFlow.docs.photos2inch' as const;
    switch (action) {
      case 'renewal':
      case 'damaged':
        return ['applyFlow.docs.oldCertificate', 'applyFlow.docs.id', photos, ...agent];
      case 'replacement':
        return ['applyFlow.docs.id', photos, ...agent];
      case 'change':
        return ['applyFlow.docs.currentCertificate', 'applyFlow.docs.id', photos, 'applyFlow.docs.changeRecords', ...agent];
      case 'transfer':
        return ['applyFlow.docs.formerCertificate', 'applyFlow.docs.newHukou', photos, ...agent];
      default:
        return ['applyFlow.docs.id', photos, 'applyFlow.docs.records', ...agent, 'applyFlow.docs.residence'];
    }
  }
  if (service === 'assistive-devices') return ['applyFlow.docs.deviceCertificate', 'applyFlow.docs.household', ...agent];
  return ['applyFlow.docs.certificate', 'applyFlow.docs.photo1inch', ...(action === 'replacement' ? ['applyFlow.docs.idForReplacement' as const] : []), ...agent];
}
