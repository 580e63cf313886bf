import type { APIContext } from 'astro';
import { noticesRssResponse } from '../../../lib/notices.ts';

/** The 公示 feed, on demand (notices come and go by the day); /zh-hant/ converted by the middleware. */
export const prerender = false;

export function GET(context: APIContext): Promise<Response> | Response {
  if (context.params.locale !== undefined && context.params.locale !== 'zh-hant') return new Response(null, { status: 404 });
  return noticesRssResponse(context);
}
