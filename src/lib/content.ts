import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { TOPICS, type TopicSlug } from '../domain/content/topics.ts';
import { tagSlug, type NewsTagSlug } from '../domain/content/news-tags.ts';
import type { SiteConfig } from '../domain/content/site-schema.ts';

export type PolicyEntry = CollectionEntry<'policies'>;
export type NewsEntry = CollectionEntry<'news'>;

/** The federation's configuration (content/site.yaml). */
export async function getSite(): Promise<SiteConfig> {
  const entry = await getEntry('site', 'site');
  if (!entry) throw new Error('content/site.yaml is missing');
  return entry.data as SiteConfig;
}

/** Policies ordered by topic order, then `order`, then title. */
export async function getPolicies(): Promise<PolicyEntry[]> {
  const topicIndex = (slug: TopicSlug) => TOPICS.findIndex((t) => t.slug === slug);
  return (await getCollection('policies')).sort(
    (a, b) =>
      topicIndex(a.data.topic) - topicIndex(b.data.topic) ||
      a.data.order - b.data.order ||
      a.data.title.localeCompare(b.data.title, 'zh-Hans-CN'),
  );
}

export async function getPoliciesByTopic(): Promise<{ slug: TopicSlug; label: string; policies: PolicyEntry[] }[]> {
  const policies = await getPolicies();
  return TOPICS.map((topic) => ({ ...topic, policies: policies.filter((p) => p.data.topic === topic.slug) }));
}

/** News, newest first. */
export async function getNews(): Promise<NewsEntry[]> {
  return (await getCollection('news')).sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}

export async function getNewsByTag(slug: NewsTagSlug): Promise<NewsEntry[]> {
  return (await getNews()).filter((n) => n.data.tags.some((label) => tagSlug(label) === slug));
}

export const policyPath = (slug: string) => `/policies/${slug}/`;
export const easyReadPath = (slug: string) => `/policies/${slug}/easy-read/`;
export const topicPath = (slug: TopicSlug) => `/policies/topics/${slug}/`;
export const newsPath = (slug: string) => `/news/${slug}/`;
export const tagPath = (slug: NewsTagSlug) => `/news/tags/${slug}/`;
