// Submitting a plan (提交 typed or clicked): on success the conversation ends, the unit's 无计划 is cleared and
// the reviewers hear of it; a fixable refusal puts the conversation where the fix is.
import type { PlanFieldKey } from '../../domain/plan.ts';
import type { Finding } from '../../domain/rules.ts';
import { current, startState } from '../../flows/declare-engine.ts';
import type { Logger } from '../../logger.ts';
import type { Declarant } from '../../model/declarant.ts';
import { actOnPlan } from '../../model/plans.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import { endConversationOn, loadConversation, setConversation } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { contextFor, viewOf, type StepView } from './view.ts';

export type SubmitResult =
  | { status: 'submitted'; plan: PlanRecord; declarant: Declarant; /** Soft findings the 情况说明 covers. */ softCount: number }
  /** Not allowed now, or blocked by a hard finding: the model's (or the campaign's) words. */
  | { status: 'refused'; reason: 'illegal' | 'blocked' | 'failed'; message: string }
  | { status: 'refused'; reason: 'incomplete'; labels: string[]; view: StepView }
  | { status: 'refused'; reason: 'needs_justification'; findings: Finding[]; view: StepView };

type Submission = { d: Declarant; plan: PlanRecord; actor: string; channel: Channel; log: Logger };

/** The conversation moved to `step` of the plan (back to the summary once answered), and what it shows there. */
async function moveTo(deps: DeclarationDeps, p: Submission, step: PlanFieldKey): Promise<StepView> {
  const conv = await loadConversation(deps, p.actor);
  const ctx = await contextFor(deps, p.d, p.plan);
  const base = conv?.state.planId === p.plan.id ? conv.state : startState(p.plan.id, p.plan.data, ctx);
  const state = { ...base, step, returnTo: 'summary' as const, confirming: null };
  await setConversation(deps, p.d.person.openId, state);
  return viewOf(deps, p.plan, current(state), ctx);
}

export async function submitPlan(deps: DeclarationDeps, p: Submission): Promise<SubmitResult> {
  const r = await actOnPlan(deps, { id: p.plan.id, version: p.plan.version, action: 'submit', actor: p.actor, channel: p.channel, now: deps.clock.now() });
  if (r.ok) {
    await endConversationOn(deps, p.actor, p.plan.id);
    await deps.unitYears.clearNoPlan(p.plan.unitCode, p.plan.year);
    p.log.info({ planId: r.plan.id, number: r.plan.number }, 'plan submitted');
    await deps.hub.emit('plan.submitted', { plan: r.plan, unitName: p.d.competent.name, log: p.log });
    return { status: 'submitted', plan: r.plan, declarant: p.d, softCount: r.findings.length };
  }
  switch (r.error) {
    case 'illegal':
      // Past the deadline a draft hears the campaign's refusal (which says what is still possible).
      return { status: 'refused', reason: 'illegal', message: p.d.phase.canDeclare || p.plan.status === 'RETURNED' ? r.message : (p.d.refusal ?? r.message) };
    case 'incomplete':
      return { status: 'refused', reason: 'incomplete', labels: r.fieldErrors.map((e) => e.label), view: await moveTo(deps, p, r.fieldErrors[0]!.field) };
    case 'blocked':
      return { status: 'refused', reason: 'blocked', message: r.message };
    case 'needs_justification':
      return { status: 'refused', reason: 'needs_justification', findings: r.findings.filter((f) => f.severity === 'soft'), view: await moveTo(deps, p, 'justification') };
    default:
      return { status: 'refused', reason: 'failed', message: r.message };
  }
}
