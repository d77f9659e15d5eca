// Working days (工作日) follow the State Council holiday schedule, including make-up working weekends
// (调休), not just Monday–Friday. `chinese-days` carries the official schedule up to 2026; later years come
// from an override the admin loads (calendar:import). A year known to neither falls back to Monday–Friday,
// and the caller is told so it can warn.
import chineseDays from 'chinese-days';
import { z } from 'zod';
import { addDays, isYmd, weekday, ymdParts, type Ymd } from './dates.ts';

// chinese-days ships CommonJS for Node (its ESM build is only seen by bundlers): use the default export.
const { getDayDetail, getHolidaysInRange } = chineseDays;

export type DayKind = 'holiday' | 'workday';
export type DayOverride = { date: Ymd; kind: DayKind; name?: string | undefined };

export const dayOverrideSchema = z.object({
  date: z.string().refine(isYmd, { error: '日期应为 YYYY-MM-DD，例如 2027-10-01' }),
  kind: z.enum(['holiday', 'workday'], { error: '类型只能是 holiday（放假）或 workday（调休上班）' }),
  name: z.string().trim().max(40).optional(),
});

export type CalendarCoverage = 'official' | 'admin' | 'none';

const officialYears = new Map<number, boolean>();
/** The package knows a year when it lists any weekday holiday in it (every real year has 元旦). */
function officiallyKnown(year: number): boolean {
  let known = officialYears.get(year);
  if (known === undefined) {
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    officialYears.set(year, known);
  }
  return known;
}

export class WorkCalendar {
  private readonly overrides = new Map<Ymd, DayOverride>();
  private readonly adminYears = new Set<number>();
  private readonly warned = new Set<number>();

  constructor(
    overrides: readonly DayOverride[] = [],
    private readonly onUnknownYear: (year: number) => void = () => {},
  ) {
    for (const o of overrides) {
      this.overrides.set(o.date, o);
      this.adminYears.add(ymdParts(o.date).y);
    }
  }

  coverage(year: number): CalendarCoverage {
    if (this.adminYears.has(year)) return 'admin';
    return officiallyKnown(year) ? 'official' : 'none';
  }

  isWorkingDay(day: Ymd): boolean {
    const override = this.overrides.get(day);
    if (override) return override.kind === 'workday';
    const year = ymdParts(day).y;
    if (this.coverage(year) === 'official') return getDayDetail(day).work;
    if (this.coverage(year) === 'none' && !this.warned.has(year)) {
      this.warned.add(year);
      this.onUnknownYear(year);
    }
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
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
}

/**
 * Due dates of the six execution steps of one class [seed 一, 二(一)4-5]: the package, the project and the
 * registrations (steps 1–3) at least 5 working days before the class starts; attendance, teaching data and
 * the settled amount (steps 4–6) within 5 working days after it ends. Each is the last day allowed.
 */
export const STEP_LEAD_WORKING_DAYS = 5;

export function executionDueDates(cal: WorkCalendar, start: Ymd, end: Ymd): { beforeStart: Ymd; afterEnd: Ymd } {
  return {
    beforeStart: cal.addWorkingDays(start, -STEP_LEAD_WORKING_DAYS),
    afterEnd: cal.addWorkingDays(end, STEP_LEAD_WORKING_DAYS),
  };
}
