// Plans of other units in the same year that are like this one (domain/similar-plans.ts): for the declarant's
// summary (可考虑联合办班 [seed 二(二)五]), the reviewer's card and the reviewers' 相似计划 overview.
import { DECLARED } from '../domain/plan-status.ts';
import type { PlanDraft } from '../domain/plan.ts';
import { similarPairs, similarPlans, type ComparablePlan, type SimilarPlan } from '../domain/similar-plans.ts';
import type { Ports } from '../ports/index.ts';
import type { PlanRecord } from '../ports/plans.ts';

type Deps = Pick<Ports, 'plans' | 'registry'>;

/** `units`: the roll when the caller has read it already (a review card has). */
async function comparableOfYear(deps: Deps, year: number, units?: readonly { code: string; name: string }[]): Promise<ComparablePlan[]> {
  const names = new Map((units ?? (await deps.registry.units())).map((u) => [u.code, u.name]));
  return (await deps.plans.list({ year, statuses: DECLARED }))
    .filter((p) => p.data.title)
    .map((p) => comparable(p, p.data, names.get(p.unitCode) ?? p.unitCode));
}

function comparable(p: Pick<PlanRecord, 'id' | 'number' | 'unitCode'>, d: PlanDraft, unitName: string): ComparablePlan {
  return { id: p.id, number: p.number, unitCode: p.unitCode, unitName, title: d.title ?? '', audience: d.audience, scope: d.scope, month: d.month };
}

/** Declared plans of other units like `plan` (as it is now, a draft too), closest first. */
export async function similarTo(
  deps: Deps,
  plan: Pick<PlanRecord, 'id' | 'number' | 'unitCode' | 'year'>,
  data: PlanDraft,
  o: { limit?: number; units?: readonly { code: string; name: string }[] } = {},
): Promise<SimilarPlan[]> {
  if (!data.title) return [];
  return similarPlans(comparable(plan, data, ''), await comparableOfYear(deps, plan.year, o.units), o.limit ?? 3);
}

export async function similarPairsOfYear(deps: Deps, year: number) {
  return similarPairs(await comparableOfYear(deps, year));
}
