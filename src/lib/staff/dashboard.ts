import { addCalendarDays } from './calendar-days.ts';
import { dashboardFigures, parsePeriod, type DashboardFigures, type Period } from '../../domain/staff/dashboard.ts';
import { SERVICE_IDS } from '../../domain/applications/contract.ts';
import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { subtractWorkingDays, todayInChina } from '../../domain/dates.ts';
import { STATUSES } from './queue.ts';
import type { StaffContext } from './page.ts';

/**
 * The dashboard's period (the last 30, 90 or 365 days, today included: a GET parameter, no
 * personal data) and its figures, read with the staff member's own token (RLS decides which
 * applications count). Overdue means what the queue's filter means: open and untouched for
 * applications.overdueWorkingDays working days.
 */
export interface DashboardView { period: Period; from: string; to: string; figures: DashboardFigures | null }

export async function loadDashboard(ctx: StaffContext, search: URLSearchParams, site: SiteConfig, now = Date.now()): Promise<DashboardView> {
  const period = parsePeriod(search.get('period'));
  const to = todayInChina(now);
  const from = addCalendarDays(to, 1 - period);
  const staleBefore = `${subtractWorkingDays(to, site.applications.overdueWorkingDays)}T00:00:00+08:00`;
  try {
    const counts = await ctx.data.dashboard(from, to, staleBefore);
    return { period, from, to, figures: dashboardFigures(counts, SERVICE_IDS, STATUSES, site.townships.map((t) => t.id)) };
  } catch {
    return { period, from, to, figures: null };
  }
}
