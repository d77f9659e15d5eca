// When a class's missing steps are reminded, and 补录 before its deadline. Slots reuse the reminder machinery
// (domain/reminders.ts).
import { beijingInstant, beijingYmd, endOfBeijingDay, ymdParts, type Ymd } from './dates.ts';
import type { ClassDates } from './class-timeline.ts';
import type { StepNo } from './execution-steps.ts';
import { deadlineSlots, nextAllowed, type ReminderSchedule, type Slot } from './reminders.ts';
import { executionDueDates, type WorkCalendar } from './working-days.ts';

export type ClassForAlerts = ClassDates & { id: number; createdAt: Date };

/**
 * Steps 1–3 at 09:00 on the 7th and the 5th working day before the start; steps 4–6 on the 3rd working day
 * after the end and on the first working day past the due day; a start without an approved package on the
 * start day (or as soon as a class is recorded with a start already passed), at the first waking minute.
 */
export function classAlertSlots(cls: ClassForAlerts, s: ReminderSchedule, cal: WorkCalendar): Slot[] {
  const at = (day: Ymd) => beijingInstant(day, Number(s.time.slice(0, 2)), Number(s.time.slice(3, 5)));
  const { beforeStart, afterEnd } = executionDueDates(cal, cls.start, cls.end);
  const slot = (kind: Slot['kind'], day: Ymd, due: Ymd): Slot => {
    const nominal = at(day);
    return { kind, deadline: endOfBeijingDay(due), nominal, effective: nextAllowed(nominal, s, cal, null), id: `${kind}:${cls.id}:${cls.start}:${cls.end}` };
  };
  const startNominal = new Date(Math.max(beijingInstant(cls.start).getTime(), cls.createdAt.getTime()));
  const started: Slot = {
    kind: 'exec_started',
    deadline: endOfBeijingDay(cls.end),
    nominal: startNominal,
    effective: nextAllowed(startNominal, s, cal, beijingYmd(startNominal)),
    id: `exec_started:${cls.id}:${cls.start}:${cls.end}`,
  };
  return [
    slot('exec_pre7', cal.addWorkingDays(cls.start, -7), beforeStart),
    slot('exec_pre5', beforeStart, beforeStart),
    started,
    slot('exec_post3', cal.addWorkingDays(cls.end, 3), afterEnd),
    slot('exec_overdue', cal.addWorkingDays(afterEnd, 1), afterEnd),
  ];
}

/** Which steps a slot is about: the first three before the start, the last three after the end. */
export const SLOT_STEPS: Partial<Record<Slot['kind'], readonly StepNo[]>> = {
  exec_pre7: [1, 2, 3],
  exec_pre5: [1, 2, 3],
  exec_started: [1],
  exec_post3: [4, 5, 6],
  exec_overdue: [4, 5, 6],
};

/** 补录 reminders before the backfill deadline (Dec 31) [seed 一]: 30, 14, 7, 3 and 1 days before, and the last day. */
export const BACKFILL_DAYS = [30, 14, 7, 3, 1];
export function backfillSlots(closesAt: Date, s: ReminderSchedule, cal: WorkCalendar): Slot[] {
  return deadlineSlots('backfill', closesAt, BACKFILL_DAYS, { ...s, lastDayTimes: [s.time] }, cal, new Date(closesAt.getTime() - 40 * 86_400_000));
}

/** The first plan year whose execution must be on record [seed 一: 2020年以来]. */
export const BACKFILL_FROM_YEAR = 2020;

/** The past plan years 补录 covers as of `now`: 2020 up to last year (Beijing calendar). */
export function backfillYears(now: Date): number[] {
  const y = ymdParts(beijingYmd(now)).y;
  return Array.from({ length: Math.max(0, y - BACKFILL_FROM_YEAR) }, (_, i) => BACKFILL_FROM_YEAR + i);
}
