// The summary card's buttons: 提交, 保存草稿, 填写情况说明, 取消 (and its confirmation). A button acts on the plan
// as the card showed it: after any change the card is out of date and says so.
import type { LinkedPerson } from '../../bot/manifest.ts';
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { endConversationOn } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { ownPlan, type OwnPlan } from './own-plan.ts';
import { startDeclaration, type StartResult } from './start.ts';

/** `stale`: the plan changed after the card was drawn. */
export type SummaryClick = OwnPlan | { status: 'refused'; reason: 'stale' };

/** The declarant and the plan a summary button acts on, as the card showed it. */
export async function summaryClick(deps: DeclarationDeps, person: LinkedPerson, v: { plan: number; v: number }): Promise<SummaryClick> {
  const own = await ownPlan(deps, person, v.plan);
  return own.status === 'ok' && own.plan.version !== v.v ? { status: 'refused', reason: 'stale' } : own;
}

/** 保存草稿 on the card: the draft stays as it is, the conversation ends. */
export async function saveDraft(deps: DeclarationDeps, person: LinkedPerson, plan: PlanRecord): Promise<void> {
  await endConversationOn(deps, person.openId, plan.id);
}

export type CancelResult =
  | { status: 'refused'; reason: 'plan_missing' | 'stale' }
  | { status: 'refused'; reason: 'failed'; message: string }
  /** 继续填写 instead: the declaration goes on. */
  | { status: 'kept'; start: StartResult }
  | { status: 'discarded'; plan: PlanRecord };

/** The answer to 「取消申报？」: the draft deleted (only as the card showed it), or the declaration goes on. */
export async function confirmCancel(deps: DeclarationDeps, person: LinkedPerson, v: { plan: number; yes: boolean; v?: number | undefined }, log: Logger): Promise<CancelResult> {
  const plan = await deps.plans.get(v.plan);
  if (!plan || plan.unitCode !== person.unitCode) return { status: 'refused', reason: 'plan_missing' };
  if (!v.yes) return { status: 'kept', start: await startDeclaration(deps, person, log, { planId: plan.id }) };
  // A replayed or outdated click deletes nothing.
  if (v.v !== plan.version) return { status: 'refused', reason: 'stale' };
  const r = await actOnPlan(deps, { id: plan.id, version: v.v, action: 'discard', actor: person.openId, channel: 'card', now: deps.clock.now() });
  if (!r.ok) return { status: 'refused', reason: 'failed', message: r.message };
  await endConversationOn(deps, person.openId, plan.id);
  return { status: 'discarded', plan };
}
