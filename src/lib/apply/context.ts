import { journeyContext } from '../../domain/applications/context.ts';
import type { JourneyContext } from '../../domain/applications/contract.ts';
import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { currentPolicy } from '../policy.ts';
import { todayInChina } from '../today.ts';
import { getSite } from '../content.ts';

export { currentPolicy };

/** The site configuration and the journey context for today's date (China Standard Time). */
export async function loadJourney(): Promise<{ site: SiteConfig; ctx: JourneyContext }> {
  const site = await getSite();
  return { site, ctx: journeyContext(site, todayInChina(), await currentPolicy()) };
}
