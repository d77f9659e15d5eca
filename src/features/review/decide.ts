// Decisions on review cards. Only reviewers decide (the operator comes from the callback, never from the
// card); each decision is a conditional update on the plan version the card showed, so a second click, an
// outdated card or two reviewers at once produce one decision and the others are told who decided when.
import type { Person } from '../../domain/people.ts';
import type { PlanAction } from '../../domain/plan-status.ts';
import { parseReturn, type ReturnRequest } from '../../domain/review.ts';
import { ownUnitOf } from '../../domain/review-conflict.ts';
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import { campaignFor } from '../../model/reference-data.ts';
import { unitRecipients } from '../../model/recipients.ts';
import type { Card } from '../../ports/messenger.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewOp } from './buttons.ts';
import type { ReviewDeps } from './deps.ts';
import { lastDecision, reviewCardOf, updateReviewCards } from './notify.ts';
import { approvedFirstText, rejectedSecondText, returnNotice } from './replies/decisions.ts';
import { timelineOf } from './timeline.ts';
import type { Decision, DecideResult, ReviewClickResult } from './types.ts';

type Click = { planId: number; version: number; reviewer: Person; log: Logger };

/** The reviewer's own unit, when the plan is that unit's (or its 二层单位's): then another reviewer decides. */
export async function reviewersOwnUnit(deps: ReviewDeps, reviewer: Person, plan: PlanRecord) {
  return reviewer.unitCode ? ownUnitOf(reviewer, plan.unitCode, await deps.registry.units()) : null;
}

async function tellUnit(deps: ReviewDeps, plan: PlanRecord, key: string, message: { text: string } | { card: Card }) {
  for (const openId of await unitRecipients(deps, plan.unitCode)) {
    if ('text' in message) await deps.messenger.sendText({ openId }, message.text, `${key}:${openId}`);
    else await deps.messenger.sendCard({ openId }, message.card, `${key}:${openId}`);
  }
}

/** What the unit hears of a decision: the return notice with 修改, or a line. */
async function notifyUnit(deps: ReviewDeps, plan: PlanRecord, action: PlanAction, comment: string | undefined, request: ReturnRequest | undefined) {
  const key = `decision:${plan.id}:v${plan.version}`;
  if (action === 'return' && request) await tellUnit(deps, plan, key, { card: returnNotice(plan, request, (await campaignFor(deps, plan.year)).reviseClosesAt) });
  if (action === 'approve_first') await tellUnit(deps, plan, key, { text: approvedFirstText(plan) });
  if (action === 'reject_second') await tellUnit(deps, plan, key, { text: rejectedSecondText(plan, comment) });
}

const stageOf = (action: PlanAction) => (action === 'approve_second' || action === 'reject_second' ? 'second' : 'first');

async function decide(deps: ReviewDeps, plan: PlanRecord, c: Click & { action: PlanAction; comment?: string; request?: ReturnRequest }): Promise<DecideResult> {
  const own = await reviewersOwnUnit(deps, c.reviewer, plan);
  if (own) {
    c.log.warn({ planId: plan.id, action: c.action }, 'decision refused: the reviewer is linked to the unit');
    return { status: 'refused', reason: 'own_unit', unitName: own.name };
  }
  const now = deps.clock.now();
  const r = await actOnPlan(deps, {
    id: plan.id,
    version: c.version,
    action: c.action,
    actor: c.reviewer.openId,
    channel: 'card',
    now,
    comment: c.comment ?? null,
    details: c.request ? { fields: c.request.fields } : null,
  });
  const stage = stageOf(c.action);
  if (!r.ok) {
    const last = await lastDecision(deps, plan.id);
    const current = (await deps.plans.get(plan.id))!;
    const card = await reviewCardOf(deps, current, stage, last ? { decision: last } : {});
    return { status: 'stale', last, expired: r.error === 'conflict' || r.error === 'illegal', message: r.message, card };
  }
  const decision: Decision = { action: c.action, by: c.reviewer.name ?? c.reviewer.openId, at: now, comment: c.comment ?? c.request?.comment, fields: c.request?.fields };
  const cardFor = await updateReviewCards(deps, r.plan, decision);
  await notifyUnit(deps, r.plan, c.action, c.comment, c.request);
  c.log.info({ planId: r.plan.id, action: c.action }, 'plan decided');
  return { status: 'done', action: c.action, card: await cardFor(stage) };
}

const DECISIONS: Partial<Record<ReviewOp, PlanAction>> = { approve: 'approve_first', approve2: 'approve_second', reject2: 'reject_second' };

/** A click on a review card's buttons. */
export async function onReviewClick(deps: ReviewDeps, c: Click & { op: ReviewOp }): Promise<ReviewClickResult> {
  const plan = await deps.plans.get(c.planId);
  if (!plan) return { status: 'not_found' };
  const action = DECISIONS[c.op];
  if (action) return decide(deps, plan, { ...c, action });
  if (c.op === 'detail') return { status: 'detail', timeline: await timelineOf(deps, plan) };
  if (c.op === 'back') return { status: 'back', card: await reviewCardOf(deps, plan, plan.status === 'FIRST_APPROVED' ? 'second' : 'first') };
  const own = await reviewersOwnUnit(deps, c.reviewer, plan);
  if (own) return { status: 'refused', reason: 'own_unit', unitName: own.name };
  // An outdated card's 退回修改 answers as any outdated decision does.
  if (plan.version !== c.version) return decide(deps, plan, { ...c, action: 'return' });
  return { status: 'form', errors: [], card: await reviewCardOf(deps, plan, 'first', { returnForm: { errors: [] } }) };
}

/** The return form sent: the comment and the fields to revise, or the form again with what is missing. */
export async function onReturnForm(deps: ReviewDeps, c: Click & { form: Record<string, unknown> }): Promise<ReviewClickResult> {
  const plan = await deps.plans.get(c.planId);
  if (!plan) return { status: 'not_found' };
  const parsed = parseReturn(c.form);
  if (!parsed.ok) return { status: 'form', errors: parsed.errors, card: await reviewCardOf(deps, plan, 'first', { returnForm: { errors: parsed.errors } }) };
  return decide(deps, plan, { ...c, action: 'return', comment: parsed.request.comment, request: parsed.request });
}
