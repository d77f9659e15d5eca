// Plans by competent unit, and the totals the 复审 list, the 报批 summary and 公布 show.
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import type { UnitGroup } from './types.ts';

export function totals(plans: readonly PlanRecord[]) {
  const classes = plans.reduce((s, p) => s + (p.data.sessions ?? 0), 0);
  const people = plans.reduce((s, p) => s + (p.data.headcount ?? 0) * (p.data.sessions ?? 0), 0);
  const budget = plans.reduce((s, p) => s + (p.data.budget ?? 0), 0);
  return { count: plans.length, classes, people, budget };
}

export type Totals = ReturnType<typeof totals>;

/** The plans grouped by unit (named from the registry), the units by code. */
export async function byUnit(deps: Pick<ReviewDeps, 'registry'>, plans: readonly PlanRecord[]): Promise<UnitGroup[]> {
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const groups = new Map<string, PlanRecord[]>();
  for (const p of plans) groups.set(p.unitCode, [...(groups.get(p.unitCode) ?? []), p]);
  return [...groups].map(([code, list]) => ({ code, name: names.get(code) ?? code, plans: list })).sort((a, b) => a.code.localeCompare(b.code));
}
