// What a reviewer's click on a review card answers, what the unit hears of the decision, and 查看详情.
import { button } from '../../../cards/actions.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDateTime, formatDeadline } from '../../../domain/dates.ts';
import { PLAN_FIELDS, type PlanFieldKey } from '../../../domain/plan.ts';
import { STATUS_LABELS } from '../../../domain/plan-status.ts';
import type { ReturnRequest } from '../../../domain/review.ts';
import { conflictMessage } from '../../../domain/review-conflict.ts';
import type { CardResponse } from '../../../inbound.ts';
import { DECISION_WORDS, recordLines } from '../../../model/plan-record.ts';
import type { PlanRecord } from '../../../ports/plans.ts';
import { revise } from '../buttons.ts';
import type { ReviewClickResult, TimelineFacts } from '../types.ts';
import { decisionTitle } from './review-card.ts';
import { toast } from './toast.ts';

const label = (k: PlanFieldKey) => PLAN_FIELDS.find((f) => f.key === k)!.label;

/** The answer in the clicker's card (a 查看详情 also sends the record: see timelineCard). */
export function reviewClickAnswer(r: ReviewClickResult): CardResponse {
  switch (r.status) {
    case 'not_found':
      return toast('error', '找不到这个计划');
    case 'refused':
      return toast('error', conflictMessage(r.unitName));
    case 'stale': {
      if (!r.expired) return toast('warning', r.message, r.card);
      // Who decided ends without a stop (「…初审通过，这张卡片已过期」); the plan model's message may end with one
      // (「…后再操作。」), so it follows the expiry rather than lead into a comma.
      // The record's word, not the card's title: a resubmission is 「已由 李明 于 … 重新提交」, not 「… 已有新版本」.
      const why = r.last ? `已由 ${r.last.by} 于 ${formatDateTime(r.last.at)} ${DECISION_WORDS[r.last.action] ?? r.last.action}，这张卡片已过期` : `这张卡片已过期，${r.message}`;
      return toast('warning', why, r.card);
    }
    case 'done':
      return toast('success', decisionTitle(r.action), r.card);
    case 'form':
      return r.errors.length ? toast('error', r.errors[0]!, r.card) : toast('info', '请填写退回意见', r.card);
    case 'back':
      return toast('info', '已返回', r.card);
    case 'detail':
      return toast('success', '已发送详情和处理记录');
  }
}

/** The unit's notice of a return: what to revise, by when, and 修改. */
export function returnNotice(plan: PlanRecord, request: ReturnRequest, reviseClosesAt: Date) {
  return noticeCard({
    title: `退回修改 · ${plan.number}`,
    color: 'red',
    body: [
      `**${escapeMarkdown(plan.data.title ?? '')}**`,
      `审核意见：${escapeMarkdown(request.comment)}`,
      '需要修改：',
      ...request.fields.map((f) => `- ${label(f.field)}${f.note ? `：${escapeMarkdown(f.note)}` : ''}`),
      '',
      `请于 **${formatDeadline(reviseClosesAt)}** 前修改后重新提交，逾期系统关闭，不再受理。`,
    ].join('\n'),
    buttons: [button('修改', revise(plan.id), 'primary_filled')],
    footer: '点「修改」会逐项带您修改上面列出的项目，然后显示汇总，确认后提交。',
  });
}

export const approvedFirstText = (plan: PlanRecord) => `您单位的计划 ${plan.number}《${plan.data.title ?? ''}》初审已通过，系统关闭后进行复审，结果会通知您。`;

export const rejectedSecondText = (plan: PlanRecord, comment: string | undefined) =>
  `您单位的计划 ${plan.number}《${plan.data.title ?? ''}》复审未通过，不再报市委、市政府审批。${comment ? `意见：${comment}` : ''}`;

/** 查看详情: the plan's processing record. */
export function timelineCard(t: TimelineFacts) {
  return noticeCard({
    title: `处理记录 · ${t.plan.number}`,
    color: 'indigo',
    body: [`**${escapeMarkdown(t.plan.data.title ?? '')}**`, `${escapeMarkdown(t.unitName)} · 当前：${STATUS_LABELS[t.plan.status]}`, '', ...recordLines(t.events, t.nameOf)].join('\n'),
  });
}
