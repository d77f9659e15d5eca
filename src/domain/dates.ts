// Dates shown to people are Beijing time, written the Chinese way: 2027年8月5日, 8月5日 17:00.
const TZ = 'Asia/Shanghai';

const parts = (d: Date) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: TZ,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), hh: p.hour!, mm: p.minute!, ss: p.second! };
};

/** 2027年8月5日 */
export function formatDate(d: Date): string {
  const p = parts(d);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** 2027年8月5日 17:00 */
export function formatDateTime(d: Date): string {
  const p = parts(d);
  return `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** 8月5日 17:00 (same year as the reader's context) */
export function formatShortDateTime(d: Date): string {
  const p = parts(d);
  return `${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}
