/**
 * News tags. Each has an ASCII slug for its URL, so no Chinese text ever lands in a path.
 * 全国助残日 news is tagged `助残日` and has its own listing page.
 */
export const NEWS_TAGS = [
  { slug: 'zhucanri', label: '助残日' },
  { slug: 'rehabilitation', label: '康复' },
  { slug: 'employment', label: '就业' },
  { slug: 'education', label: '教育' },
  { slug: 'assistive-devices', label: '辅助器具' },
  { slug: 'social-security', label: '社会保障' },
  { slug: 'culture-sports', label: '文化体育' },
  { slug: 'accessibility', label: '无障碍' },
  { slug: 'rights', label: '维权' },
  { slug: 'annual-review', label: '年度回顾' },
  { slug: 'volunteering', label: '志愿助残' },
] as const;

export type NewsTagLabel = (typeof NEWS_TAGS)[number]['label'];
export type NewsTagSlug = (typeof NEWS_TAGS)[number]['slug'];

export const NEWS_TAG_LABELS = NEWS_TAGS.map((t) => t.label) as [NewsTagLabel, ...NewsTagLabel[]];

/** The tag that marks 全国助残日 news. */
export const ZHUCANRI_TAG: NewsTagLabel = '助残日';

export function tagSlug(label: NewsTagLabel): NewsTagSlug {
  const tag = NEWS_TAGS.find((t) => t.label === label);
  if (!tag) throw new Error(`Unknown news tag: ${label}`);
  return tag.slug;
}
