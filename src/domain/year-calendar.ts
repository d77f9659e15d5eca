// A year of the working-day calendar as people read it: by month, the days off that fall on weekdays and the
// weekends worked, with the count of working days; what changes between two calendars; and the JSON shape
// `calendar:show --json` and `calendar:notice --dry-run --json` print.
import { addDays, weekday, ymdParts, type Ymd } from './dates.ts';
import type { DaySource, WorkCalendar, YearSource } from './working-days.ts';

export type MonthSummary = { month: number; off: Ymd[]; worked: Ymd[]; workingDays: number };

const weekend = (d: Ymd) => weekday(d) === 0 || weekday(d) === 6;

function* daysOf(year: number): Generator<Ymd> {
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) yield d;
}

export function monthSummaries(cal: WorkCalendar, year: number): MonthSummary[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, off: [] as Ymd[], worked: [] as Ymd[], workingDays: 0 }));
  for (const d of daysOf(year)) {
    const m = months[ymdParts(d).m - 1]!;
    const work = cal.isWorkingDay(d);
    if (work) m.workingDays++;
    if (!work && !weekend(d)) m.off.push(d);
    if (work && weekend(d)) m.worked.push(d);
  }
  return months;
}

export const yearWorkingDays = (months: readonly MonthSummary[]) => months.reduce((n, m) => n + m.workingDays, 0);

export type DayChange = { date: Ymd; before: 'work' | 'off'; after: 'work' | 'off' };

/** Days of the year that are a working day in one calendar and a day off in the other. */
export function calendarChanges(before: WorkCalendar, after: WorkCalendar, year: number): DayChange[] {
  const out: DayChange[] = [];
  for (const d of daysOf(year)) {
    const a = before.isWorkingDay(d);
    const b = after.isWorkingDay(d);
    if (a !== b) out.push({ date: d, before: a ? 'work' : 'off', after: b ? 'work' : 'off' });
  }
  return out;
}

export type ScheduleJson = {
  year: number;
  source: YearSource;
  /** Days off on weekdays (Monday–Friday). */
  holidays: Ymd[];
  /** Working days on weekends. */
  workdays: Ymd[];
  /** Days whose answer comes from elsewhere than the year's source (an admin's single days). */
  sources?: Record<Ymd, DaySource>;
};

const SOURCE_OF_YEAR: Record<YearSource, DaySource> = { official: 'official', notice: 'notice', none: 'estimated' };

/** The effective calendar of a year, in the fewest days. */
export function scheduleJson(cal: WorkCalendar, year: number): ScheduleJson {
  const source = cal.yearSource(year);
  const special = cal.specialDays(year);
  const others = special.filter((d) => d.source !== SOURCE_OF_YEAR[source]);
  return {
    year,
    source,
    holidays: special.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: special.filter((d) => d.kind === 'workday').map((d) => d.date),
    ...(others.length ? { sources: Object.fromEntries(others.map((d) => [d.date, d.source])) } : {}),
  };
}

/** The festivals of an officially known year, from the package's day names: 国庆节 10月1日–7日, 上班 9月20日…. */
export function namedGroups(cal: WorkCalendar, year: number): { name: string; off: Ymd[]; worked: Ymd[] }[] {
  const groups = new Map<string, { name: string; off: Ymd[]; worked: Ymd[] }>();
  for (const d of daysOf(year)) {
    const info = cal.day(d);
    if (!info.name || (info.source !== 'official' && info.source !== 'notice')) continue;
    const g = groups.get(info.name) ?? { name: info.name, off: [], worked: [] };
    (info.work ? g.worked : g.off).push(d);
    groups.set(info.name, g);
  }
  return [...groups.values()].sort((a, b) => (a.off[0] ?? a.worked[0]!).localeCompare(b.off[0] ?? b.worked[0]!));
}

/** What a notice alone says, in the same shape (its days in a neighbouring year included). */
export function noticeJson(schedule: { year: number; days: readonly { date: Ymd; kind: 'holiday' | 'workday' }[] }): ScheduleJson {
  const days = [...schedule.days].sort((a, b) => a.date.localeCompare(b.date));
  return {
    year: schedule.year,
    source: 'notice',
    holidays: days.filter((d) => d.kind === 'holiday' && !weekend(d.date)).map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'workday' && weekend(d.date)).map((d) => d.date),
  };
}
