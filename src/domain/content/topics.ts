/**
 * Policy topics. The slug is the URL segment (ASCII, stable); the label is the
 * Simplified Chinese name shown to people. Order is the order on the guides page.
 */
export const TOPICS = [
  { slug: 'certificates', label: '证件办理' },
  { slug: 'rehabilitation', label: '康复' },
  { slug: 'assistive-devices', label: '辅助器具' },
  { slug: 'education', label: '教育' },
  { slug: 'employment', label: '就业' },
  { slug: 'social-security', label: '社会保障和补贴' },
  { slug: 'transport', label: '出行' },
  { slug: 'accessibility', label: '无障碍' },
  { slug: 'care', label: '托养' },
] as const;

export type TopicSlug = (typeof TOPICS)[number]['slug'];

export const TOPIC_SLUGS = TOPICS.map((t) => t.slug) as [TopicSlug, ...TopicSlug[]];

export function topicLabel(slug: TopicSlug): string {
  const topic = TOPICS.find((t) => t.slug === slug);
  if (!topic) throw new Error(`Unknown topic: ${slug}`);
  return topic.label;
}
