// Beijing time. The notice's dates are Asia/Shanghai calendar days (UTC+8, no daylight saving since 1991),
// so instants are computed with a fixed offset and never depend on the server's own time zone.
// Dates shown to people are written the Chinese way: 2027年8月5日, 8月5日 17:00.

const OFFSET_MS = 8 * 3600_000;

/** A calendar day in Beijing, written YYYY-MM-DD. */
export type Ymd = string;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYmd(s: string): boolean {
  const m = YMD.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function ymdParts(ymd: Ymd): { y: number; m: number; d: number } {
  const m = YMD.exec(ymd);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function ymd(y: number, m: number, d: number): Ymd {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The Beijing calendar day an instant falls on. */
export function beijingYmd(instant: Date): Ymd {
  const t = new Date(instant.getTime() + OFFSET_MS);
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The instant of a Beijing wall-clock time. */
export function beijingInstant(day: Ymd, hh = 0, mm = 0, ss = 0, ms = 0): Date {
  const { y, m, d } = ymdParts(day);
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss, ms) - OFFSET_MS);
}

/** The first instant after a Beijing day: "by Aug 5" means before this. */
export function endOfBeijingDay(day: Ymd): Date {
  return beijingInstant(addDays(day, 1));
}

export function addDays(day: Ymd, n: number): Ymd {
  const { y, m, d } = ymdParts(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Ymd): number {
  const { y, m, d } = ymdParts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The day of the week as written after 星期 / 周: 日 一 二 … 六. */
export const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'] as const;

/** 星期日 … 星期六. */
export function weekdayName(day: Ymd): string {
  return `星期${WEEKDAY_NAMES[weekday(day)]}`;
}

/** 12月13日 */
export function formatMonthDay(day: Ymd): string {
  const p = ymdParts(day);
  return `${p.m}月${p.d}日`;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: Ymd, b: Ymd): number {
  const pa = ymdParts(a);
  const pb = ymdParts(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

function wall(instant: Date) {
  const t = new Date(instant.getTime() + OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: two(t.getUTCHours()), mm: two(t.getUTCMinutes()) };
}

/** 2027年8月5日 */
export function formatDate(d: Date | Ymd): string {
  if (typeof d === 'string') {
    const p = ymdParts(d);
    return `${p.y}年${p.m}月${p.d}日`;
  }
  const p = wall(d);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** 2027年8月5日 17:00 */
export function formatDateTime(d: Date): string {
  const p = wall(d);
  return `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** 8月5日 17:00 */
export function formatShortDateTime(d: Date): string {
  const p = wall(d);
  return `${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** How a deadline stored as "the first instant after" reads to a person: Aug 6 00:00 → 2027年8月5日 23:59. */
export function formatDeadline(closesAt: Date): string {
  return formatDateTime(new Date(closesAt.getTime() - 1));
}

/**
 * Reads a date the way people and spreadsheets write it: 2027-08-05, 2027/8/5, 2027.8.5, 2027年8月5日.
 * Returns null when it is not a real calendar day.
 */
export function parseDateText(text: string): Ymd | null {
  const t = text
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[日号]$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(t);
  if (!m) return null;
  const day = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  return isYmd(day) ? day : null;
}
