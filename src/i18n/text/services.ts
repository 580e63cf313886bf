/**
 * The services page (how to get each service done).
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const servicesText = {
  'services.title': '办事服务',
  'services.intro': '下面是本会提供的服务。点开指南可以看到办理条件、材料和步骤。',
  'services.onlineHeading': '可以网上办理的服务',
  'services.statusLink': '查询已提交申请的进度',
  'services.noticesLink': '公示：正在公示的残疾人证评定结果',
  'services.resumeLink': '继续填写已保存的申请',
  'services.offlineHeading': '到窗口办理的服务',
  'services.offlineIntro': '这些服务请带齐材料到办公地点办理，也可以请家人或村（社区）专职委员代办。',
  'services.officeHeading': '办理地点',
} as const;
