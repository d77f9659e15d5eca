// What a person types or clicks while their declaration is open: the engine decides, every accepted answer
// is saved on the plan at once (conditionally, on its version), and the conversation moves on.
import { step, type DeclareState, type Input, type StepResult } from '../../flows/declare-engine.ts';
import type { LinkedPerson } from '../../bot/manifest.ts';
import type { Logger } from '../../logger.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import { actOnPlan, editPlan } from '../../model/plans.ts';
import type { StoredConversation } from '../../ports/conversations.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import { FLOW, loadConversation } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { uneditable, type Uneditable } from './editable.ts';
import { submitPlan, type SubmitResult } from './submit.ts';
import { contextFor, viewOf, type StepView, type ViewContext } from './view.ts';

export type FeedResult =
  /** No open conversation (or its plan is gone): the input is not the declaration's. */
  | { status: 'none' }
  /** The plan can no longer be filled (deadline passed, submitted elsewhere …): said once, the conversation ended. */
  | { status: 'refused'; reason: 'uneditable'; why: Uneditable }
  /** Someone else changed the plan (or the conversation) at the same moment: nothing was taken. */
  | { status: 'refused'; reason: 'conflict' }
  | { status: 'refused'; reason: 'edit_failed'; message: string }
  | { status: 'saved'; plan: PlanRecord }
  | { status: 'step'; view: StepView }
  | SubmitResult;

/** Feeds an input to the person's open conversation. */
export async function feed(deps: DeclarationDeps, person: LinkedPerson, input: Input, log: Logger, channel: Channel): Promise<FeedResult> {
  const conv = await loadConversation(deps, person.openId);
  if (!conv) return { status: 'none' };
  const d = await declarantOf(deps, person, deps.clock.now());
  const plan = await deps.plans.get(conv.state.planId);
  const why = d && plan ? await uneditable(deps, d, plan) : null;
  if (!d || !plan || why) {
    await deps.conversations.end(person.openId, conv.version);
    return why ? { status: 'refused', reason: 'uneditable', why } : { status: 'none' };
  }
  const ctx = await contextFor(deps, d, plan);
  const r = step(conv.state, plan.data, input, ctx);
  return apply(deps, { d, conv, plan, r, ctx, log, channel, actor: person.openId });
}

type Applied = { d: Declarant; conv: StoredConversation<DeclareState>; plan: PlanRecord; r: StepResult; ctx: ViewContext; log: Logger; channel: Channel; actor: string };

async function apply(deps: DeclarationDeps, a: Applied): Promise<FeedResult> {
  const now = deps.clock.now();
  let plan = a.plan;
  if (Object.keys(a.r.changes).length) {
    const edited = await editPlan(deps, { id: plan.id, version: plan.version, changes: a.r.changes, actor: a.actor, channel: a.channel, now });
    if (!edited.ok) return edited.error === 'conflict' ? { status: 'refused', reason: 'conflict' } : { status: 'refused', reason: 'edit_failed', message: edited.message };
    plan = edited.plan;
  }
  const o = a.r.outcome;
  if (o.status === 'cancelled') {
    await deps.conversations.end(a.actor, a.conv.version);
    if (plan.status === 'DRAFT') await actOnPlan(deps, { id: plan.id, version: plan.version, action: 'discard', actor: a.actor, channel: a.channel, now });
    return { status: 'step', view: await viewOf(deps, plan, o, a.ctx) };
  }
  if (o.status === 'command' && o.command === 'save') {
    await deps.conversations.end(a.actor, a.conv.version);
    return { status: 'saved', plan };
  }
  if (o.status === 'command' && o.command === 'submit') return submitPlan(deps, { d: a.d, plan, actor: a.actor, channel: a.channel, log: a.log });
  if (!(await deps.conversations.save(a.actor, FLOW, a.r.state, a.conv.version, now))) return { status: 'refused', reason: 'conflict' };
  return { status: 'step', view: await viewOf(deps, plan, o, a.ctx) };
}
