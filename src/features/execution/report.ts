// 单位年度计划完成情况 [seed 一; DOMAIN.md]: per unit and year, the approved classes, which of the six steps are
// complete, what is missing, the statements uploaded; and three lists, each following its own rule
// (REPORT_LISTS): the units whose ⑤⑥ are still missing after their window, named for a reduced training budget
// next year [seed 二(一)5]; steps done late, for the reviewers to judge; backfilled classes still missing steps.
// The cards are in replies/report.ts; the same data becomes the Excel file (replies/report-sheet.ts).
import type { Ymd } from '../../domain/dates.ts';
import type { StepMark, StepNo } from '../../domain/execution.ts';
import type { ExecutionDeps } from './deps.ts';
import type { CompletionUnit } from '../../ports/sheets.ts';
import { loadExecution, type PlanExecution } from './view.ts';


/** One item of a unit in a list: a step of a class missing after its window, done late, or a backfilled class's gaps. */
export type ReportItem =
  | { kind: 'budget'; number: string; mark: StepMark }
  | { kind: 'late'; number: string; mark: StepMark; at: Date | undefined }
  | { kind: 'backfill'; number: string; seq: number; start: Ymd; end: Ymd; open: StepNo[] };

/** A unit in one of the report's lists; `tentative`: some item rests on a year with no holiday schedule. */
export type ListEntry = { unitCode: string; unitName: string; items: ReportItem[]; tentative: boolean };

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

/** The items of one unit's plans in each list, as facts (replies/report-sheet.ts words them). */
function itemsOf(ps: PlanExecution[]) {
  const budget: ReportItem[] = [];
  const late: ReportItem[] = [];
  const backfill: ReportItem[] = [];
  for (const p of ps) {
    for (const m of p.outcome.budgetFlag) budget.push({ kind: 'budget', number: p.plan.number, mark: m });
    for (const m of p.outcome.lateSteps) late.push({ kind: 'late', number: p.plan.number, mark: m, at: p.classes.find((c) => c.cls.seq === m.seq)?.records.get(m.step)?.reportedAt });
    for (const c of p.classes.filter((x) => x.outcome.backfill)) {
      const open = c.outcome.steps.filter((s) => !s.done).map((s) => s.step);
      if (open.length) backfill.push({ kind: 'backfill', number: p.plan.number, seq: c.cls.seq, start: c.cls.start, end: c.cls.end, open });
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
