import { authClient } from './staff-auth.ts';

/**
 * The public notice board (公示): today's notices, through the one function the public may call
 * (public.public_notices, role anon, with the project's publishable key). It returns only what a
 * notice publishes — no application id, ID number, phone or address exists in its answer.
 */
export interface PublicNotice {
  /** The notice's own id (not the application's). */
  id: string;
  service: string;
  /** Masked: 王*华. */
  name: string;
  township: string | null;
  category: number;
  grade: number;
  /** YYYY-MM-DD */
  starts_on: string;
  ends_on: string;
}

export class NoticesUnavailable extends Error {
  constructor() {
    super('public notices unavailable');
    this.name = 'NoticesUnavailable';
  }
}

export async function currentNotices(): Promise<PublicNotice[]> {
  let response;
  try {
    response = await authClient().rpc('public_notices', {});
  } catch {
    throw new NoticesUnavailable();
  }
  if (response.error || !Array.isArray(response.data)) throw new NoticesUnavailable();
  return response.data as PublicNotice[];
}
