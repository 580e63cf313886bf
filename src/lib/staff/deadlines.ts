import type { QueueRow, StaffApplication } from '../../data/staff.ts';
import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { addWorkingDays, todayInChina } from '../../domain/dates.ts';
import { useTranslations } from '../../i18n/index.ts';
import { calendarNote } from '../calendar-note.ts';

/**
 * The deadline of the step an application is in (site.yaml applications.stepDeadlines: a
 * certificate's 审核 within 10 working days), counted on the working-day calendar from the day it
 * entered the step; null for a step without one or a closed application.
 */
export interface StepDeadline { from: string; due: string; days: number; overdue: boolean; note: string | null }

export function stepDeadline(app: Pick<StaffApplication, 'service' | 'status' | 'history' | 'closed_at'>, site: SiteConfig, today = todayInChina()): StepDeadline | null {
  const entered = [...app.history].reverse().find((e) => e.status === app.status);
  if (!entered) return null;
  return deadlineSince({ service: app.service, status: app.status, since: entered.at, closed: app.closed_at !== null }, site, today);
}

/** The same for a queue row, which says since when it has been in its status (status_since). */
export function queueRowDeadline(row: Pick<QueueRow, 'service' | 'status' | 'status_since' | 'closed_at'>, site: SiteConfig, today = todayInChina()): StepDeadline | null {
  return deadlineSince({ service: row.service, status: row.status, since: row.status_since, closed: row.closed_at !== null }, site, today);
}

function deadlineSince(step: { service: string; status: string; since: string; closed: boolean }, site: SiteConfig, today: string): StepDeadline | null {
  if (step.closed) return null;
  const days = (site.applications.stepDeadlines as Record<string, Record<string, number> | undefined>)[step.service]?.[step.status];
  const entered = Date.parse(step.since);
  if (!days || Number.isNaN(entered)) return null;
  const from = todayInChina(entered);
  const due = addWorkingDays(from, days);
  return { from, due, days, overdue: today > due, note: calendarNote([from, due], useTranslations('zh-Hans')) };
}
