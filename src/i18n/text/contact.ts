/**
 * The contact page.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const contactText = {
  'contact.title': '联系我们',
  'contact.intro': '有问题可以打电话、发邮件，或在办公时间到办公室。',
  'contact.addressHeading': '办公地址',
  'contact.hoursHeading': '办公时间',
  'contact.phonesHeading': '电话',
  'contact.emailHeading': '电子邮箱',
  'contact.directionsHeading': '怎样到达',
  'contact.accessHeading': '办公场所无障碍情况',
  'contact.hospitalsHeading': '残疾评定定点医院',
  'contact.hospitalCategories': '评定类别',
  'contact.pickupHeading': '证件和辅具领取地点',
  'contact.phoneLabel': '电话',
} as const;
