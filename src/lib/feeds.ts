import type { APIContext } from 'astro';
import { renderAtom, renderRss, type Feed, type FeedItem } from '../domain/feeds.ts';
import { getNews, getPolicies, getSite, newsPath, policyPath } from './content.ts';

/**
 * The site's feeds, built for the Simplified site; the middleware converts the
 * /zh-hant/ copies (text and links) at build time.
 */
async function feed(kind: 'news' | 'policies', feedPath: string): Promise<Feed> {
  const site = await getSite();
  const abs = (path: string) => new URL(path, site.siteUrl).href;
  const items: FeedItem[] =
    kind === 'news'
      ? (await getNews()).map((n) => ({
          title: n.data.title,
          url: abs(newsPath(n.id)),
          date: n.data.date,
          summary: n.data.summary,
          categories: n.data.tags,
        }))
      : // Guides, most recently reviewed first: readers can follow changes to the rules.
        (await getPolicies())
          .sort((a, b) => b.data.lastReviewed.localeCompare(a.data.lastReviewed))
          .map((p) => ({ title: p.data.title, url: abs(policyPath(p.id)), date: p.data.lastReviewed, summary: p.data.summary, categories: [] }));
  return {
    title: `${site.federation.shortName} ${kind === 'news' ? '新闻动态' : '政策指南'}`,
    description: kind === 'news' ? `${site.federation.name}的工作动态和全国助残日活动` : `${site.federation.name}的政策指南（按最后审核日期排列）`,
    siteUrl: abs(`/${kind}/`),
    feedUrl: abs(feedPath),
    language: 'zh-Hans',
    author: site.federation.name,
    items,
  };
}

const xml = (body: string, type: string) => new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });

export const rssResponse = async (_context: APIContext) => xml(renderRss(await feed('news', '/news/rss.xml')), 'application/rss+xml');
export const atomResponse = async (_context: APIContext) => xml(renderAtom(await feed('news', '/news/atom.xml')), 'application/atom+xml');
export const policiesRssResponse = async (_context: APIContext) =>
  xml(renderRss(await feed('policies', '/policies/rss.xml')), 'application/rss+xml');
