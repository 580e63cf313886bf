/**
 * The home page.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const homeText = {
  'home.intro': '在这里查政策、看新闻、找办事方法。有问题可以打电话或到办公室咨询。',
  'home.policiesHeading': '政策指南',
  'home.policiesIntro': '按主题查看政策：谁可以申请，能得到什么，怎样办理。',
  'home.newsHeading': '新闻动态',
  'home.newsAll': '全部新闻',
  'home.zhucanriNews': '全国助残日新闻',
  'home.servicesHeading': '办事服务',
  'home.servicesIntro': '各项服务怎样办理、去哪里办、带什么材料。',
  'home.servicesLink': '查看全部办事服务',
  'home.searchHeading': '搜索本站',
  'home.searchLink': '搜索政策和新闻',
  'home.contactHeading': '联系我们',
  'home.contactLink': '办公地址、时间和电话',
  'home.accessibilityHeading': '无障碍',
  'home.accessibilityLink': '无障碍声明',
  'home.settingsLink': '调整文字大小、对比度和行距',
  'home.zhucanriLink': '全国助残日',
  'home.checkerLink': '查一查能享受哪些政策',
  'home.onlineHeading': '网上办事',
  'home.onlineIntro': '不用跑腿，在网上申请。可以随时保存，以后接着填。',
  'home.resumeLink': '继续填写已保存的申请',
  'home.statusLink': '查询申请进度',
} as const;
