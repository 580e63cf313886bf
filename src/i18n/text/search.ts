/**
 * Site search (the page and its island).
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const searchText = {
  'search.title': '搜索',
  'search.intro': '搜索本站的政策指南和新闻。',
  'search.label': '输入要找的内容',
  'search.hint': '例如：补贴、残疾人证、轮椅',
  'search.button': '搜索',
  'search.noJs': '搜索需要浏览器开启 JavaScript。您也可以：',
  'search.noJsTopics': '按主题浏览政策指南',
  'search.noJsIndex': '查看网站地图（全部页面）',
  'search.loading': '正在搜索……',
  'search.resultsCount': '找到 {count} 条结果',
  'search.noResults': '没有找到相关内容。请换个词试试，或者按主题浏览政策指南。',
  'search.error': '搜索暂时不能使用。请按主题浏览政策指南，或查看网站地图。',
} as const;
