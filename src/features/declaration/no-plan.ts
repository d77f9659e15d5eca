// 本年度无培训计划: a unit with nothing to declare says so once, and is counted as having declared (no more
// reminders); a unit that has declared plans cannot.
import { DECLARED } from '../../domain/plan-status.ts';
import type { Declarant } from '../../model/declarant.ts';
import type { DeclarationDeps } from './deps.ts';

export type NoPlanResult = { status: 'refused'; reason: 'has_declared'; year: number; count: number } | { status: 'recorded'; d: Declarant };

export async function recordNoPlan(deps: Pick<DeclarationDeps, 'plans' | 'unitYears' | 'clock'>, d: Declarant, actor: string): Promise<NoPlanResult> {
  const declared = (await deps.plans.list({ unitCode: d.competent.code, year: d.year, statuses: DECLARED })).length;
  if (declared) return { status: 'refused', reason: 'has_declared', year: d.year, count: declared };
  await deps.unitYears.setNoPlan(d.competent.code, d.year, actor, deps.clock.now());
  return { status: 'recorded', d };
}
