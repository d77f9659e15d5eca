// Every row of a declaration sheet read with the same field parsers and rules as the chat [seed 二(一)1]:
// a value that cannot be read, a hard rule broken, or a soft rule without the 情况说明 column is a problem
// of that row; the file's own out-of-city classes count into the quota as they are read 〔通知 二(二)二〕.
import { saysYes } from '../../domain/parse.ts';
import { outOfCityClasses, parsePlan, PLAN_FIELDS, type PlanData, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import { check, verdict, type Finding } from '../../domain/rules.ts';
import type { Declarant } from '../../model/declarant.ts';
import { ruleContextFor } from '../../model/findings.ts';
import type { CheckDeps } from './deps.ts';

/** A row's problem, by reason: replies.ts says it (on the card and in the annotated copy). */
export type RowProblem = { row: number; field: PlanFieldKey | null } & (
  /** The field parser refused the value; `message` is its own explanation. */
  | { reason: 'unreadable'; message: string }
  /** 「是否联合办班」 is 是 but no joint unit is named. */
  | { reason: 'joint_units_missing' }
  /** A hard rule is broken. */
  | { reason: 'rule'; finding: Finding }
  /** A soft rule applies and the row has no 情况说明. */
  | { reason: 'needs_justification'; finding: Finding }
);

export type SheetRow = { row: number; values: Partial<Record<string, string>> };
export type CheckedPlan = { row: number; data: PlanDraft; findings: Finding[] };

function rowProblems(row: number, values: SheetRow['values'], plan: PlanData, findings: Finding[]): RowProblem[] {
  const out: RowProblem[] = [];
  if (saysYes(values.joint) && !plan.jointUnits.length) out.push({ row, field: 'jointUnits', reason: 'joint_units_missing' });
  for (const f of findings.filter((x) => x.severity === 'hard')) out.push({ row, field: f.field, reason: 'rule', finding: f });
  const v = verdict(findings, plan.justification);
  if (!v.canSubmit && v.reason === 'justification') for (const f of v.soft) out.push({ row, field: 'justification', reason: 'needs_justification', finding: f });
  return out;
}

/** Reads and checks every row; counts the file's own out-of-city classes into the quota as it goes. */
export async function checkRows(deps: CheckDeps, d: Pick<Declarant, 'competent' | 'year'>, rows: readonly SheetRow[]) {
  const ctx = await ruleContextFor(deps, { unitCode: d.competent.code, year: d.year });
  if (!ctx) throw new Error(`unit ${d.competent.code} is not in the registry`);
  const counts = new Map(ctx.outOfCityByYear);
  const problems: RowProblem[] = [];
  const plans: CheckedPlan[] = [];
  for (const { row, values } of rows) {
    const parsed = parsePlan(values as Partial<Record<PlanFieldKey, unknown>>);
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push({ row, field: e.field, reason: 'unreadable', message: e.message });
      continue;
    }
    const plan = parsed.plan;
    const unit = ctx.units.find((u) => u.code === plan.budgetCode);
    if (!plan.unitName && unit) plan.unitName = unit.name;
    const findings = check(plan, { ...ctx, outOfCityByYear: counts });
    problems.push(...rowProblems(row, values, plan, findings));
    const n = outOfCityClasses(plan);
    if (n) counts.set(d.year, (counts.get(d.year) ?? 0) + n);
    plans.push({ row, data: plan, findings });
  }
  return { problems, plans };
}

/** A stored plan as the texts of a sheet row, to run it through the same checks again. */
export function rowOf(data: PlanDraft): SheetRow['values'] {
  const out: SheetRow['values'] = {};
  for (const f of PLAN_FIELDS) {
    const v = data[f.key];
    if (v !== undefined && v !== null) out[f.key] = Array.isArray(v) ? v.join('、') : String(v);
  }
  return out;
}
