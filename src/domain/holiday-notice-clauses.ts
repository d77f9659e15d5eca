// The clauses a festival's item is made of, as the State Council writes them (one clause between commas):
//   1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休   a holiday range
//   1月1日（周三）放假1天                                          a one-day holiday, counted
//   共8天                                                         the count of the range
//   与周末连休 / 不调休                                             joins the weekend / no make-up day
//   1月2日（星期一）补休                                            a compensatory day off (补休)
//   1月26日（周日）、2月8日（周六）上班                               make-up working days
// Anything else is not read: the caller names the sentence. Dates stay as written; the item resolves them.
import { DATE_SOURCE } from './holiday-notice-dates.ts';

export type Clause =
  | { kind: 'holiday'; from: string; to: string | null; count: number | null }
  | { kind: 'count'; count: number }
  | { kind: 'joins_weekend' }
  | { kind: 'no_makeup' }
  | { kind: 'compensatory'; dates: string[] }
  | { kind: 'workday'; dates: string[] };

const D = DATE_SOURCE;
const LIST = `${D}(?:、${D})*`;

const GRAMMAR: { re: RegExp; read: (m: RegExpExecArray) => Clause }[] = [
  {
    re: new RegExp(`^(${D})(?:至(${D}))?放假(?:调休|公休)?(?:(\\d+)天)?$`),
    read: (m) => ({ kind: 'holiday', from: m[1]!, to: m[2] ?? null, count: m[3] ? Number(m[3]) : null }),
  },
  { re: /^共(\d+)天$/, read: (m) => ({ kind: 'count', count: Number(m[1]) }) },
  { re: /^与(?:周末|周六|周日|星期六|星期日|双休日)连休$/, read: () => ({ kind: 'joins_weekend' }) },
  { re: /^不调休$/, read: () => ({ kind: 'no_makeup' }) },
  { re: new RegExp(`^(${LIST})补休$`), read: (m) => ({ kind: 'compensatory', dates: listOf(m[1]!) }) },
  { re: new RegExp(`^(${LIST})(?:调休)?上班$`), read: (m) => ({ kind: 'workday', dates: listOf(m[1]!) }) },
];

function listOf(text: string): string[] {
  return [...text.matchAll(new RegExp(D, 'g'))].map((m) => m[0]);
}

/** Splits a sentence at commas and semicolons outside brackets (a bracket may hold 农历除夕、周二). */
export function splitClauses(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sentence) {
    if (ch === '（') depth++;
    if (ch === '）') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === '，' || ch === '；')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((c) => c !== '');
}

/** One clause, or null when it is not one the notice uses. */
export function readClause(clause: string): Clause | null {
  for (const g of GRAMMAR) {
    const m = g.re.exec(clause);
    if (m) return g.read(m);
  }
  return null;
}

/** Encouragements (鼓励各单位……安排职工在除夕休息) are not binding: they set no day off. */
export const isAdvisory = (sentence: string) => /鼓励|提倡|倡导|建议/.test(sentence);

/** The closing paragraph (节假日期间，各地区、各部门要妥善安排好值班……). */
export const isClosing = (sentence: string) => /^节假日期间|妥善安排|值班|祥和平安/.test(sentence);

/** The signature and date lines (国务院办公厅 2025年11月4日), 此件公开发布. */
export const isSignature = (sentence: string) =>
  /^(?:国务院办公厅)?(?:\d{4}年\d{1,2}月\d{1,2}日)?$/.test(sentence) || /^（?此件公开发布）?$/.test(sentence);

/** Words that would set a day: a sentence with them that cannot be read is a problem, not noise. */
export const soundsBinding = (sentence: string) => /放假|上班|补休|调休|休息|连休/.test(sentence);
