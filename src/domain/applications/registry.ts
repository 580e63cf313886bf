import type { PageDecl, PageId, ServiceId } from './contract.ts';
import { certificatePages } from './services/certificate.ts';
import { assistiveDevicePages } from './services/assistive-devices.ts';
import { transitCardPages } from './services/transit-card.ts';

/** Every service's journey: its pages in order. Add a service by adding its file and a line here. */
export const JOURNEYS: Readonly<Record<ServiceId, readonly PageDecl[]>> = {
  certificate: certificatePages,
  'assistive-devices': assistiveDevicePages,
  'transit-card': transitCardPages,
};

export function pageDecl(service: ServiceId, page: PageId): PageDecl | undefined {
  return JOURNEYS[service].find((p) => p.id === page);
}
