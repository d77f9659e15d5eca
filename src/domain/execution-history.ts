// 补录 [seed 一]: approved classes since 2020 and their six steps, entered afterwards from records. One row of
// the 补录 sheet is one class (or, without dates, an approved plan that was not run). Read with the same
// field readers as the declaration form and the step forms, so a value means the same everywhere.
import { parseDateText, ymdParts, type Ymd } from './dates.ts';
import { BACKFILL_FROM_YEAR } from './execution-alerts.ts';
import type { StepData, StepNo } from './execution-steps.ts';
import { readStep } from './step-input.ts';
import { matchKey, parseWholeNumber } from './parse.ts';
import { parseField, type PlanDraft, type PlanFieldKey } from './plan.ts';
import { normalizeBudgetCode, type Unit } from './units.ts';

export const HISTORY_KEYS = [
  'year',
  'number',
  'budgetCode',
  'unitName',
  'title',
  'scope',
  'mode',
  'institution',
  'location',
  'headcount',
  'sessions',
  'budget',
  'seq',
  'start',
  'end',
  'packageOn',
  'publishedOn',
  'registered',
  'accepted',
  'attended',
  'teachers',
  'courses',
  'hours',
  'amount',
  'remarks',
] as const;
export type HistoryKey = (typeof HISTORY_KEYS)[number];

export type HistoryRow = {
  row: number;
  year: number;
  number: string | null;
  /** The competent unit the plan belongs to. */
  unitCode: string;
  plan: PlanDraft;
  cls: { seq: number | null; start: Ymd; end: Ymd } | null;
  steps: Partial<Record<StepNo, { data: StepData; on: Ymd | null }>>;
};

export type HistoryProblem = { row: number; key: HistoryKey | null; message: string };

const PLAN_KEYS: PlanFieldKey[] = ['title', 'scope', 'mode', 'institution', 'location', 'headcount', 'sessions', 'budget'];
const REQUIRED_PLAN: PlanFieldKey[] = ['title', 'scope', 'mode'];

/** One row of the 补录 sheet. `allowedCompetent`: a declarant's upload may only be about their own unit. */
export function readHistoryRow(
  row: number,
  v: Partial<Record<HistoryKey, string>>,
  ctx: { today: Ymd; units: readonly Unit[]; allowedCompetent?: string | undefined },
): { ok: true; value: HistoryRow } | { ok: false; problems: HistoryProblem[] } {
  const problems: HistoryProblem[] = [];
  const bad = (key: HistoryKey | null, message: string) => problems.push({ row, key, message });
  const thisYear = ymdParts(ctx.today).y;

  const read = parseWholeNumber(v.year ?? '', ['年', '年度']);
  const year = read !== null && read >= BACKFILL_FROM_YEAR && read <= thisYear ? read : null;
  if (read === null) bad('year', '请填写年度，例如 2023');
  else if (year === null) bad('year', `年度应在 ${BACKFILL_FROM_YEAR}–${thisYear} 之间`);

  const code = v.budgetCode ? normalizeBudgetCode(v.budgetCode) : '';
  const unit = ctx.units.find((u) => u.code === code);
  if (!code) bad('budgetCode', '请填写预算单位代码');
  else if (!unit) bad('budgetCode', `单位名册中没有预算单位代码「${code}」`);
  const competent = unit ? (unit.parentCode ?? unit.code) : '';
  if (unit && ctx.allowedCompetent && competent !== ctx.allowedCompetent) bad('budgetCode', `「${unit.name}」不是本单位或本单位的二层单位`);

  const plan: PlanDraft = {};
  for (const key of PLAN_KEYS) {
    const raw = v[key as HistoryKey];
    if (raw === undefined || raw === '') {
      if (REQUIRED_PLAN.includes(key)) bad(key as HistoryKey, '必填');
      continue;
    }
    const r = parseField(key, raw);
    if (r.ok) (plan as Record<string, unknown>)[key] = r.value;
    else bad(key as HistoryKey, r.error);
  }
  if (unit) {
    plan.budgetCode = unit.code;
    plan.unitName = unit.name;
  }

  const number = v.number?.trim() ? v.number.trim() : null;
  if (number && !/^\d{4}-\d{3,}$/.test(number)) bad('number', '计划编号格式为 年度-序号，例如 2023-015；不知道可以不填');
  if (number && year !== null && !number.startsWith(`${year}-`)) bad('number', `计划编号 ${number} 与年度 ${year} 不一致`);

  const date = (key: HistoryKey): Ymd | null => {
    const raw = v[key];
    if (!raw) return null;
    const d = parseDateText(raw);
    if (!d) bad(key, '不是有效日期，例如 2023-05-10');
    else if (d > ctx.today) bad(key, '不能晚于今天');
    return d;
  };
  const start = date('start');
  const end = date('end');
  let cls: HistoryRow['cls'] = null;
  const seqRaw = v.seq ? parseWholeNumber(v.seq, ['期']) : null;
  if (v.seq && (seqRaw === null || seqRaw < 1 || seqRaw > 50)) bad('seq', '期次应为 1–50 的整数');
  if (start && end) {
    if (end < start) bad('end', '结班日期不能早于开班日期');
    else if (year !== null && ymdParts(start).y !== year) bad('start', `开班日期不在 ${year} 年内`);
    cls = { seq: seqRaw, start, end };
  } else if (start || end) bad(start ? 'end' : 'start', '开班日期和结班日期要一起填写');

  const steps: HistoryRow['steps'] = {};
  const has = (...keys: HistoryKey[]) => keys.some((k) => !!v[k]);
  if (!cls && has('packageOn', 'publishedOn', 'registered', 'accepted', 'attended', 'teachers', 'courses', 'hours', 'amount') && start === null && end === null) {
    bad('start', '填写了执行数据，但没有开班、结班日期');
  }
  if (cls && problems.length === 0) {
    const context = { today: ctx.today, plan, start: cls.start, end: cls.end, earlier: {} };
    const step = (n: StepNo, keys: HistoryKey[], raw: Record<string, unknown>, on: Ymd | null) => {
      if (!has(...keys)) return;
      const r = readStep(n, raw, context);
      if (r.ok) steps[n] = { data: r.data, on };
      else for (const [k, msg] of Object.entries(r.errors)) bad((keys.find((x) => x === k) ?? keys[0]!) as HistoryKey, msg);
    };
    const packageOn = date('packageOn');
    if (packageOn) {
      steps[1] = { data: { mode: plan.mode ?? null, scope: plan.scope ?? null, institution: plan.institution ?? null, location: plan.location ?? null, headcount: plan.headcount ?? null, content: '（补录）' }, on: packageOn };
    }
    step(2, ['publishedOn'], { publishedOn: v.publishedOn, channel: null }, null);
    step(3, ['registered', 'accepted'], { registered: v.registered, accepted: v.accepted }, null);
    step(4, ['attended'], { attended: v.attended }, null);
    step(5, ['teachers', 'courses', 'hours'], { teachers: v.teachers, courses: v.courses, hours: v.hours }, null);
    step(6, ['amount'], { amount: v.amount }, null);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { row, year: year!, number, unitCode: competent, plan, cls, steps } };
}

/** Rows of one plan: by its number when given, else by year, unit and title. */
export function historyPlanKey(r: HistoryRow): string {
  return r.number ?? `${r.year}|${r.unitCode}|${matchKey(r.plan.title ?? '')}`;
}

/** Groups rows into plans; rows of one plan must agree on the plan's fields, and 期次 may not repeat. */
export function groupHistory(input: readonly HistoryRow[]): { groups: HistoryRow[][]; problems: HistoryProblem[] } {
  const rows = input.map((r) => ({ ...r, cls: r.cls ? { ...r.cls } : null }));
  const byKey = new Map<string, HistoryRow[]>();
  for (const r of rows) byKey.set(historyPlanKey(r), [...(byKey.get(historyPlanKey(r)) ?? []), r]);
  const problems: HistoryProblem[] = [];
  for (const group of byKey.values()) {
    const first = group[0]!;
    for (const r of group.slice(1)) {
      for (const k of ['scope', 'mode', 'institution'] as const) {
        if (r.plan[k] !== undefined && first.plan[k] !== undefined && r.plan[k] !== first.plan[k]) {
          problems.push({ row: r.row, key: k, message: `与第 ${first.row} 行是同一个计划，但${k === 'scope' ? '培训类别' : k === 'mode' ? '培训方式' : '承办机构'}不一致` });
        }
      }
    }
    // 期次: as given, else in row order after the highest given.
    const seen = new Map<number, number>();
    let next = Math.max(0, ...group.map((r) => r.cls?.seq ?? 0)) + 1;
    for (const r of group) {
      if (!r.cls) continue;
      if (r.cls.seq === null) r.cls.seq = next++;
      const before = seen.get(r.cls.seq);
      if (before) problems.push({ row: r.row, key: 'seq', message: `与第 ${before} 行的期次重复` });
      else seen.set(r.cls.seq, r.row);
    }
  }
  return { groups: [...byKey.values()], problems };
}
