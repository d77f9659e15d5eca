// Months as the notice and people write them: runs of consecutive months (5-6 月和 11-12 月), the months left
// when some are ruled out, and the months a class's days fall in. The months themselves come from the rules.
import { addDays, ymdParts, type Ymd } from './dates.ts';

const YEAR = Array.from({ length: 12 }, (_, i) => i + 1);

/** [5, 6, 11, 12] → [[5, 6], [11, 12]]. */
function runs(months: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const m of [...new Set(months)].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && last.at(-1) === m - 1) last.push(m);
    else out.push([m]);
  }
  return out;
}

/** [5, 6, 11, 12] → 5-6 月和 11-12 月; with `sep` '、': 5-6 月、11-12 月. */
export function monthSpans(months: readonly number[], sep = '和 '): string {
  return runs(months)
    .map((r) => (r.length > 1 ? `${r[0]}-${r.at(-1)} 月` : `${r[0]} 月`))
    .join(sep);
}

/** The months of the year not in `months`. */
export const otherMonths = (months: readonly number[]) => YEAR.filter((m) => !months.includes(m));

/** The allowed months closest to `month` (both when two are as close). */
export function nearestMonths(month: number, allowed: readonly number[]): number[] {
  const best = Math.min(...allowed.map((m) => Math.abs(m - month)));
  return allowed.filter((m) => Math.abs(m - month) === best);
}

/** The months among `months` that any day of a class falls in, in order. */
export function monthsTouched(cls: { start: Ymd; end: Ymd }, months: readonly number[]): number[] {
  const found = new Set<number>();
  for (let d = cls.start, i = 0; d <= cls.end && i <= 400; d = addDays(d, 1), i++) {
    const m = ymdParts(d).m;
    if (months.includes(m)) found.add(m);
  }
  return [...found].sort((a, b) => a - b);
}
