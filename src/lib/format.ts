/** How dates are written on the page: one definition, in src/domain/dates.ts. */
export { formatChinaTime, formatDate, formatDayOf } from '../domain/dates.ts';
