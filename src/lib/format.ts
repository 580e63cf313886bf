import { waitAmount } from '../domain/wait.ts';
import type { Translate } from '../i18n/index.ts';

/** How dates are written on the page: one definition, in src/domain/dates.ts. */
export { formatChinaTime, formatDate, formatDayOf } from '../domain/dates.ts';

/** How long to wait before trying again, in the page's words ("15 分钟", "3 小时"). */
export function formatWait(t: Translate, seconds: number): string {
  const wait = waitAmount(seconds);
  return t(wait.unit === 'minutes' ? 'applyFlow.wait.minutes' : 'applyFlow.wait.hours', { n: wait.n });
}
