// Decisions on review cards. Only reviewers decide (the operator comes from the callback, never from the
// card); each decision is a conditional update on the plan version the card showed, so a second click, an
// outdated card or two reviewers at once produce one decision and the others are told who decided when.
import { button, valueOf } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime, formatDeadline } from '../../domain/dates.ts';
import type { Person } from '../../domain/people.ts';
import { PLAN_FIELDS, type PlanFieldKey } from '../../domain/plan.ts';
import type { PlanAction } from '../../domain/plan-status.ts';
import { parseReturn, type ReturnRequest } from '../../domain/review.ts';
import { conflictMessage, ownUnitOf } from '../../domain/review-conflict.ts';
import type { Logger } from '../../logger.ts';
import { route } from '../../bot/manifest.ts';
import type { CardResponse } from '../../inbound.ts';
import { actOnPlan } from '../../model/plans.ts';
import { campaignFor } from '../../model/reference-data.ts';
import { unitRecipients } from '../../model/recipients.ts';
import type { ReviewDeps } from './deps.ts';
import { timelineCard } from './timeline.ts';
import { lastDecision, outcomeOf, reviewCardOf, sendForReview, updateReviewCards } from './notify.ts';
import type { PlanRecord } from '../../ports/plans.ts';

const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });
const label = (k: PlanFieldKey) => PLAN_FIELDS.find((f) => f.key === k)!.label;

async function tellUnit(deps: ReviewDeps, plan: PlanRecord, key: string, message: { text: string } | { card: Record<string, unknown> }) {
  for (const openId of await unitRecipients(deps, plan.unitCode)) {
    if ('text' in message) await deps.messenger.sendText({ openId }, message.text, `${key}:${openId}`);
    else await deps.messenger.sendCard({ openId }, message.card, `${key}:${openId}`);
  }
}

async function returnNotice(deps: ReviewDeps, plan: PlanRecord, request: ReturnRequest) {
  const c = await campaignFor(deps, plan.year);
  return noticeCard({
    title: `退回修改 · ${plan.number}`,
    color: 'red',
    body: [
      `**${escapeMarkdown(plan.data.title ?? '')}**`,
      `审核意见：${escapeMarkdown(request.comment)}`,
      '需要修改：',
      ...request.fields.map((f) => `- ${label(f.field)}${f.note ? `：${escapeMarkdown(f.note)}` : ''}`),
      '',
      `请于 **${formatDeadline(c.reviseClosesAt)}** 前修改后重新提交，逾期系统关闭，不再受理。`,
    ].join('\n'),
    buttons: [button('修改', { a: 'revise', plan: plan.id }, 'primary_filled')],
    footer: '点「修改」会逐项带您修改上面列出的项目，然后显示汇总，确认后提交。',
  });
}

/** The reviewer's own unit, when the plan is that unit's (or its 二层单位's): then another reviewer decides. */
export async function reviewersOwnUnit(deps: ReviewDeps, reviewer: Person, plan: PlanRecord) {
  return reviewer.unitCode ? ownUnitOf(reviewer, plan.unitCode, await deps.registry.units()) : null;
}

async function decide(
  deps: ReviewDeps,
  p: { plan: PlanRecord; version: number; action: PlanAction; reviewer: Person; log: Logger; comment?: string; request?: ReturnRequest },
): Promise<CardResponse> {
  const own = await reviewersOwnUnit(deps, p.reviewer, p.plan);
  if (own) {
    p.log.warn({ planId: p.plan.id, action: p.action }, 'decision refused: the reviewer is linked to the unit');
    return toast('error', conflictMessage(own.name));
  }
  const now = deps.clock.now();
  const r = await actOnPlan(deps, {
    id: p.plan.id,
    version: p.version,
    action: p.action,
    actor: p.reviewer.openId,
    channel: 'card',
    now,
    comment: p.comment ?? null,
    details: p.request ? { fields: p.request.fields } : null,
  });
  const stage = p.action === 'approve_second' || p.action === 'reject_second' ? 'second' : 'first';
  if (!r.ok) {
    const last = await lastDecision(deps, p.plan.id);
    const current = (await deps.plans.get(p.plan.id))!;
    const card = await reviewCardOf(deps, current, stage, last ? { outcome: outcomeOf(last.action, last.by, last.at, last) } : {});
    const who = last ? `已由 ${last.by} 于 ${formatDateTime(last.at)} ${outcomeOf(last.action, last.by, last.at).title}` : r.message;
    return toast('warning', r.error === 'conflict' || r.error === 'illegal' ? `${who}，这张卡片已过期` : r.message, card);
  }
  const by = p.reviewer.name ?? p.reviewer.openId;
  const outcome = outcomeOf(p.action, by, now, { comment: p.comment ?? p.request?.comment, fields: p.request?.fields });
  const cardFor = await updateReviewCards(deps, r.plan, outcome);
  const key = `decision:${r.plan.id}:v${r.plan.version}`;
  if (p.action === 'return' && p.request) await tellUnit(deps, r.plan, key, { card: await returnNotice(deps, r.plan, p.request) });
  if (p.action === 'approve_first') await tellUnit(deps, r.plan, key, { text: `您单位的计划 ${r.plan.number}《${r.plan.data.title ?? ''}》初审已通过，系统关闭后进行复审，结果会通知您。` });
  if (p.action === 'reject_second') await tellUnit(deps, r.plan, key, { text: `您单位的计划 ${r.plan.number}《${r.plan.data.title ?? ''}》复审未通过，不再报市委、市政府审批。${p.comment ? `意见：${p.comment}` : ''}` });
  p.log.info({ planId: r.plan.id, action: p.action }, 'plan decided');
  return toast('success', outcome.title, await cardFor(stage));
}

export function reviewCardRoutes(deps: ReviewDeps) {
  return {
    review: route({
      audience: 'reviewer',
      value: valueOf('review'),
      run: async (ctx) => {
        const plan = await deps.plans.get(ctx.value.plan);
        if (!plan) return toast('error', '找不到这个计划');
        const stage = ctx.value.op === 'approve2' || ctx.value.op === 'reject2' ? 'second' : plan.status === 'FIRST_APPROVED' ? 'second' : 'first';
        switch (ctx.value.op) {
          case 'detail':
            await ctx.reply.card(await timelineCard(deps, plan));
            return toast('success', '已发送详情和处理记录');
          case 'return': {
            const own = await reviewersOwnUnit(deps, ctx.person, plan);
            if (own) return toast('error', conflictMessage(own.name));
            if (plan.version !== ctx.value.v) return decide(deps, { plan, version: ctx.value.v, action: 'return', reviewer: ctx.person, log: ctx.log });
            return toast('info', '请填写退回意见', await reviewCardOf(deps, plan, 'first', { returnForm: { errors: [] } }));
          }
          case 'back':
            return toast('info', '已返回', await reviewCardOf(deps, plan, stage));
          case 'approve':
            return decide(deps, { plan, version: ctx.value.v, action: 'approve_first', reviewer: ctx.person, log: ctx.log });
          case 'approve2':
            return decide(deps, { plan, version: ctx.value.v, action: 'approve_second', reviewer: ctx.person, log: ctx.log });
          case 'reject2':
            return decide(deps, { plan, version: ctx.value.v, action: 'reject_second', reviewer: ctx.person, log: ctx.log });
        }
      },
    }),
    review_return: route({
      audience: 'reviewer',
      value: valueOf('review_return'),
      run: async (ctx) => {
        const plan = await deps.plans.get(ctx.value.plan);
        if (!plan) return toast('error', '找不到这个计划');
        const parsed = parseReturn(ctx.action.formValue ?? {});
        if (!parsed.ok) return toast('error', parsed.errors[0]!, await reviewCardOf(deps, plan, 'first', { returnForm: { errors: parsed.errors } }));
        return decide(deps, { plan, version: ctx.value.v, action: 'return', reviewer: ctx.person, log: ctx.log, comment: parsed.request.comment, request: parsed.request });
      },
      }),
    };
  }
