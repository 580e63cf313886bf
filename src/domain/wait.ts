/**
 * How long someone has to wait (a throttled lookup, a rate-limited submission), said the way a
 * person says it: whole minutes up to an hour and a half, then whole hours, always rounded up so
 * that trying again at the time said works. Texts put the number into their own words.
 */
export type WaitAmount = { unit: 'minutes' | 'hours'; n: number };

export function waitAmount(seconds: number): WaitAmount {
  const minutes = Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 0) / 60));
  return minutes <= 90 ? { unit: 'minutes', n: minutes } : { unit: 'hours', n: Math.ceil(minutes / 60) };
}
