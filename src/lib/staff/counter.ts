import type { AstroCookies } from 'astro';
import { createDraft } from '../../data/applications.ts';
import { isServiceId } from '../../domain/applications/catalogue.ts';
import { firstPage } from '../../domain/applications/journey.ts';
import type { ServiceId } from '../../domain/applications/contract.ts';
import { pagePath } from '../apply/drafts.ts';
import { rememberDraft } from '../apply/session.ts';
import { clientKeyOf } from '../client-key.ts';
import { staffCookie } from '../private-cookie.ts';
import type { StaffContext } from './page.ts';

/**
 * Counter intake: the clerk starts the resident's draft (through the intake functions, like any
 * draft), marks it with their own JWT as entered at the counter by them (staff_claim_counter_draft:
 * only a clerk may), and continues in the same journey pages, which say it is counter intake.
 */
const counterCookie = (service: ServiceId) => `counter-${service}`;

/** The first journey page to go to; 'invalid' for a service that does not exist; null when the database failed. */
export async function startCounterIntake(ctx: StaffContext, cookies: AstroCookies, url: URL, service: string | undefined): Promise<string | 'invalid' | null> {
  if (!isServiceId(service)) return 'invalid';
  try {
    // The hourly draft limit counts per clerk, not per address: a federation office's counters
    // and its public Wi-Fi may share one address.
    const draft = await createDraft({ service, clientKey: clientKeyOf(`staff:${ctx.me.user_id}`) });
    await ctx.data.claimCounterDraft(draft.draftId);
    rememberDraft(cookies, service, draft.draftId, url);
    cookies.set(counterCookie(service), draft.draftId, staffCookie(url));
    return pagePath(service, firstPage(service));
  } catch {
    return null;
  }
}

/** Whether this browser's draft of the service is a counter draft (the journey pages say so). */
export function isCounterDraft(cookies: AstroCookies, service: ServiceId, draftId: string | null): boolean {
  return draftId !== null && cookies.get(counterCookie(service))?.value === draftId;
}
