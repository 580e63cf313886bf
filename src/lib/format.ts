/** How dates are written on the page: one definition, in src/domain/dates.ts. */
export { formatDate, formatDayOf } from '../domain/dates.ts';
