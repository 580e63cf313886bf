import { defineMiddleware } from 'astro:middleware';
import { localeFromPath } from './i18n/locales.ts';
import { convertFeedToTraditional, convertPageToTraditional } from './i18n/traditional.ts';
import { withRetryAfter } from './lib/unavailable.ts';

/**
 * Every page exists twice: Simplified at /…, Traditional at /zh-hant/…. Pages render
 * with their locale's interface text; here the Traditional response is converted as a
 * whole (content included) with opencc-js. This runs at build time for prerendered
 * pages and per request for on-demand ones, so both kinds get the same treatment.
 * Every 503 (the database is unreachable) says when to try again.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const locale = localeFromPath(context.url.pathname);
  context.locals.locale = locale;
  const response = withRetryAfter(await next());
  if (locale !== 'zh-Hant') return response;

  const type = response.headers.get('content-type') ?? '';
  const isHtml = type.includes('text/html');
  const isFeed = /xml/.test(type);
  if (!isHtml && !isFeed) return response;

  const body = await response.text();
  const converted = isHtml
    ? convertPageToTraditional(body)
    : convertFeedToTraditional(body, context.site?.origin ?? '');
  return new Response(converted, { status: response.status, statusText: response.statusText, headers: response.headers });
});
