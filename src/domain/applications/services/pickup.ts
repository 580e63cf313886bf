import type { JourneyContext, OptionsDecl, ServiceId } from '../contract.ts';

/** The pickup points where this service's things are collected (site.yaml says which). */
export function pickupPointsFor(service: ServiceId, ctx: JourneyContext) {
  return ctx.pickupPoints.filter((p) => p.services.includes(service));
}

/** Those points as options: sent by id, shown by name with the address and hours. */
export const pickupOptions = (service: ServiceId): OptionsDecl => (_state, ctx) =>
  pickupPointsFor(service, ctx).map((p) => ({
    value: p.id,
    label: { literal: p.name },
    hint: { literal: [p.address, p.hours].filter(Boolean).join('，') },
  }));
