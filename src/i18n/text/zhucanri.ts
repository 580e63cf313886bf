/**
 * The 全国助残日 page.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const zhucanriText = {
  'zhucanri.title': '全国助残日',
  'zhucanri.intro': '每年五月的第三个星期日是全国助残日。这一天，各地组织志愿服务、走访慰问、招聘会和辅助器具展示等活动，全社会一起关心和帮助残疾人。',
  'zhucanri.legalHeading': '法律依据',
  'zhucanri.datesHeading': '今年和明年的日期',
  'zhucanri.thisYear': '{year}年的全国助残日是{date}，第{edition}次。',
  'zhucanri.nextYear': '{year}年的全国助残日是{date}，第{edition}次。',
  'zhucanri.computedNote': '日期按“每年五月第三个星期日”计算。',
  'zhucanri.historyHeading': '历届全国助残日',
  'zhucanri.historyCaption': '历届全国助残日的日期和主题（1991年起）',
  'zhucanri.colEdition': '届次',
  'zhucanri.colDate': '日期',
  'zhucanri.colTheme': '主题',
  'zhucanri.colNews': '本站报道',
  'zhucanri.editionLabel': '第{edition}次',
  'zhucanri.themeUnknown': '本站暂未收录',
  'zhucanri.newsHeading': '本会助残日新闻',
  'zhucanri.takePartHeading': '怎样参加',
  'zhucanri.takePart': '助残日前后，本会和各乡镇（街道）会组织活动。活动安排会在新闻动态中发布，也可以打电话咨询。',
} as const;
