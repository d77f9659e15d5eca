// Working days (工作日) follow the State Council holiday schedule, including make-up working weekends
// (调休), not just Monday–Friday [DOMAIN.md "The campaign calendar"]. A day is read from three layers, the
// first that knows it wins:
//   1. an admin's day (e.g. a regional holiday such as 三月三): that day only;
//   2. a year's schedule loaded from the State Council's notice (《国务院办公厅关于YYYY年部分节假日安排的通知》);
//      a day the notice sets in a neighbouring year (the 2023 notice's 元旦 starts on 2022-12-31; the 2019
//      notice makes 2018-12-29 a working day) replaces that day only, like an admin's day;
//   3. the official schedule `chinese-days` ships (up to 2026).
// A year none of them knows falls back to Monday–Friday: every date computed from such a day is tentative
// (暂定), and callers must say so.
import { createRequire } from 'node:module';
import { z } from 'zod';
import { addDays, isYmd, weekday, ymdParts, type Ymd } from './dates.ts';

// Only chinese-days' data is used, read with our own dates: its functions read a date string in the
// server's time zone, and west of UTC they answer for the day before (TZ=America/Los_Angeles made every
// Saturday of 2017 a working day). Days are "YYYY-MM-DD" → "National Day,国庆节,3".
const OFFICIAL = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Readonly<Record<Ymd, string>>;
  workdays: Readonly<Record<Ymd, string>>;
};
const OFFICIAL_YEARS = new Set(Object.keys(OFFICIAL.holidays).map((d) => Number(d.slice(0, 4))));

export type DayKind = 'holiday' | 'workday';
export type DayOverride = { date: Ymd; kind: DayKind; name?: string | undefined };

/** A whole year's schedule as the State Council published it: the listed days, every other day Monday–Friday. */
export type YearSchedule = { year: number; days: readonly DayOverride[] };

export const dayOverrideSchema = z.object({
  date: z.string().refine(isYmd, { error: '日期应为 YYYY-MM-DD，例如 2027-10-01' }),
  kind: z.enum(['holiday', 'workday'], { error: '类型只能是 holiday（放假）或 workday（调休上班）' }),
  name: z.string().trim().max(40).optional(),
});

/** Where a year's schedule comes from: the package, a loaded notice, or nowhere (Monday–Friday, tentative). */
export type YearSource = 'official' | 'notice' | 'none';
/** Where one day's answer comes from. */
export type DaySource = 'admin' | 'notice' | 'official' | 'estimated';

export type DayInfo = { work: boolean; source: DaySource; name?: string | undefined };

/** The package knows a year when it lists any holiday in it (every real year has 元旦). */
export function officiallyKnown(year: number): boolean {
  return OFFICIAL_YEARS.has(year);
}

const mondayToFriday = (day: Ymd) => {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6;
};

/** chinese-days names days "National Day,国庆节,3": the Chinese name is what people read. */
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };
const officialName = (raw: string | undefined) => {
  const name = raw?.split(',')[1];
  return name ? (FULL_NAMES[name] ?? name) : undefined;
};

export type WorkCalendarOptions = {
  /** Days an admin set, each replacing that day only. */
  admin?: readonly DayOverride[];
  /** Years loaded from the State Council's notice, each replacing the package's data for its year. */
  notices?: readonly YearSchedule[];
  /** Told once per year the first time a day of a year nobody knows is asked about. */
  onUnknownYear?: (year: number) => void;
};

export class WorkCalendar {
  private readonly admin = new Map<Ymd, DayOverride>();
  private readonly notices = new Map<number, Map<Ymd, DayOverride>>();
  /** Days a notice sets outside its own year. */
  private readonly spill = new Map<Ymd, DayOverride>();
  private readonly warned = new Set<number>();
  private readonly onUnknownYear: (year: number) => void;

  constructor(o: WorkCalendarOptions = {}) {
    for (const d of o.admin ?? []) this.admin.set(d.date, d);
    for (const s of o.notices ?? []) {
      this.notices.set(s.year, new Map(s.days.filter((d) => ymdParts(d.date).y === s.year).map((d) => [d.date, d])));
      for (const d of s.days) if (ymdParts(d.date).y !== s.year) this.spill.set(d.date, d);
    }
    this.onUnknownYear = o.onUnknownYear ?? (() => {});
  }

  /** Where the schedule of a year comes from (an admin's single days do not make a year known). */
  yearSource(year: number): YearSource {
    if (this.notices.has(year)) return 'notice';
    return officiallyKnown(year) ? 'official' : 'none';
  }

  /** Years among `years` with no schedule: their dates are tentative. */
  unknownYears(years: Iterable<number>): number[] {
    return [...new Set(years)].filter((y) => this.yearSource(y) === 'none').sort((a, b) => a - b);
  }

  day(day: Ymd): DayInfo {
    const admin = this.admin.get(day);
    if (admin) return { work: admin.kind === 'workday', source: 'admin', name: admin.name };
    const year = ymdParts(day).y;
    const notice = this.notices.get(year);
    const listed = notice?.get(day) ?? this.spill.get(day);
    if (listed) return { work: listed.kind === 'workday', source: 'notice', name: listed.name };
    if (notice) return { work: mondayToFriday(day), source: 'notice' };
    if (officiallyKnown(year)) {
      const worked = OFFICIAL.workdays[day];
      if (worked) return { work: true, source: 'official', name: officialName(worked) };
      const off = OFFICIAL.holidays[day];
      return off ? { work: false, source: 'official', name: officialName(off) } : { work: mondayToFriday(day), source: 'official' };
    }
    if (!this.warned.has(year)) {
      this.warned.add(year);
      this.onUnknownYear(year);
    }
    return { work: mondayToFriday(day), source: 'estimated' };
  }

  isWorkingDay(day: Ymd): boolean {
    return this.day(day).work;
  }

  /** Whether a day's answer is a guess (Monday–Friday in a year with no schedule). */
  isTentative(day: Ymd): boolean {
    return this.day(day).source === 'estimated';
  }

  /** Whether any day from `a` to `b` (inclusive, either order) is a guess. */
  tentativeBetween(a: Ymd, b: Ymd): boolean {
    const [from, to] = a <= b ? [a, b] : [b, a];
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isTentative(d)) return true;
    return false;
  }

  /** The n-th working day after `day` (n > 0) or before it (n < 0); `day` itself is not counted. */
  addWorkingDays(day: Ymd, n: number): Ymd {
    if (!Number.isInteger(n) || n === 0) throw new Error(`addWorkingDays needs a non-zero integer, got ${n}`);
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let d = day;
    while (left > 0) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to` (negative when `to` is before `from`). */
  workingDaysBetween(from: Ymd, to: Ymd): number {
    if (from === to) return 0;
    const forward = from < to;
    let count = 0;
    for (let d = from; d !== to; ) {
      d = addDays(d, forward ? 1 : -1);
      if (this.isWorkingDay(d)) count++;
    }
    return forward ? count : -count;
  }

  /**
   * The days of a year that differ from Monday–Friday: holidays on weekdays and working weekends, with
   * where each answer comes from. This is the whole schedule in the fewest days.
   */
  specialDays(year: number): { date: Ymd; kind: DayKind; source: DaySource; name?: string | undefined }[] {
    const out: { date: Ymd; kind: DayKind; source: DaySource; name?: string | undefined }[] = [];
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const info = this.day(d);
      if (info.work !== mondayToFriday(d)) out.push({ date: d, kind: info.work ? 'workday' : 'holiday', source: info.source, name: info.name });
    }
    return out;
  }
}

/** What people are told wherever a date rests on a guessed year [DOMAIN.md "The campaign calendar"]. */
export function tentativeNote(years: readonly number[]): string {
  return `${years.map((y) => `${y}年`).join('、')}节假日安排尚未导入，期限暂按周一至周五计算`;
}

/**
 * Due dates of the six execution steps of one class [seed 一, 二(一)4-5]: the package, the project and the
 * registrations (steps 1–3) at least 5 working days before the class starts; attendance, teaching data and
 * the settled amount (steps 4–6) within 5 working days after it ends. Each is the last day allowed, and says
 * whether it rests on a guessed year (暂定).
 */
export const STEP_LEAD_WORKING_DAYS = 5;

export type DueDates = { beforeStart: Ymd; afterEnd: Ymd; tentative: { beforeStart: boolean; afterEnd: boolean } };

export function executionDueDates(cal: WorkCalendar, start: Ymd, end: Ymd): DueDates {
  const beforeStart = cal.addWorkingDays(start, -STEP_LEAD_WORKING_DAYS);
  const afterEnd = cal.addWorkingDays(end, STEP_LEAD_WORKING_DAYS);
  return { beforeStart, afterEnd, tentative: { beforeStart: cal.tentativeBetween(beforeStart, start), afterEnd: cal.tentativeBetween(end, afterEnd) } };
}
