// A year's holiday schedule as people read it, in the notice's own style: 1月28日（周二）至2月4日（周二）放假，
// 共8天；1月26日（周日）、2月8日（周六）上班. Shared by the calendar cards and the admin commands.
import { formatDate, weekday, WEEKDAY_NAMES, ymdParts, type Ymd } from '../domain/dates.ts';
import type { Festival } from '../domain/holiday-notice.ts';
import type { DayChange, MonthSummary } from '../domain/year-calendar.ts';

const week = (d: Ymd) => `周${WEEKDAY_NAMES[weekday(d)]}`;

/** 10月1日, with the year when it is not `year`. */
export function monthDay(d: Ymd, year: number): string {
  const p = ymdParts(d);
  return p.y === year ? `${p.m}月${p.d}日` : formatDate(d);
}

/** 10月1日（周四） */
export const dayWithWeek = (d: Ymd, year: number) => `${monthDay(d, year)}（${week(d)}）`;

const list = (days: readonly Ymd[], year: number) => days.map((d) => dayWithWeek(d, year)).join('、');

export function festivalLine(f: Festival, year: number): string {
  const sameMonth = f.from.slice(0, 7) === f.to.slice(0, 7);
  const end = f.from === f.to ? '' : `至${sameMonth ? `${ymdParts(f.to).d}日` : monthDay(f.to, year)}（${week(f.to)}）`;
  const parts = [`${dayWithWeek(f.from, year)}${end}放假${f.days > 1 ? `，共${f.days}天` : ''}`];
  if (f.joinsWeekend) parts.push('与周末连休');
  if (f.compensatory.length) parts.push(`${list(f.compensatory, year)}补休`);
  if (f.noMakeUp && !f.workdays.length) parts.push('不调休');
  return parts.join('，') + (f.workdays.length ? `；${list(f.workdays, year)}上班` : '');
}

/** Days of one month as runs: 1—3日、5日. */
function runs(days: readonly Ymd[]): string {
  const out: string[] = [];
  let start: number | null = null;
  let prev: number | null = null;
  const flush = () => {
    if (start !== null) out.push(start === prev ? `${start}日` : `${start}—${prev}日`);
  };
  for (const d of days.map((x) => ymdParts(x).d)) {
    if (prev !== null && d === prev + 1) prev = d;
    else {
      flush();
      start = prev = d;
    }
  }
  flush();
  return out.join('、');
}

export function monthLine(m: MonthSummary): string {
  const off = m.off.length ? `　放假 ${runs(m.off)}` : '';
  const worked = m.worked.length ? `　上班 ${m.worked.map((d) => `${ymdParts(d).d}日（${week(d)}）`).join('、')}` : '';
  return `${m.month}月　工作日 ${m.workingDays} 天${off}${worked}`;
}

const WORD = { work: '上班', off: '放假' } as const;

/** 10月8日（周五）：上班 → 放假 */
export const changeLine = (c: DayChange, year: number) => `${dayWithWeek(c.date, year)}：${WORD[c.before]} → ${WORD[c.after]}`;

/** A named group of an official year's days: 国庆节　放假 10月1日—7日；上班 9月20日（周日）、10月10日（周六）. */
export function groupLine(g: { name: string; off: Ymd[]; worked: Ymd[] }, year: number): string {
  const byMonth = new Map<string, Ymd[]>();
  for (const d of g.off) byMonth.set(d.slice(0, 7), [...(byMonth.get(d.slice(0, 7)) ?? []), d]);
  const off = [...byMonth.values()].map((days) => `${ymdParts(days[0]!).m}月${runs(days)}`).join('、');
  return [off && `放假 ${off}`, g.worked.length && `上班 ${list(g.worked, year)}`].filter(Boolean).join('；');
}
