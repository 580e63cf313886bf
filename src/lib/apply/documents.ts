import type { ServiceId } from '../../domain/applications/services.ts';

/** What to bring to the office, per service and action (domain.md §2.2 and §3). */
export function documentsToBring(service: ServiceId, action: string | null, forOther: boolean): string[] {
  const agent = forOther ? ['代办人的身份证；监护人还要带监护关系证明（户口本、出生医学证明或指定监护的文书）'] : [];
  if (service === 'certificate') {
    const photos = '近期 2 寸免冠白底彩色照片 3 张';
    switch (action) {
      case 'new':
        return ['申请人的身份证和户口本', photos, '病历或诊断证明（一般要一年以上的病历，先天性残疾除外）', ...agent, '户口不在本县的，带居住证'];
      case 'renewal':
      case 'damaged':
        return ['旧的残疾人证', '申请人的身份证和户口本', photos, ...agent];
      case 'replacement':
        return ['申请人的身份证和户口本', photos, ...agent];
      case 'change':
        return ['现在的残疾人证', '申请人的身份证和户口本', photos, '说明残疾情况变化的病历或诊断证明', ...agent];
      case 'transfer':
        return ['原来的残疾人证', '迁入后的户口本和身份证', photos, ...agent];
      default:
        return ['申请人的身份证和户口本', photos, ...agent];
    }
  }
  if (service === 'assistive-devices') {
    return ['残疾人证（0 至 6 岁儿童带医院诊断证明和户口本）', '低保证、低保边缘证明或特困证明（有的话）', ...agent];
  }
  return ['残疾人证', '1 寸免冠照片 1 张', ...(action === 'replacement' ? ['挂失补办的，带身份证'] : []), ...agent];
}
