// The plan a declarant's button names, when it is their unit's (a forged or foreign id finds nothing).
import type { LinkedPerson } from '../../bot/manifest.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { DeclarationDeps } from './deps.ts';

export type OwnPlan = { status: 'refused'; reason: 'unit_missing' | 'plan_missing' } | { status: 'ok'; d: Declarant; plan: PlanRecord };

export async function ownPlan(deps: Pick<DeclarationDeps, 'registry' | 'campaigns' | 'plans' | 'clock'>, person: LinkedPerson, planId: number): Promise<OwnPlan> {
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return { status: 'refused', reason: 'unit_missing' };
  const plan = await deps.plans.get(planId);
  if (!plan || plan.unitCode !== d.competent.code) return { status: 'refused', reason: 'plan_missing' };
  return { status: 'ok', d, plan };
}
