import * as v from 'valibot';
import data from '../../content/calendar.json' with { type: 'json' };
import { CalendarSchema } from './content/calendar-schema.ts';
import { buildCalendar, type WorkingCalendar } from './calendar.ts';

/**
 * China's working-day calendar, from content/calendar.json — the one definition. A JSON module
 * (not YAML read at run time) so that every runtime has it without file access: the built pages,
 * the Netlify functions, Node scripts and the tests all get it bundled or imported the same way.
 * A broken file throws here, so the build fails and says why.
 */
export const CHINA_CALENDAR: WorkingCalendar = buildCalendar(v.parse(CalendarSchema, data));
