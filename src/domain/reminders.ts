// When reminders are due [seed 二(一)1-2: 申报 by Aug 5, 修改 by Aug 10; the first review the same day].
// Pure: slots of a campaign (nominal time → effective time after quiet hours and non-working days), and
// which slots a run at `now` must send (less than 12 hours late) or skip (older).
import { z } from 'zod';
import type { Campaign } from './campaign.ts';
import { addDays, beijingInstant, beijingYmd, formatMonthDay, weekdayName, ymdParts, type Ymd } from './dates.ts';
import type { WorkCalendar } from './working-days.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式为 HH:MM，例如 09:00' });

export const reminderScheduleSchema = z.object({
  /** Working days before the 申报 deadline's last day, at `time`: a reminder never falls on a day off. */
  declareDays: z.array(z.number().int().min(1).max(30)).default([7, 3, 1]),
  /** Working days before the 修改 deadline's last day, at `time`. */
  reviseDays: z.array(z.number().int().min(1).max(30)).default([3, 1]),
  time: hhmm.default('09:00'),
  /** Times on the last day itself. */
  lastDayTimes: z.array(hhmm).default(['09:00', '15:00']),
  /** Plans submitted today and still undecided at this time: a reminder to reviewers. */
  reviewSameDay: hhmm.default('16:00'),
  /** Still pending the next working morning: a stronger one. */
  reviewNextMorning: hhmm.default('09:00'),
  quietStart: hhmm.default('20:00'),
  quietEnd: hhmm.default('08:30'),
});

export type ReminderSchedule = z.infer<typeof reminderScheduleSchema>;
export const DEFAULT_SCHEDULE: ReminderSchedule = reminderScheduleSchema.parse({});

export type SlotKind =
  | 'declare'
  | 'revise'
  | 'review_same_day'
  | 'review_overdue'
  /** 补录 of past execution data before Dec 31 [seed 一]. */
  | 'backfill'
  /** Execution steps of a class (domain/execution.ts). */
  | 'exec_pre7'
  | 'exec_pre5'
  | 'exec_started'
  | 'exec_post3'
  | 'exec_overdue';

export type Slot = {
  kind: SlotKind;
  /** The deadline it is about (exclusive instant); for review slots, the end of the day. */
  deadline: Date;
  /** When it was scheduled, and when it may actually go out (quiet hours, non-working days). */
  nominal: Date;
  effective: Date;
  /** Stable id of the slot, part of every reminder key. */
  id: string;
  /** What the moment is, for people: 申报截止前 3 个工作日 09:00. */
  label?: string | undefined;
};

const at = (day: Ymd, time: string) => beijingInstant(day, Number(time.slice(0, 2)), Number(time.slice(3, 5)));

/** The first allowed moment at or after `t`: within waking hours, on a working day unless `anyDay` is that day. */
export function nextAllowed(t: Date, s: ReminderSchedule, cal: WorkCalendar, anyDay: Ymd | null): Date {
  let day = beijingYmd(t);
  let candidate = t;
  for (let i = 0; i < 30; i++) {
    const open = at(day, s.quietEnd);
    const close = at(day, s.quietStart);
    const allowedDay = day === anyDay || cal.isWorkingDay(day);
    if (allowedDay && candidate < close) return candidate < open ? open : candidate;
    day = addDays(day, 1);
    candidate = at(day, s.quietEnd);
  }
  return candidate;
}

/** The last day on which a deadline (exclusive instant) can still be met. */
export function lastDay(closesAt: Date): Ymd {
  return beijingYmd(new Date(closesAt.getTime() - 1));
}

const DEADLINE_NAMES: Record<'declare' | 'revise' | 'backfill', string> = { declare: '申报截止', revise: '修改截止', backfill: '补录截止' };

/**
 * Slots before a deadline: `days` before its last day at `s.time` (working days, or calendar days when
 * `unit` says so), and `s.lastDayTimes` on the last day itself, which is reminded even when it is a day off.
 */
export function deadlineSlots(
  kind: 'declare' | 'revise' | 'backfill',
  closesAt: Date,
  days: number[],
  s: ReminderSchedule,
  cal: WorkCalendar,
  after: Date,
  unit: 'working' | 'calendar' = 'calendar',
): Slot[] {
  const last = lastDay(closesAt);
  const name = DEADLINE_NAMES[kind];
  const before = (d: number) =>
    unit === 'working'
      ? { day: cal.addWorkingDays(last, -d), tag: `wd-${d}`, label: `${name}前 ${d} 个工作日 ${s.time}` }
      : { day: addDays(last, -d), tag: `d-${d}`, label: `${name}前 ${d} 天 ${s.time}` };
  const nominal = [
    ...[...days]
      .sort((a, b) => b - a)
      .map(before)
      .map((b) => ({ when: at(b.day, s.time), tag: b.tag, label: b.label })),
    ...s.lastDayTimes.map((t) => ({ when: at(last, t), tag: `last-${t.replace(':', '')}`, label: `${name}当天 ${t}` })),
  ].filter((x) => x.when >= after && x.when < closesAt);
  const slots = nominal.map((n) => {
    const effective = nextAllowed(n.when, s, cal, last);
    return { kind, deadline: closesAt, nominal: n.when, effective, id: `${kind}:${closesAt.toISOString()}:${n.tag}`, label: n.label };
  });
  // A slot pushed onto (or past) the next one is superseded by it: one reminder, not two in a row.
  return slots.filter((slot, i) => !slots.slice(i + 1).some((later) => later.effective.getTime() <= slot.effective.getTime() + 3600_000) && slot.effective < closesAt);
}

/** Reminder slots of a campaign: before the 申报 deadline (from opening) and before the 修改 deadline. */
export function campaignSlots(c: Campaign, s: ReminderSchedule, cal: WorkCalendar): Slot[] {
  return [
    ...deadlineSlots('declare', c.declareClosesAt, s.declareDays, s, cal, c.opensAt, 'working'),
    ...deadlineSlots('revise', c.reviseClosesAt, s.reviseDays, s, cal, c.declareClosesAt, 'working'),
  ];
}

/** Review reminder slots on working days from `from` to `to` (Beijing days). */
export function reviewSlots(from: Ymd, to: Ymd, s: ReminderSchedule, cal: WorkCalendar): Slot[] {
  const out: Slot[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!cal.isWorkingDay(day)) continue;
    const end = at(addDays(day, 1), '00:00');
    const same = at(day, s.reviewSameDay);
    const morning = at(day, s.reviewNextMorning);
    out.push({ kind: 'review_same_day', deadline: end, nominal: same, effective: same, id: `review_same_day:${day}`, label: `当天提交仍未初审 ${s.reviewSameDay}` });
    out.push({ kind: 'review_overdue', deadline: end, nominal: morning, effective: morning, id: `review_overdue:${day}`, label: `超过当天仍未初审 ${s.reviewNextMorning}` });
  }
  return out;
}

export const CATCH_UP_MS = 12 * 3600_000;

/** Why nothing may go out at `now`, when that is the reason: a day off, or outside waking hours. */
export function quietReason(now: Date, s: ReminderSchedule, cal: WorkCalendar): string | null {
  const day = beijingYmd(now);
  const info = cal.day(day);
  if (!info.work) {
    const what = info.name ? `${info.name}假期（${weekdayName(day)}）` : weekdayName(day);
    return `${formatMonthDay(day)}是${what}，非工作日不发提醒（截止当天除外）`;
  }
  if (now < at(day, s.quietEnd) || now >= at(day, s.quietStart)) return `${s.quietStart}至次日 ${s.quietEnd} 不发提醒`;
  return null;
}

/** The first slot that goes out after `now`, if any. */
export function nextSlot(slots: readonly Slot[], now: Date): Slot | null {
  return slots.filter((x) => x.effective > now).sort((a, b) => a.effective.getTime() - b.effective.getTime())[0] ?? null;
}

/** Slots a run at `now` sends (effective within the last 12 hours) and those it is too late for. */
export function dueSlots(slots: readonly Slot[], now: Date, windowMs = CATCH_UP_MS): { due: Slot[]; tooLate: Slot[] } {
  const t = now.getTime();
  return {
    due: slots.filter((x) => x.effective.getTime() <= t && x.effective.getTime() > t - windowMs),
    tooLate: slots.filter((x) => x.effective.getTime() <= t - windowMs && x.effective.getTime() > t - 4 * windowMs),
  };
}

/** Whole calendar days from `now`'s day to a deadline's last day (0 = today is the last day). */
export function daysLeft(now: Date, closesAt: Date): number {
  const a = ymdParts(beijingYmd(now));
  const b = ymdParts(lastDay(closesAt));
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}
