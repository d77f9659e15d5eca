// 我的申报: the unit's plans of the campaign year and what can be done with each; last year's plans to copy;
// 撤回 of a submitted plan (as the card showed it).
import { pageOf, type Page } from '../../cards/paging.ts';
import { PLANS_PER_PAGE } from '../../cards/plan-list-card.ts';
import { DECLARED, EDITABLE } from '../../domain/plan-status.ts';
import type { Declarant } from '../../model/declarant.ts';
import { actOnPlan } from '../../model/plans.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { DeclarationDeps } from './deps.ts';

export type Can = { edit: boolean; withdraw: boolean; copy: boolean };
export type Listed = { plan: PlanRecord; can: Can };

export type MyPlans = { d: Declarant; page: Page<Listed>; /** Recorded as having no plan this year, and when. */ noPlan: { at: Date } | null; at: Date };
export type LastYearPlans = { d: Declarant; page: Page<Listed>; at: Date };

function can(p: PlanRecord, d: Declarant): Can {
  const edit = EDITABLE.includes(p.status) && (p.status === 'RETURNED' ? d.phase.canRevise : !d.phase.secondReview && !d.phase.published);
  return { edit, withdraw: p.status === 'SUBMITTED' && d.phase.canDeclare, copy: d.phase.canDeclare };
}

export async function myPlans(deps: Pick<DeclarationDeps, 'plans' | 'unitYears' | 'clock'>, d: Declarant, page = 1): Promise<MyPlans> {
  const plans = (await deps.plans.list({ unitCode: d.competent.code, year: d.year })).filter((p) => p.status !== 'DISCARDED');
  const noPlan = await deps.unitYears.noPlan(d.competent.code, d.year);
  return { d, page: pageOf(plans.map((plan) => ({ plan, can: can(plan, d) })), page, PLANS_PER_PAGE), noPlan: noPlan ? { at: noPlan.at } : null, at: deps.clock.now() };
}

/** Last year's declared plans (a returned one was never settled): each may be copied while declaring is open. */
export async function lastYearPlans(deps: Pick<DeclarationDeps, 'plans' | 'clock'>, d: Declarant, page = 1): Promise<LastYearPlans> {
  const last = (await deps.plans.list({ unitCode: d.competent.code, year: d.year - 1, statuses: DECLARED })).filter((p) => p.status !== 'RETURNED');
  const listed = last.map((plan) => ({ plan, can: { edit: false, withdraw: false, copy: d.phase.canDeclare } }));
  return { d, page: pageOf(listed, page, PLANS_PER_PAGE), at: deps.clock.now() };
}

export type WithdrawResult = { status: 'refused'; reason: 'stale' } | { status: 'refused'; reason: 'failed'; message: string } | { status: 'withdrawn'; plan: PlanRecord };

/** 撤回 of the plan as the card showed it: after a resubmission an old (or replayed) 撤回 does nothing. */
export async function withdraw(deps: DeclarationDeps, actor: string, plan: PlanRecord, v: number | undefined): Promise<WithdrawResult> {
  if (v !== plan.version) return { status: 'refused', reason: 'stale' };
  const r = await actOnPlan(deps, { id: plan.id, version: v, action: 'withdraw', actor, channel: 'card', now: deps.clock.now() });
  return r.ok ? { status: 'withdrawn', plan: r.plan } : { status: 'refused', reason: 'failed', message: r.message };
}
