// The 柳州市干部教育培训基地 list [seed 二(二)三]: out-of-city classes should, in principle, be run by an
// institution on it. Names are matched tolerantly (spacing, full-/half-width, bracket styles, known aliases),
// and a name that is close but not equal gets the closest official name as a suggestion.
import { z } from 'zod';
import { matchKey, normalizeText } from './parse.ts';

export type TrainingBase = { name: string; city: string; aliases: string[] };

/** The columns of the base list as uploaded (bases:import, or an admin's file in chat). */
export const BASE_COLUMNS = {
  name: { header: '基地名称', aliases: ['名称', '培训基地', '承办机构', 'name'] },
  city: { header: '所在城市', aliases: ['城市', '所在地', 'city'] },
  aliases: { header: '别名', aliases: ['其他名称', '简称', 'aliases'] },
} as const;
export type BaseColumn = keyof typeof BASE_COLUMNS;

export const trainingBaseSchema = z.object({
  name: z.string().transform(normalizeText).pipe(z.string().min(2, { error: '基地名称为空或太短' }).max(100)),
  city: z.string().transform(normalizeText).pipe(z.string().min(1, { error: '所在城市为空' }).max(40)),
  aliases: z.array(z.string().transform(normalizeText)).default([]),
});

export type BaseMatch =
  | { kind: 'exact'; base: TrainingBase }
  | { kind: 'near'; suggestion: TrainingBase; similarity: number }
  | { kind: 'none' };

/** Similarity of two strings in [0, 1] from the edit distance, over their match keys. */
export function similarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (!x.length && !y.length) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

/** Names within this similarity of an official one are "near" (a typo, a missing 中国 or 学院). */
export const NEAR_THRESHOLD = 0.6;

export function matchBase(institution: string, bases: readonly TrainingBase[]): BaseMatch {
  const key = matchKey(institution);
  if (!key) return { kind: 'none' };
  let best: { base: TrainingBase; score: number } | null = null;
  for (const base of bases) {
    const names = [base.name, ...base.aliases];
    if (names.some((n) => matchKey(n) === key)) return { kind: 'exact', base };
    for (const n of names) {
      const k = matchKey(n);
      // "中共柳州市委党校（柳州市行政学院）" contains "柳州市委党校": containment counts as near, strongly.
      const contained = Math.min(k.length, key.length) >= 4 && (k.includes(key) || key.includes(k));
      const score = contained ? Math.max(0.85, similarity(key, k)) : similarity(key, k);
      if (!best || score > best.score) best = { base, score };
    }
  }
  return best && best.score >= NEAR_THRESHOLD ? { kind: 'near', suggestion: best.base, similarity: best.score } : { kind: 'none' };
}
