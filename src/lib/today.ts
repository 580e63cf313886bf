/** Today's date in China: one definition, in src/domain/dates.ts. */
export { todayInChina } from '../domain/dates.ts';
