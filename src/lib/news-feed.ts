import type { APIContext } from 'astro';
import { renderAtom, renderRss, type Feed } from '../domain/feeds.ts';
import { getNews, getSite, newsPath } from './content.ts';

/** Build the news feed for the Simplified site; the middleware converts the /zh-hant/ copy. */
async function newsFeed(feedPath: string): Promise<Feed> {
  const site = await getSite();
  const abs = (path: string) => new URL(path, site.siteUrl).href;
  const news = await getNews();
  return {
    title: `${site.federation.shortName} 新闻动态`,
    description: `${site.federation.name}的工作动态和全国助残日活动`,
    siteUrl: abs('/news/'),
    feedUrl: abs(feedPath),
    language: 'zh-Hans',
    author: site.federation.name,
    items: news.map((n) => ({
      title: n.data.title,
      url: abs(newsPath(n.id)),
      date: n.data.date,
      summary: n.data.summary,
      categories: n.data.tags,
    })),
  };
}

export async function rssResponse(_context: APIContext): Promise<Response> {
  const body = renderRss(await newsFeed('/news/rss.xml'));
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}

export async function atomResponse(_context: APIContext): Promise<Response> {
  const body = renderAtom(await newsFeed('/news/atom.xml'));
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}
