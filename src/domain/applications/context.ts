import type { ApplicationsConfig } from '../content/site-schema.ts';
import type { JourneyContext } from './steps.ts';

/** The journey context from the federation's configuration (content/site.yaml) and the date. */
export function journeyContext(
  site: {
    assessmentHospitals: JourneyContext['hospitals'];
    pickupPoints: JourneyContext['pickupPoints'];
    applications: ApplicationsConfig;
  },
  today: string,
): JourneyContext {
  return {
    today,
    hospitals: site.assessmentHospitals,
    pickupPoints: site.pickupPoints,
    devices: site.applications.deviceCatalogue,
    maxDevices: site.applications.maxDevicesPerApplication,
    transitRules: site.applications.transitCard.eligible,
  };
}
