/**
 * What residents may tell the federation about the service (supabase/migrations/20251222000100):
 * whether a content page was useful and, if not, why (a fixed list: no free text, so nobody is
 * invited to type an ID number or an illness into a box kept with a page); and, on the receipt,
 * how satisfied they were (the GOV.UK five-point scale). Stable codes; the site words them.
 */
export const FEEDBACK_REASONS = ['unclear', 'missing', 'wrong', 'hard_to_use', 'other'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** Best first, as the question lists them. */
export const RATINGS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** Content pages that ask "这个页面有用吗？": guides, their easy-read versions, news (paths without the script prefix). */
const CONTENT_PAGE = /^\/(policies\/[a-z0-9-]{1,80}\/(easy-read\/)?|news\/[a-z0-9-]{1,80}\/)$/;

export const isContentPagePath = (path: string): boolean => CONTENT_PAGE.test(path);
export const isReason = (value: string): value is FeedbackReason => (FEEDBACK_REASONS as readonly string[]).includes(value);
export const isRating = (value: string): value is Rating => (RATINGS as readonly string[]).includes(value);

/** A feedback id as the database returns it (a random UUID). */
export const isFeedbackId = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
