/**
 * Policy guides: the guide list, one guide, its easy-read version, amounts and their scope.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const policiesText = {
  'policies.title': '政策指南',
  'policies.intro': '按主题浏览。每份指南都说明谁可以申请、能得到什么、怎样办理和需要的材料，并有易读版。',
  'policies.guideCount': '份指南',
  'policies.emptyTopic': '这个主题暂时还没有指南。您可以电话咨询。',
  'policy.contents': '本页目录',
  'policy.whatItIs': '这是什么',
  'policy.whoCanGet': '谁可以申请',
  'policy.whatYouGet': '可以获得什么',
  'policy.howToApply': '怎样申请',
  'policy.applyOnline': '网上申请',
  'policy.applyOffline': '到窗口办理',
  'policy.agents': '请别人代办',
  'policy.documents': '需要的材料',
  'policy.documentOptional': '（如有）',
  'policy.timeline': '办理时间和后续步骤',
  'policy.fees': '费用',
  'policy.legalBasis': '政策依据',
  'policy.sources': '来源',
  'policy.contact': '咨询',
  'policy.lastReviewed': '最后审核',
  'policy.easyReadLink': '看易读版（句子短、用词简单）',
  'policy.fullVersionLink': '看完整版',
  'policy.easyReadTitleSuffix': '（易读版）',
  'policy.easyReadIntro': '这是易读版。句子短，每句话说一件事。',
  'policy.printLink': '打印本页',
  'scope.national': '全国规定',
  'scope.provincial': '本省规定',
  'scope.local': '本地标准',
  'amount.effectiveFrom': '起执行',
  'amount.source': '来源',
  'policy.easyReadWords': '先认识几个词',
  'policy.feedRss': '订阅政策指南更新（RSS）',
} as const;
