import { workingDaysBetween } from '../dates.ts';
import { RATINGS, FEEDBACK_REASONS, type Rating, type FeedbackReason } from '../feedback/feedback.ts';

/**
 * The service dashboard's figures, from the counts staff_dashboard returns (no personal data):
 * totals per service, status, township and channel; overdue items; the median working days of
 * each step (working days through src/domain/dates.ts, the portal's one calendar); digital
 * take-up; completion of the online journeys; satisfaction; page usefulness.
 */
export interface DashboardCounts {
  applications: { service: string; status: string; township: string | null; channel: string; n: number }[];
  overdue: { service: string; n: number }[];
  steps: { service: string; status: string; entered: string; left: string }[];
  journeys: { service: string; channel: string; started: number; submitted: number }[];
  satisfaction: { service: string; rating: string; n: number }[];
  pages: { page: string; yes: number; no: number }[];
  reasons: { reason: string; n: number }[];
}

export interface Count<K extends string = string> { key: K; n: number }

/** Sums per key, in the order of `keys` (every key listed, 0 included), then any others found. */
function tally<K extends string>(rows: readonly { n: number }[], keyOf: (row: never) => string, keys: readonly K[] = []): Count<K>[] {
  const sums = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const row of rows) sums.set(keyOf(row as never), (sums.get(keyOf(row as never)) ?? 0) + row.n);
  return [...sums].map(([key, n]) => ({ key: key as K, n }));
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A share as a whole percentage (rounded half up); null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 100) / whole) : null);

export interface StepTime { service: string; status: string; count: number; medianDays: number | null }
export interface Journey { service: string; started: number; submitted: number; rate: number | null }

export interface DashboardFigures {
  total: number;
  byService: Count[];
  byStatus: { status: string; byService: Record<string, number>; n: number }[];
  byTownship: Count[];
  /** online (web forms) and api (other digital channels) are digital; counter is assisted. */
  byChannel: Count<'online' | 'api' | 'counter'>[];
  digitalShare: number | null;
  overdue: Count[];
  steps: StepTime[];
  journeys: Journey[];
  completion: Journey;
  ratings: Count<Rating>[];
  ratingTotal: number;
  /** 非常满意 and 满意 together, of all answers (GOV.UK's user satisfaction). */
  satisfied: number | null;
  useful: { yes: number; no: number; share: number | null };
  reasons: Count<FeedbackReason>[];
  /** The pages with the most "no" first (at most 10). */
  pages: { page: string; yes: number; no: number }[];
}

export function dashboardFigures(c: DashboardCounts, services: readonly string[], statuses: readonly string[], townships: readonly string[]): DashboardFigures {
  const total = c.applications.reduce((s, r) => s + r.n, 0);
  const byChannel = tally(c.applications, (r: { channel: string }) => r.channel, ['online', 'api', 'counter'] as const);
  const digital = byChannel.filter((r) => r.key !== 'counter').reduce((s, r) => s + r.n, 0);
  const byStatus = statuses.map((status) => {
    const rows = c.applications.filter((r) => r.status === status);
    return { status, byService: Object.fromEntries(tally(rows, (r: { service: string }) => r.service, services).map((x) => [x.key, x.n])), n: rows.reduce((s, r) => s + r.n, 0) };
  }).filter((r) => r.n > 0);
  const stepKeys = [...new Set(c.steps.map((s) => `${s.service}\u0000${s.status}`))];
  const steps = stepKeys.map((key) => {
    const [service, status] = key.split('\u0000') as [string, string];
    const days = c.steps.filter((s) => s.service === service && s.status === status).map((s) => workingDaysBetween(s.entered, s.left));
    return { service, status, count: days.length, medianDays: median(days) };
  }).sort((a, b) => services.indexOf(a.service) - services.indexOf(b.service) || statuses.indexOf(a.status) - statuses.indexOf(b.status));
  const journeys = services.map((service) => {
    const row = c.journeys.find((j) => j.service === service && j.channel === 'online');
    const started = row?.started ?? 0;
    const submitted = row?.submitted ?? 0;
    return { service, started, submitted, rate: percent(submitted, started) };
  });
  const started = journeys.reduce((s, j) => s + j.started, 0);
  const submitted = journeys.reduce((s, j) => s + j.submitted, 0);
  const ratings = tally(c.satisfaction, (r: { rating: string }) => r.rating, RATINGS).filter((r) => (RATINGS as readonly string[]).includes(r.key));
  const ratingTotal = ratings.reduce((s, r) => s + r.n, 0);
  const yes = c.pages.reduce((s, p) => s + p.yes, 0);
  const no = c.pages.reduce((s, p) => s + p.no, 0);
  return {
    total,
    byService: tally(c.applications, (r: { service: string }) => r.service, services),
    byStatus,
    byTownship: tally(c.applications, (r: { township: string | null }) => r.township ?? '', townships),
    byChannel,
    digitalShare: percent(digital, total),
    overdue: tally(c.overdue, (r: { service: string }) => r.service, services),
    steps,
    journeys,
    completion: { service: '', started, submitted, rate: percent(submitted, started) },
    ratings,
    ratingTotal,
    satisfied: percent(ratings.filter((r) => r.key === 'very_satisfied' || r.key === 'satisfied').reduce((s, r) => s + r.n, 0), ratingTotal),
    useful: { yes, no, share: percent(yes, yes + no) },
    reasons: tally(c.reasons, (r: { reason: string }) => r.reason, FEEDBACK_REASONS).filter((r) => (FEEDBACK_REASONS as readonly string[]).includes(r.key)),
    pages: [...c.pages].sort((a, b) => b.no - a.no || b.yes - a.yes || a.page.localeCompare(b.page)).slice(0, 10),
  };
}

/** The periods the dashboard offers (days back from today, today included). */
export const PERIODS = [30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];
export const parsePeriod = (value: string | null): Period => (PERIODS as readonly number[]).includes(Number(value)) ? (Number(value) as Period) : 30;
