// A year with no holiday schedule is said out loud [DOMAIN.md "The campaign calendar": dates in it are
// estimated]: the State Council publishes next year's schedule in November, so from Nov 1 the next year is
// needed, and this year always is. Admins are reminded once a week, on the first working day of the week that
// a run reaches within waking hours, from the reminder time on (a Monday holiday moves it to Tuesday).
import { addDays, beijingInstant, beijingYmd, weekday, ymdParts, type Ymd } from './dates.ts';
import { nextAllowed, type ReminderSchedule } from './reminders.ts';
import type { WorkCalendar } from './working-days.ts';

/** From this month on, next year's schedule is expected (it is usually published in early November). */
export const NEXT_YEAR_FROM_MONTH = 11;

export function yearsNeeded(now: Date): number[] {
  const { y, m } = ymdParts(beijingYmd(now));
  return m >= NEXT_YEAR_FROM_MONTH ? [y, y + 1] : [y];
}

/** The Monday of the Beijing week `now` is in: the week's id. */
export function weekOf(now: Date): Ymd {
  const day = beijingYmd(now);
  return addDays(day, -((weekday(day) + 6) % 7));
}

/** Whether a weekly reminder may go out at `now`: a working day, waking hours, not before the reminder time. */
export function weeklyReminderDue(now: Date, s: ReminderSchedule, cal: WorkCalendar): { due: boolean; week: Ymd } {
  const day = beijingYmd(now);
  const from = beijingInstant(day, Number(s.time.slice(0, 2)), Number(s.time.slice(3, 5)));
  const allowed = nextAllowed(now, s, cal, null).getTime() === now.getTime();
  return { due: allowed && now >= from, week: weekOf(now) };
}
