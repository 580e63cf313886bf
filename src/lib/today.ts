/** Today's date in China (UTC+8, no daylight saving), YYYY-MM-DD: the server's "today" for every rule. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
