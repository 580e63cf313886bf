import type { AstroCookies } from 'astro';
import { ApplicationDataError } from '../../data/application-errors.ts';
import { getDraft, type Draft } from '../../data/applications.ts';
import type { JourneyContext, JourneyState, PageId, ServiceId } from '../../domain/applications/contract.ts';
import { clientIpOf, clientKeyOf } from '../client-key.ts';
import { draftIdFrom, forgetDraft } from './session.ts';

/**
 * What every journey page needs first: the request, and the draft this browser is filling in
 * (found through its HttpOnly cookie). Pages are thin adapters over the handlers that use these.
 */
export interface JourneyRequest extends ClientRequest {
  cookies: AstroCookies;
  url: URL;
  service: ServiceId;
  ctx: JourneyContext;
}

/** A request and the address it came from (Astro's clientAddress, which may throw). */
export interface ClientRequest {
  request: Request;
  clientAddress: () => string | undefined;
}

/** The client's key for the limits in the database (src/lib/client-key.ts). */
export const clientKeyFor = (r: ClientRequest) => clientKeyOf(clientIpOf(r.clientAddress, r.request.headers));

/** Path of a journey page (unlocalised; the page localises it). */
export const pagePath = (service: ServiceId, page: PageId | 'check' | 'saved', returning = false) =>
  `/apply/${service}/${page}/${returning ? '?return=check' : ''}`;

export function toState(draft: Draft): JourneyState {
  return { service: draft.service, action: draft.action, answers: draft.answers as JourneyState['answers'] };
}

export type LoadedDraft =
  | { kind: 'found'; draft: Draft; state: JourneyState }
  | { kind: 'none' }
  /** A submitted draft is gone too: the database cannot tell the two apart, and must not. */
  | { kind: 'gone' }
  | { kind: 'unavailable' };

/**
 * The draft of this browser. `keepCookie`: on the check page the cookie stays after the draft is
 * gone, so that resubmitting (back button, a retry after a lost response) still finds the
 * application by its draft id and token.
 */
export async function loadDraft(cookies: AstroCookies, service: ServiceId, keepCookie = false): Promise<LoadedDraft> {
  const id = draftIdFrom(cookies, service);
  if (!id) return { kind: 'none' };
  try {
    const draft = await getDraft(id);
    return { kind: 'found', draft, state: toState(draft) };
  } catch (error) {
    if (error instanceof ApplicationDataError && (error.code === 'draft_not_found' || error.code === 'draft_expired')) {
      if (!keepCookie) forgetDraft(cookies, service);
      return { kind: 'gone' };
    }
    return { kind: 'unavailable' };
  }
}

/** The draft is gone (submitted, expired, purged) for a call that needed it. */
export const isGone = (error: unknown) =>
  error instanceof ApplicationDataError && (error.code === 'draft_not_found' || error.code === 'draft_expired');

/** The client made as many drafts or applications as it may this hour: how long to wait, and the limit. */
export const rateLimitOf = (error: unknown) =>
  error instanceof ApplicationDataError && error.code === 'rate_limited' ? error.rateLimit : undefined;
