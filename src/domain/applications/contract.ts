import type { ApplyKey } from '../../i18n/text/apply.ts';
import type { TransitRule } from './transit-eligibility.ts';

/**
 * The page contract: what a journey page declares, once. Each service's pages
 * (services/*.ts) are written in these terms; the schema that validates a page, the question
 * page a person sees and the rows of the check-your-answers page are all derived from them
 * (derive.ts, views in src/lib/apply). Nothing here imports a service, so imports run one way:
 * contract ← services ← registry ← journey ← adapters.
 */

export const SERVICE_IDS = ['certificate', 'assistive-devices', 'transit-card'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** Every page a journey may have. 'action' holds the draft's action, not an answer. */
export const PAGE_IDS = [
  'action', 'who', 'certificate', 'applicant', 'township', 'category', 'change', 'transfer', 'agent', 'diagnosis',
  'device', 'previous', 'household', 'assessment', 'delivery', 'pickup', 'declaration',
] as const;
export type PageId = (typeof PAGE_IDS)[number];
/** The pages whose answers are saved (all but 'action'). */
export type AnswerPageId = Exclude<PageId, 'action'>;

/** Answers saved per page: plain strings and string lists, so they re-parse as form input. */
export type PageValues = Record<string, string | string[]>;
export type Answers = Partial<Record<AnswerPageId, PageValues>>;

export interface JourneyState {
  service: ServiceId;
  action: string | null;
  answers: Answers;
}

/** What a journey needs from the federation's configuration and the calendar. */
export interface JourneyContext {
  /** YYYY-MM-DD, the server's date in China: bounds birth dates and computes ages. */
  today: string;
  /** Options are sent and stored by id (ASCII, untouched by the Traditional conversion), shown by name. */
  hospitals: readonly { id: string; name: string; address?: string | undefined; note?: string | undefined; categories: readonly number[] }[];
  pickupPoints: readonly { id: string; name: string; address?: string | undefined; hours?: string | undefined; services: readonly string[] }[];
  devices: readonly { id: string; name: string; description: string; serviceLifeYears: number; categories: readonly number[]; meansTested: boolean }[];
  maxDevices: number;
  transitRules: readonly TransitRule[];
  townships: readonly { id: string; name: string }[];
  /** The id of the place where transit cards are usually collected. */
  transitPickupPoint: string;
  /** How long a draft is kept after its last save, in days (intake.policy, the one source); null while unknown. */
  draftRetentionDays: number | null;
}

export type FormInput = Record<string, unknown>;

/** A problem with one field; `message` is Simplified Chinese (the page conversion makes it Traditional). */
export interface FieldError {
  field: string;
  message: string;
  /** The rule across pages it comes from (e.g. 'guardian'), so the check page says it once. */
  rule?: string;
}

/** A problem a page check finds: the field it is on and the key of its message. */
export interface CheckProblem {
  field: string;
  key: ApplyKey;
  rule?: string;
}

/** Text on a page: a key of the journey wording (src/i18n/text/apply.ts), or text from configuration. */
export type TextRef = ApplyKey | { literal: string };

export interface OptionDecl {
  value: string;
  label: TextRef;
  hint?: TextRef;
}

/** Options written in the declaration, or read from the configuration for this state. */
export type OptionsDecl = readonly OptionDecl[] | ((state: JourneyState, ctx: JourneyContext) => readonly OptionDecl[]);

/** When a question is asked; absent = always. `input` is what this page is being sent now. */
export type QuestionCondition = (state: JourneyState, ctx: JourneyContext, input: FormInput) => boolean;

/**
 * What a typed answer is: the rules and the normalisation come from fields.ts. 'text' is free
 * text with a length range; the others are the shared identity and contact fields.
 */
export type TextField =
  | { type: 'personName' }
  | { type: 'idNumber' }
  | { type: 'certificateNumber' }
  | { type: 'phone' }
  | { type: 'address' }
  | { type: 'text'; min: number; max: number };

interface QuestionBase {
  /** The form field's name; also the key of the saved answer. */
  name: string;
  /** The label or legend. */
  label: TextRef;
  hint?: TextRef;
  /** The row's key on the check-your-answers page, when it differs from the label. */
  summary?: TextRef;
  when?: QuestionCondition;
}

export interface RadiosQuestion extends QuestionBase {
  kind: 'radios';
  options: OptionsDecl;
  /** Message when nothing is chosen. */
  required: ApplyKey;
  /** Follow-up questions shown under an option, asked only when that option is chosen. */
  conditional?: Readonly<Record<string, readonly Question[]>>;
}

export interface CheckboxesQuestion extends QuestionBase {
  kind: 'checkboxes';
  options: OptionsDecl;
  /** Message when nothing is ticked. */
  required: ApplyKey;
  /** Message when a value is not one of the options. */
  unknown: ApplyKey;
  /** Message when the same value is sent twice. */
  duplicate: ApplyKey;
  /** Most that may be ticked, and the message when more are. */
  max: { count: (ctx: JourneyContext) => number; message: ApplyKey };
}

export interface TextQuestion extends QuestionBase {
  kind: 'text' | 'textarea';
  field: TextField;
  /** Empty is allowed (the answer is then simply absent). */
  optional?: boolean;
  /** The message when it is empty, if not the field's own ("请输入姓名"). */
  empty?: ApplyKey;
  width?: 'short' | 'medium' | 'long' | 'code';
  autocomplete?: string | ((state: JourneyState) => string);
  inputmode?: 'numeric' | 'tel' | 'text';
  spellcheck?: false;
  /** What to show before it is answered, from earlier answers (never ask twice). */
  prefill?: (state: JourneyState) => string | undefined;
}

export interface CheckboxQuestion extends QuestionBase {
  kind: 'checkbox';
  value: string;
  required: ApplyKey;
  /** How a ticked box reads on the check page. */
  checked: ApplyKey;
}

export type Question = RadiosQuestion | CheckboxesQuestion | TextQuestion | CheckboxQuestion;

/** A check across this page's fields and earlier pages, once every field is valid on its own. */
export type PageCheck = (values: PageValues, state: JourneyState, ctx: JourneyContext) => CheckProblem[];

/**
 * What a page's answers decide before the journey goes on: nothing (null), one more question on
 * the same page (the hidden `marker` field records that it was asked, since an unticked radio
 * sends nothing), or that the service cannot be given (a kind refusal; nothing is stored).
 */
export type GateResult =
  | null
  | { kind: 'ask'; field: string; marker: string }
  | { kind: 'refuse'; field: string; reason: string; category: number; grade: number };

export interface PageDecl {
  id: PageId;
  /** Whether this page is part of the journey for these answers. */
  applies(state: JourneyState, ctx: JourneyContext): boolean;
  /** The h1. With one question and no intro, the question itself is the h1 (GOV.UK's pattern). */
  title: TextRef;
  /** Paragraphs under the h1; a paragraph may apply only to some states. */
  intro?: readonly (TextRef | { text: TextRef; when: (state: JourneyState, ctx: JourneyContext) => boolean })[];
  questions: readonly Question[];
  check?: PageCheck;
  gate?: (values: PageValues, ctx: JourneyContext) => GateResult;
  /** The heading of this page's rows on the check page (the section it belongs to). */
  section: 'about' | 'agent' | 'person' | 'details' | 'declaration';
}

export type PageResult = { ok: true; values: PageValues } | { ok: false; errors: FieldError[]; valid: PageValues };
