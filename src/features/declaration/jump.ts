// A card moves the conversation to a field of a plan (修改 某项 from the summary's menu, 填写情况说明, 修改 on a
// returned plan), then back to where it was; a returned plan walks through the fields the reviewer named.
import type { PlanFieldKey } from '../../domain/plan.ts';
import { lastReturn } from '../../domain/review.ts';
import { current, startState } from '../../flows/declare-engine.ts';
import type { LinkedPerson } from '../../bot/manifest.ts';
import { declarantOf } from '../../model/declarant.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { loadConversation, setConversation } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { uneditable, type Uneditable } from './editable.ts';
import { contextFor, viewOf, type StepView } from './view.ts';

export type JumpResult =
  | { status: 'refused'; reason: 'unit_missing'; unitCode: string }
  | { status: 'refused'; reason: 'plan_missing' }
  | { status: 'refused'; reason: 'uneditable'; why: Uneditable }
  | { status: 'step'; view: StepView };

export type JumpOptions = { queue?: PlanFieldKey[]; returnTo?: 'summary' };

export async function jumpTo(deps: DeclarationDeps, person: LinkedPerson, planId: number, field: PlanFieldKey, o: JumpOptions = {}): Promise<JumpResult> {
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return { status: 'refused', reason: 'unit_missing', unitCode: person.unitCode };
  const plan = await deps.plans.get(planId);
  if (!plan) return { status: 'refused', reason: 'plan_missing' };
  const why = await uneditable(deps, d, plan);
  if (why) return { status: 'refused', reason: 'uneditable', why };
  const conv = await loadConversation(deps, person.openId);
  const ctx = await contextFor(deps, d, plan);
  const base = conv?.state.planId === planId ? conv.state : startState(planId, plan.data, ctx);
  const returnTo = o.returnTo ?? (base.step === field ? base.returnTo : base.step);
  const state = { ...base, step: field, returnTo, queue: o.queue ?? [], confirming: null };
  await setConversation(deps, person.openId, state);
  return { status: 'step', view: await viewOf(deps, plan, current(state), ctx) };
}

export type ReviseResult =
  | { status: 'refused'; reason: 'plan_missing' | 'unit_missing' }
  | { status: 'refused'; reason: 'not_returned'; plan: PlanRecord }
  | { status: 'revising'; plan: PlanRecord; jump: JumpResult };

/** 修改 on a returned plan's notice: the conversation walks through the fields the reviewer named. */
export async function revise(deps: DeclarationDeps, person: LinkedPerson, planId: number): Promise<ReviseResult> {
  const plan = await deps.plans.get(planId);
  if (!plan || plan.unitCode !== person.unitCode) return { status: 'refused', reason: 'plan_missing' };
  if (plan.status !== 'RETURNED') return { status: 'refused', reason: 'not_returned', plan };
  if (!(await declarantOf(deps, person, deps.clock.now()))) return { status: 'refused', reason: 'unit_missing' };
  const fields = (lastReturn(await deps.plans.events(plan.id))?.fields ?? []).map((f) => f.field);
  const jump = await jumpTo(deps, person, plan.id, fields[0] ?? 'title', { queue: fields.slice(1), returnTo: 'summary' });
  return { status: 'revising', plan, jump };
}
