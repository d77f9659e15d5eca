// What a declaration shows at a point of its conversation, as data: the engine's outcome with the plan, the
// context it is shown in (the unit, a returned plan's review comments) and, at the summary, the findings and
// the other units' plans like it. The replies turn a view into messages.
import { lastReturn, type ReturnRequest } from '../../domain/review.ts';
import { check, checkPartial, type Finding } from '../../domain/rules.ts';
import { parsePlan, type PlanDraft } from '../../domain/plan.ts';
import type { SimilarPlan } from '../../domain/similar-plans.ts';
import type { EngineContext, Outcome } from '../../flows/declare-engine.ts';
import { engineContextFor, type Declarant } from '../../model/declarant.ts';
import { similarTo } from '../../model/similar.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReadDeps } from './deps.ts';

export type ViewContext = EngineContext & {
  family: { code: string; name: string }[];
  unitName: string;
  /** The last return of a plan being revised: its comment and the fields asked for. */
  returned?: ReturnRequest;
};

export type StepView = {
  outcome: Outcome;
  plan: PlanRecord;
  ctx: ViewContext;
  /** Other units' declared plans like this one (at the summary). */
  similar: SimilarPlan[];
  /** The first question of a new declaration (the ways to steer it are listed once). */
  first: boolean;
};

/** A plan's findings for its summary: the full check when every field is there, otherwise what is known. */
export type SummaryFindings = { findings: Finding[]; missing: string[] };

export function summaryFindings(draft: PlanDraft, ctx: EngineContext): SummaryFindings {
  const parsed = parsePlan(draft);
  if (parsed.ok) return { findings: check(parsed.plan, ctx.rules), missing: [] };
  return { findings: checkPartial(draft, ctx.rules), missing: parsed.errors.map((e) => e.label) };
}

export async function contextFor(deps: ReadDeps, d: Declarant, plan: PlanRecord): Promise<ViewContext> {
  const ctx = await engineContextFor(deps, d, d.year, plan.id);
  // While a returned plan is revised, each question says what the reviewer asked of it.
  const returned = plan.status === 'RETURNED' ? lastReturn(await deps.plans.events(plan.id)) : null;
  return { ...ctx, family: d.family.map((u) => ({ code: u.code, name: u.name })), unitName: d.competent.name, ...(returned ? { returned } : {}) };
}

export async function similarOf(deps: ReadDeps, plan: PlanRecord): Promise<SimilarPlan[]> {
  return similarTo(deps, plan, plan.data, { limit: 2 });
}

export async function viewOf(deps: ReadDeps, plan: PlanRecord, outcome: Outcome, ctx: ViewContext, first = false): Promise<StepView> {
  return { outcome, plan, ctx, similar: outcome.status === 'summary' ? await similarOf(deps, plan) : [], first };
}

/** A plan's summary card data as the declarant sees it (from 我的申报, after a click on 提交). */
export type PlanSummary = { plan: PlanRecord; unitName: string } & SummaryFindings;

/** `year`: whose rule context (quota) it is checked against; the plan's own by default. */
export async function summaryOf(deps: ReadDeps, d: Declarant, plan: PlanRecord, year = plan.year): Promise<PlanSummary> {
  const ctx = await engineContextFor(deps, d, year, plan.id);
  return { plan, unitName: d.competent.name, ...summaryFindings(plan.data, ctx) };
}
