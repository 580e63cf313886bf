import data from '../../content/calendar.json' with { type: 'json' };
import type { CalendarData } from './content/calendar-schema.ts';
import { buildCalendar, type WorkingCalendar } from './calendar.ts';

/**
 * China's working-day calendar, from content/calendar.json — the one definition. A JSON module
 * (not a file read at run time) so that every runtime has it without file access: the built
 * pages, the Netlify functions, Node scripts and the tests all get it bundled or imported the
 * same way. The file is validated against CalendarSchema where all content is, at build (the
 * `calendar` collection of src/content.config.ts: a broken file fails the build and says why) and
 * by the unit tests; here it is only read. Marked pure so that a bundle that counts no working
 * days (the benefits checker's island) leaves the data out.
 */
export const CHINA_CALENDAR: WorkingCalendar = /* @__PURE__ */ buildCalendar(data as CalendarData);
