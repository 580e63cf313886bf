import type { StaffApplication } from '../../data/staff.ts';
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
  if (app.closed_at) return null;
  const days = (site.applications.stepDeadlines as Record<string, Record<string, number> | undefined>)[app.service]?.[app.status];
  if (!days) return null;
  const entered = [...app.history].reverse().find((e) => e.status === app.status);
  if (!entered) return null;
  const from = todayInChina(Date.parse(entered.at));
  const due = addWorkingDays(from, days);
  return { from, due, days, overdue: today > due, note: calendarNote([from, due], useTranslations('zh-Hans')) };
}
