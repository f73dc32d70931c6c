import { calendarSeed } from './calendar.seed.ts';
import { WorkCalendar } from './work-calendar.ts';

/** A `WorkCalendar` loaded with the seed years 2020–2026 (for tests, demos and as the default). */
export function seededWorkCalendar(): WorkCalendar {
  return new WorkCalendar(calendarSeed);
}
