// The one place that builds what the notice's rules judge a plan against [seed 二(二)]: the unit registry,
// the training-base list, and the unit's out-of-city classes of the quota window; and the one way a plan's
// findings are computed (the full check for a complete plan, what is known so far for a draft).
import { outOfCityClasses, parsePlan, type PlanDraft } from '../domain/plan.ts';
import { APPROVED_STATUSES, DECLARED } from '../domain/plan-status.ts';
import { check, checkPartial, type Finding, type RuleContext } from '../domain/rules.ts';
import type { TrainingBase } from '../domain/training-bases.ts';
import type { Ports } from '../ports/index.ts';
import type { PlanRecord } from '../ports/plans.ts';
import type { StoredUnit } from '../ports/reference.ts';

export type RuleDeps = Pick<Ports, 'plans' | 'registry' | 'bases'>;

/** What a caller already read, so a card built from many plans reads each thing once. */
export type Known = { units?: readonly StoredUnit[]; bases?: readonly TrainingBase[]; unitPlans?: readonly PlanRecord[] };

/** The years whose out-of-city classes count toward a plan year's quota window (at most five years). */
export const quotaYears = (year: number) => [year - 2, year - 1, year, year + 1, year + 2];

/**
 * Out-of-city classes by year among `plans` (one unit's plans of quotaYears(year)), leaving one plan out:
 * approved plans of other years, declared plans of this year.
 */
export function outOfCityCounts(plans: readonly PlanRecord[], year: number, excludePlanId?: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of plans) {
    if (p.id === excludePlanId) continue;
    const counted = p.year === year ? DECLARED : APPROVED_STATUSES;
    if (!counted.includes(p.status) || !p.data.scope || !p.data.sessions) continue;
    const n = outOfCityClasses({ scope: p.data.scope, sessions: p.data.sessions });
    if (n) counts.set(p.year, (counts.get(p.year) ?? 0) + n);
  }
  return counts;
}

/** A competent unit's plans of the quota window around `year` (with its second-tier units', which it declares). */
export function quotaPlans(deps: Pick<Ports, 'plans'>, unitCode: string, year: number): Promise<PlanRecord[]> {
  return deps.plans.list({ unitCode, years: quotaYears(year) });
}

/**
 * The rule context for plans of a competent unit in a plan year, leaving `excludePlanId` out of the quota
 * (the plan being judged); null when the unit is no longer in the registry.
 */
export async function ruleContextFor(
  deps: RuleDeps,
  p: { unitCode: string; year: number; excludePlanId?: number | undefined },
  known: Known = {},
): Promise<RuleContext | null> {
  const units = known.units ?? (await deps.registry.units());
  const competent = units.find((u) => u.code === p.unitCode);
  if (!competent) return null;
  return {
    planYear: p.year,
    competent,
    units: units as StoredUnit[],
    bases: (known.bases ?? (await deps.bases.all())) as TrainingBase[],
    outOfCityByYear: outOfCityCounts(known.unitPlans ?? (await quotaPlans(deps, p.unitCode, p.year)), p.year, p.excludePlanId),
  };
}

/** A plan's findings in a context: the full check when every field is there, otherwise what is already known. */
export function findingsIn(ctx: RuleContext, data: PlanDraft): Finding[] {
  const parsed = parsePlan(data);
  return parsed.ok ? check(parsed.plan, ctx) : checkPartial(data, ctx);
}

/** A stored plan's findings; null when its unit is no longer in the registry. */
export async function findingsOf(deps: RuleDeps, plan: PlanRecord, known: Known = {}): Promise<Finding[] | null> {
  const ctx = await ruleContextFor(deps, { unitCode: plan.unitCode, year: plan.year, excludePlanId: plan.id }, known);
  return ctx && findingsIn(ctx, plan.data);
}

/**
 * The findings of many plans at once (复审 of a whole year): the roll, the bases and each unit's plans are
 * read once, not once per plan, so a page of the list answers inside the 3 s a card click allows. A plan
 * whose unit left the registry has none.
 */
export async function findingsOfMany(deps: RuleDeps, plans: readonly PlanRecord[], known: Known = {}): Promise<Map<number, Finding[]>> {
  const units = known.units ?? (await deps.registry.units());
  const bases = known.bases ?? (await deps.bases.all());
  const windows = new Map<string, Promise<PlanRecord[]>>();
  // The caller already read one unit's plans of the quota window (a single review card).
  if (known.unitPlans && plans[0]) windows.set(`${plans[0].unitCode}:${plans[0].year}`, Promise.resolve([...known.unitPlans]));
  const out = new Map<number, Finding[]>();
  for (const plan of plans) {
    const key = `${plan.unitCode}:${plan.year}`;
    if (!windows.has(key)) windows.set(key, quotaPlans(deps, plan.unitCode, plan.year));
    out.set(plan.id, (await findingsOf(deps, plan, { units, bases, unitPlans: await windows.get(key)! })) ?? []);
  }
  return out;
}
