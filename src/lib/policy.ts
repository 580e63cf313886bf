import type { IntakePolicy } from '../domain/applications/context.ts';
import { intakePolicy } from '../data/applications.ts';

/**
 * The database's policy changes rarely (a migration): read it once a minute at most. While the
 * database cannot be reached the last known policy is used; before any is known, the figures
 * are unknown (null). No page states them then: every text that does (how long a draft is kept,
 * how long to wait after too many tries) is shown only in answer to the database.
 */
const POLICY_TTL_MS = 60_000;
export const UNKNOWN_POLICY: IntakePolicy = { draftRetentionDays: null, lookupWindowMinutes: null };
let cached: { policy: IntakePolicy; at: number } | undefined;

export async function currentPolicy(): Promise<IntakePolicy> {
  if (cached && Date.now() - cached.at < POLICY_TTL_MS) return cached.policy;
  try {
    cached = { policy: await intakePolicy(), at: Date.now() };
  } catch {
    return cached?.policy ?? UNKNOWN_POLICY;
  }
  return cached.policy;
}
