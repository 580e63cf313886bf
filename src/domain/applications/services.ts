/**
 * The three online services, their actions (application types) and the pages of each journey.
 * Step names match intake.service_steps in supabase/migrations; 'action' is a page whose answer
 * is the draft's action rather than a step.
 */
export const SERVICE_IDS = ['certificate', 'assistive-devices', 'transit-card'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const CERTIFICATE_ACTIONS = ['new', 'renewal', 'replacement', 'damaged', 'change', 'transfer'] as const;
export const TRANSIT_ACTIONS = ['new', 'replacement'] as const;
export type CertificateAction = (typeof CERTIFICATE_ACTIONS)[number];
export type TransitAction = (typeof TRANSIT_ACTIONS)[number];

export const ACTIONS: Record<ServiceId, readonly string[]> = {
  certificate: CERTIFICATE_ACTIONS,
  'assistive-devices': [],
  'transit-card': TRANSIT_ACTIONS,
};

export const SERVICE_LABELS: Record<ServiceId, string> = {
  certificate: '残疾人证',
  'assistive-devices': '辅助器具适配',
  'transit-card': '免费乘车卡（爱心卡）',
};

export const ACTION_LABELS: Record<ServiceId, Record<string, string>> = {
  certificate: {
    new: '新办残疾人证（第一次申请）',
    renewal: '换领（证件到期换新证）',
    replacement: '挂失补办（证件丢失）',
    damaged: '残损换新（证件损坏）',
    change: '残疾等级或类别变更',
    transfer: '迁移（户口迁入本县）',
  },
  'assistive-devices': {},
  'transit-card': {
    new: '第一次办卡',
    replacement: '挂失补办（卡丢失或损坏）',
  },
};

export const STEP_IDS = [
  'who',
  'agent',
  'certificate',
  'applicant',
  'category',
  'change',
  'transfer',
  'diagnosis',
  'device',
  'previous',
  'household',
  'assessment',
  'delivery',
  'pickup',
  'declaration',
] as const;
export type StepId = (typeof STEP_IDS)[number];
export type PageId = StepId | 'action';

/** Answers saved per step: plain strings and string lists, so they re-parse as form input. */
export type StepValues = Record<string, string | string[]>;
export type Answers = Partial<Record<StepId, StepValues>>;

export interface JourneyState {
  service: ServiceId;
  action: string | null;
  answers: Answers;
}

export function isServiceId(value: unknown): value is ServiceId {
  return typeof value === 'string' && (SERVICE_IDS as readonly string[]).includes(value);
}

export function isPageId(value: unknown): value is PageId {
  return value === 'action' || (typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value));
}

export const CATEGORY_LABELS: Record<string, string> = {
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
};

export const GRADE_LABELS: Record<string, string> = {
  '1': '一级',
  '2': '二级',
  '3': '三级',
  '4': '四级',
};

export const RELATIONSHIPS = ['guardian', 'family', 'officer', 'entrusted'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  guardian: '监护人',
  family: '家属（配偶、子女、父母等）',
  officer: '村（社区）残疾人专职委员或村（居）委会工作人员',
  entrusted: '受申请人委托的其他人',
};

export const ECONOMIC_STATUSES = ['dibao', 'dibao_edge', 'tekun', 'none', 'unknown'] as const;
export const ECONOMIC_STATUS_LABELS: Record<(typeof ECONOMIC_STATUSES)[number], string> = {
  dibao: '低保家庭',
  dibao_edge: '低保边缘家庭',
  tekun: '特困供养人员',
  none: '都不是',
  unknown: '不清楚',
};
