// Dates as the State Council's holiday notice writes them: 10月1日（周三）, 8日（周三）, 2022年12月31日,
// 1月28日（农历除夕、周二）. A date may leave out the year (the notice's year) and, after the first date of a
// clause, the month (the previous date's). Weekday notes (周X, 星期X, 礼拜X) are checked against the real
// date; lunar notes (农历…) and other words in the brackets are not binding and are ignored.
import { isYmd, weekday, WEEKDAY_NAMES, weekdayName, ymd, type Ymd } from './dates.ts';

/** One written date, with what its brackets say. */
export const DATE_SOURCE = String.raw`(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:（[^）]*）)?`;
const DATE_PARTS = /^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:（([^）]*)）)?$/;

const WEEKDAY_OF: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

export const isWeekend = (day: Ymd) => weekday(day) === 0 || weekday(day) === 6;

export type DateContext = { year: number; month?: number | undefined };

export type ReadDate = { ok: true; date: Ymd; written: string; weekdayNote: number | null; noteText: string | null } | { ok: false; written: string; message: string };

/**
 * Reads one written date in context (the notice's year, the month of the date before it in the clause).
 * Returns what went wrong in Chinese, naming the date as written.
 */
export function readDate(written: string, ctx: DateContext): ReadDate {
  const m = DATE_PARTS.exec(written);
  if (!m) return { ok: false, written, message: `「${written}」不是日期` };
  const year = m[1] ? Number(m[1]) : ctx.year;
  const month = m[2] ? Number(m[2]) : ctx.month;
  const d = Number(m[3]);
  if (month === undefined) return { ok: false, written, message: `「${written}」没有写明月份` };
  const date = ymd(year, month, d);
  if (!isYmd(date)) return { ok: false, written, message: `「${written}」不是有效日期（${year}年没有${month}月${d}日）` };
  const note = m[4] ?? null;
  const weekdays = (note ?? '')
    .split(/[、，,]/)
    .map((p) => /^(?:周|星期|礼拜)([日天一二三四五六])$/.exec(p.trim()))
    .filter((x): x is RegExpExecArray => !!x)
    .map((x) => WEEKDAY_OF[x[1]!]!);
  return { ok: true, date, written, weekdayNote: weekdays[0] ?? null, noteText: note };
}

/** The contradiction between a date and its weekday note, in Chinese; null when they agree or there is no note. */
export function weekdayConflict(r: Extract<ReadDate, { ok: true }>): string | null {
  if (r.weekdayNote === null || r.weekdayNote === weekday(r.date)) return null;
  const p = r.date.split('-').map(Number) as [number, number, number];
  return `${p[0]}年${p[1]}月${p[2]}日是${weekdayName(r.date)}，不是括号里写的「周${WEEKDAY_NAMES[r.weekdayNote]}」`;
}

/** Every date written in a text, in order (the brackets stay with their date). */
export function datesIn(text: string): string[] {
  return [...text.matchAll(new RegExp(DATE_SOURCE, 'g'))].map((m) => m[0]);
}

/** Whether a text mentions a day at all (a sentence with no day in it cannot set one). */
export const mentionsDay = (text: string) => /\d{1,2}日/.test(text);

/** The year and month of a Ymd: what the next date of the same clause leaves out. */
export function contextAfter(date: Ymd): DateContext {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

/** Whether a written date gives its own year (2022年12月31日). */
export const hasYear = (written: string) => /^\d{4}年/.test(written);
