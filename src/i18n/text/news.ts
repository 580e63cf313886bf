/**
 * News and its tags.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const newsText = {
  'news.title': '新闻动态',
  'news.intro': '本会工作动态、全国助残日活动和可以参加的活动。',
  'news.zhucanriTitle': '全国助残日新闻',
  'news.zhucanriIntro': '每年五月的第三个星期日是全国助残日。这里是历年助残日活动的报道。',
  'news.tagTitle': '标签：',
  'news.tags': '标签',
  'news.published': '发布日期',
  'news.source': '消息来源',
  'news.feedRss': 'RSS 订阅',
  'news.feedAtom': 'Atom 订阅',
  'news.feedHelp': '用阅读器订阅，有新消息时会自动收到。',
  'news.allNews': '全部新闻',
  'news.empty': '暂时没有新闻。',
} as const;
