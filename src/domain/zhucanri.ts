/**
 * 全国助残日 (National Day for Helping the Disabled): the third Sunday of May every year,
 * by Article 14 of the Law on the Protection of Persons with Disabilities; first held
 * on 1991-05-19, so the edition number is year − 1990.
 */
export const FIRST_ZHUCANRI_YEAR = 1991;

export interface ZhucanriDay {
  year: number;
  /** 第 N 次全国助残日 */
  edition: number;
  /** YYYY-MM-DD */
  date: string;
}

/** The third Sunday of May of a year, as YYYY-MM-DD (proleptic Gregorian, UTC arithmetic). */
export function thirdSundayOfMay(year: number): string {
  if (!Number.isInteger(year) || year < 1) throw new RangeError(`Not a year: ${year}`);
  const mayFirst = new Date(Date.UTC(year, 4, 1));
  mayFirst.setUTCFullYear(year); // years below 100 would otherwise map to 19xx
  const firstSunday = 1 + ((7 - mayFirst.getUTCDay()) % 7);
  const day = firstSunday + 14;
  return `${String(year).padStart(4, '0')}-05-${String(day).padStart(2, '0')}`;
}

/** The 助残日 of a year, or null before the first one (1991). */
export function zhucanriOf(year: number): ZhucanriDay | null {
  if (year < FIRST_ZHUCANRI_YEAR) return null;
  return { year, edition: year - (FIRST_ZHUCANRI_YEAR - 1), date: thirdSundayOfMay(year) };
}

/** Every edition from 1991 up to and including `lastYear`. */
export function zhucanriEditions(lastYear: number): ZhucanriDay[] {
  const days: ZhucanriDay[] = [];
  for (let year = FIRST_ZHUCANRI_YEAR; year <= lastYear; year++) days.push(zhucanriOf(year)!);
  return days;
}

/** The next 助残日 on or after a date (YYYY-MM-DD), e.g. to say "next year's is …". */
export function nextZhucanri(today: string): ZhucanriDay {
  const year = Number(today.slice(0, 4));
  const thisYear = zhucanriOf(Math.max(year, FIRST_ZHUCANRI_YEAR))!;
  return today <= thisYear.date ? thisYear : zhucanriOf(thisYear.year + 1)!;
}
