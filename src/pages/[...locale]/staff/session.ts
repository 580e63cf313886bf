import type { APIRoute } from 'astro';
import { guard } from '../../../lib/staff/session.ts';

/** "继续工作" from the idle warning: a request that restarts the idle clock (204), or 401 when it is too late. */
export const prerender = false;
export const POST: APIRoute = async ({ cookies, url }) => {
  const g = await guard(cookies, url);
  const status = g.kind === 'ok' ? 204 : g.kind === 'unavailable' ? 503 : 401;
  return new Response(null, { status, headers: { 'Cache-Control': 'no-store' } });
};
