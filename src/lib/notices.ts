import type { APIContext } from 'astro';
import { currentNotices, NoticesUnavailable, type PublicNotice } from '../data/notices.ts';
import { formatDate } from '../domain/dates.ts';
import { calendarNote } from './calendar-note.ts';
import { renderRss } from '../domain/feeds.ts';
import type { SiteConfig } from '../domain/content/site-schema.ts';
import { useTranslations, type Translate } from '../i18n/index.ts';
import { getSite } from './content.ts';

/**
 * The 公示 page and its feed: today's notices from the database (anon, published fields only),
 * with the township's name, the category and grade in words and the period's dates. Both are
 * made for the Simplified site; the middleware converts the /zh-hant/ copies per request.
 */
export interface NoticeLine {
  id: string;
  name: string;
  township: string;
  category: string;
  grade: string;
  startsOn: string;
  endsOn: string;
  period: string;
}

export function noticeLines(notices: readonly PublicNotice[], site: SiteConfig, t: Translate): NoticeLine[] {
  return notices.map((n) => ({
    id: n.id,
    name: n.name,
    township: site.townships.find((x) => x.id === n.township)?.name ?? '—',
    category: t(`apply.category.${n.category}` as never),
    grade: t(`apply.grade.${n.grade}` as never),
    startsOn: n.starts_on,
    endsOn: n.ends_on,
    period: t('notices.period', { from: formatDate(n.starts_on), to: formatDate(n.ends_on) }),
  }));
}

/** Today's notices for the page: lines, or null when the database cannot be reached (503). */
export async function loadNotices(t: Translate): Promise<{ site: SiteConfig; lines: NoticeLine[] | null }> {
  const site = await getSite();
  try {
    return { site, lines: noticeLines(await currentNotices(), site, t) };
  } catch (error) {
    if (error instanceof NoticesUnavailable) return { site, lines: null };
    throw error;
  }
}

/** The RSS feed of today's notices; 503 when the database cannot be reached. */
export async function noticesRssResponse(_context: APIContext): Promise<Response> {
  const t = useTranslations('zh-Hans');
  const { site, lines } = await loadNotices(t);
  const headers = { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'no-cache' };
  if (!lines) return new Response(t('notices.unavailable'), { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '60' } });
  const abs = (path: string) => new URL(path, site.siteUrl).href;
  const objections = site.applications.publicNotice.objections;
  const body = renderRss({
    title: t('notices.feed.title', { federation: site.federation.shortName }),
    description: t('notices.feed.description', { federation: site.federation.name }),
    siteUrl: abs('/notices/'),
    feedUrl: abs('/notices/rss.xml'),
    language: 'zh-Hans',
    author: site.federation.name,
    // Newest first.
    items: [...lines].reverse().map((l) => ({
      title: t('notices.feed.item', { name: l.name, township: l.township, category: l.category, grade: l.grade }),
      url: abs(`/notices/#notice-${l.id}`),
      date: l.startsOn,
      summary: [t('notices.feed.summary', { period: l.period, office: objections.office, phone: objections.phone }), calendarNote([l.startsOn, l.endsOn], t)].filter(Boolean).join(''),
      categories: [],
    })),
  });
  return new Response(body, { headers });
}
