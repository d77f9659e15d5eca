// 单位年度计划完成情况 [seed 一; DOMAIN.md]: per unit and year, the approved classes, which of the six steps are
// complete, what is missing, the statements uploaded; and three lists, each following its own rule
// (REPORT_LISTS): the units whose ⑤⑥ are still missing after their window, named for a reduced training budget
// next year [seed 二(一)5]; steps done late, for the reviewers to judge; backfilled classes still missing steps.
// The cards are in report-cards.ts; the same data becomes the Excel file (completionSheet).
import { formatDate, formatDateTime } from '../../domain/dates.ts';
import { CIRCLED, classLabel, dueText, formatRange, OUTCOME_LABELS, REPORT_LISTS, stepSummary, STEPS, type StepMark, type StepNo } from '../../domain/execution.ts';
import { displayValue } from '../../domain/plan.ts';
import { tentativeNote } from '../../domain/working-days.ts';
import type { ExecutionDeps } from './deps.ts';
import type { CompletionSheet, CompletionUnit, SheetList } from '../../ports/sheets.ts';
import { loadExecution, type PlanExecution } from './view.ts';


/** A unit in one of the report's lists; `tentative`: some item rests on a year with no holiday schedule. */
export type ListEntry = { unitCode: string; unitName: string; items: string[]; tentative: boolean };

export type Completion = {
  year: number;
  asOf: Date;
  plans: PlanExecution[];
  units: CompletionUnit[];
  budget: ListEntry[];
  late: ListEntry[];
  backfill: ListEntry[];
  /** Years some due date of the report rests on with no holiday schedule. */
  tentativeYears: number[];
  names: Map<string, string>;
};

const stepName = (n: StepNo) => `${CIRCLED[n]}${STEPS[n].name}`;

/** The items of one unit's plans in each list. */
function itemsOf(ps: PlanExecution[]) {
  const budget: string[] = [];
  const late: string[] = [];
  const backfill: string[] = [];
  const label = (p: PlanExecution, m: StepMark) => `${classLabel(p.plan.number, m.seq)} ${stepName(m.step)}`;
  for (const p of ps) {
    for (const m of p.outcome.budgetFlag) budget.push(`${label(p, m)}逾期未填报（应于 ${dueText(m)} 前）`);
    for (const m of p.outcome.lateSteps) {
      const at = p.classes.find((c) => c.cls.seq === m.seq)?.records.get(m.step)?.reportedAt;
      late.push(`${label(p, m)}逾期完成（应于 ${dueText(m)} 前${at ? `，${formatDate(at)} ${m.step === 1 ? '报送' : '填报'}` : ''}）`);
    }
    for (const c of p.classes.filter((x) => x.outcome.backfill)) {
      const open = c.outcome.steps.filter((s) => !s.done).map((s) => CIRCLED[s.step]);
      if (open.length) backfill.push(`${classLabel(p.plan.number, c.cls.seq)}（${formatRange(c.cls.start, c.cls.end)}）缺${open.join('')}`);
    }
  }
  const tentative = { budget: ps.some((p) => p.outcome.budgetFlag.some((m) => m.tentative)), late: ps.some((p) => p.outcome.lateSteps.some((m) => m.tentative)) };
  return { budget, late, backfill, tentative };
}

export async function completion(deps: ExecutionDeps, year: number, unitCode?: string): Promise<Completion> {
  const now = deps.clock.now();
  const plans = (await loadExecution(deps, { years: [year], unitCode }, now)).sort((a, b) => a.plan.unitCode.localeCompare(b.plan.unitCode) || a.plan.number.localeCompare(b.plan.number));
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const byUnit = new Map<string, PlanExecution[]>();
  for (const p of plans) byUnit.set(p.plan.unitCode, [...(byUnit.get(p.plan.unitCode) ?? []), p]);
  const c: Completion = { year, asOf: now, plans, units: [], budget: [], late: [], backfill: [], tentativeYears: [], names };
  for (const [code, ps] of [...byUnit].sort((a, b) => a[0].localeCompare(b[0]))) {
    const unitName = names.get(code) ?? code;
    const items = itemsOf(ps);
    c.units.push({
      unitCode: code,
      unitName,
      plans: ps.length,
      sessions: ps.reduce((n, p) => n + p.outcome.sessions, 0),
      classes: ps.reduce((n, p) => n + p.outcome.classes, 0),
      completeClasses: ps.reduce((n, p) => n + p.outcome.completeClasses, 0),
      plansWithGaps: ps.filter((p) => p.outcome.missing.length).length,
      statements: ps.filter((p) => p.statement).length,
      deviations: ps.reduce((n, p) => n + p.outcome.deviations, 0),
      budgetFlag: items.budget.length > 0,
      lateSteps: items.late.length,
    });
    if (items.budget.length) c.budget.push({ unitCode: code, unitName, items: items.budget, tentative: items.tentative.budget });
    if (items.late.length) c.late.push({ unitCode: code, unitName, items: items.late, tentative: items.tentative.late });
    if (items.backfill.length) c.backfill.push({ unitCode: code, unitName, items: items.backfill, tentative: false });
  }
  c.tentativeYears = [...new Set(plans.flatMap((p) => p.classes.flatMap((x) => x.tentativeYears)))].sort((a, b) => a - b);
  return c;
}

function stepCell(c: PlanExecution['classes'][number], n: StepNo): string {
  const s = c.outcome.steps[n - 1]!;
  const r = c.records.get(n);
  if (s.done && r) return `${s.late ? `逾期完成（应于 ${dueText(s)} 前）` : '完成'}：${stepSummary(n, r.data)}`;
  if (s.pending === 'submitted') return s.overdue ? `审核中（报送已逾期，应于 ${dueText(s)} 前）` : '审核中（已按期报送）';
  if (s.pending === 'returned') return s.overdue ? `已退回（应于 ${dueText(s)} 前报送）` : '已退回';
  return s.overdue ? `缺（应于 ${dueText(s)} 前）` : `未到期（${dueText(s)} 前）`;
}

const sheetList = (key: keyof typeof REPORT_LISTS, entries: ListEntry[]): SheetList => ({
  ...REPORT_LISTS[key],
  rows: entries.map((b) => ({ unitCode: b.unitCode, unitName: b.unitName, items: b.items.join('；'), tentative: b.tentative ? '暂定' : '' })),
});

export function completionSheet(c: Completion): CompletionSheet {
  const classes: CompletionSheet['classes'] = [];
  for (const p of c.plans) {
    const base = {
      unitCode: p.plan.unitCode,
      unitName: c.names.get(p.plan.unitCode) ?? p.plan.unitCode,
      planNumber: p.plan.number,
      title: p.plan.data.title ?? '',
      scope: p.plan.data.scope ?? '',
      budget: p.plan.data.budget !== undefined ? displayValue('budget', p.plan.data.budget) : '',
      status: OUTCOME_LABELS[p.outcome.status],
      missing: p.outcome.missing.join('；'),
      statement: p.statement ? '已上传' : '',
    };
    if (!p.classes.length) classes.push({ ...base, seq: '', dates: '', steps: ['', '', '', '', '', ''], deviations: '' });
    for (const cl of p.classes) {
      classes.push({
        ...base,
        seq: `第${cl.cls.seq}期${cl.outcome.backfill ? '（补录）' : ''}`,
        dates: formatRange(cl.cls.start, cl.cls.end),
        steps: ([1, 2, 3, 4, 5, 6] as StepNo[]).map((n) => stepCell(cl, n)),
        deviations: cl.outcome.deviations.map((d) => `${d.message}（${d.notice}）`).join('；'),
      });
    }
  }
  return {
    title: `${c.year}年度单位计划完成情况`,
    asOf: formatDateTime(c.asOf),
    tentativeNote: c.tentativeYears.length ? `标「暂定」的期限：${tentativeNote(c.tentativeYears)}，导入后重新计算。` : '',
    classes,
    units: c.units.map((u) => ({ ...u, status: u.plansWithGaps ? '有缺项' : u.completeClasses === u.classes && u.classes ? '已完成' : '进行中' })),
    budget: sheetList('budget', c.budget),
    late: sheetList('late', c.late),
    backfill: sheetList('backfill', c.backfill),
  };
}
