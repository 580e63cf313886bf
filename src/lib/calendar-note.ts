import { yearsNotAnnounced } from '../domain/dates.ts';
import type { Translate } from '../i18n/index.ts';

/**
 * "2027 年的放假安排尚未公布，按周末计算。" when a period runs into a year whose holidays are not
 * announced yet (counted as weekends only); else null. Wherever such a date is shown.
 */
export function calendarNote(dates: readonly string[], t: Translate): string | null {
  const years = yearsNotAnnounced(dates);
  return years.length ? t('calendar.unannounced', { years: years.join('、') }) : null;
}
