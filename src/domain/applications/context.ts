import type { SiteConfig } from '../content/site-schema.ts';
import type { JourneyContext } from './contract.ts';

/** What the journeys take from the database's own policy (intake.policy): its one source. */
export interface IntakePolicy {
  /** Null while the database has not been reached. */
  draftRetentionDays: number | null;
  /** How long a throttled lookup or resume has to wait, in minutes. */
  lookupWindowMinutes: number | null;
}

/** The journey context from the federation's configuration (content/site.yaml), the policy and the date. */
export function journeyContext(site: SiteConfig, today: string, policy: IntakePolicy): JourneyContext {
  return {
    today,
    hospitals: site.assessmentHospitals,
    pickupPoints: site.pickupPoints,
    townships: site.townships,
    devices: site.applications.deviceCatalogue,
    maxDevices: site.applications.maxDevicesPerApplication,
    transitRules: site.applications.transitCard.eligible,
    transitPickupPoint: site.applications.transitCard.pickupPoint,
    draftRetentionDays: policy.draftRetentionDays,
  };
}
