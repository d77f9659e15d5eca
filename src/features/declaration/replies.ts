// The declaration's answers inside a card click (toasts, the card shown in place), the one-card form, 截止时间,
// the welcome card's line and what the nudge job reports.
import { noticeCard } from '../../cards/notice-card.ts';
import { button } from '../../cards/actions.ts';
import { planFormCard, type FormValues } from '../../cards/plan-form-card.ts';
import { describeCampaign, type Campaign } from '../../domain/campaign.ts';
import { formatDeadline } from '../../domain/dates.ts';
import { PLAN_FIELDS, type PlanFieldKey } from '../../domain/plan.ts';
import type { CardResponse } from '../../inbound.ts';
import type { Declarant } from '../../model/declarant.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { values } from './buttons.ts';
import type { Deadlines } from './deadline.ts';
import type { FieldErrors, FormResult } from './form.ts';
import type { NudgeRun } from './nudges.ts';
import { summaryCardOf } from './replies-steps.ts';

type ToastType = 'success' | 'info' | 'error' | 'warning';
const toast = (type: ToastType, content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });

const STALE_CARD = '计划在这张卡片发出后已有变化，卡片已过期。请发送「我的申报」查看最新状态。';
const NEXT_MESSAGE = '现在不能新建申报，请看下一条消息';

export const labelOf = (field: PlanFieldKey) => PLAN_FIELDS.find((f) => f.key === field)!.label;

/** Toasts of the declaration's buttons, by what happened. */
export const toasts = {
  unitGone: toast('error', '您关联的单位已不在单位名册中，请联系系统管理员。'),
  planMissing: toast('error', '找不到这个计划'),
  stale: (card?: CardResponse['card']) => toast('warning', STALE_CARD, card),
  failed: (message: string) => toast('error', message),
  started: toast('success', '已开始，请看下一条消息'),
  formClosed: toast('info', NEXT_MESSAGE),
  formClosedOnSubmit: toast('error', NEXT_MESSAGE),
  formSent: toast('success', '已发送申报表单'),
  answerExpired: toast('error', '这张卡片已过期，发送「我的申报」查看计划'),
  answered: (field: PlanFieldKey, value: string) => toast('success', `${labelOf(field)}：${value.length <= 2 && /^\d+$/.test(value) && field === 'month' ? `${value}月` : value}`),
  summaryStale: toast('warning', '这张汇总卡片已过期：计划之后又修改过。请看最新的汇总。'),
  notYetSubmittable: toast('warning', '还不能提交，请看下一条消息'),
  submitted: (plan: PlanRecord, card: CardResponse['card']) => toast('success', `已提交 ${plan.number}`, card),
  draftSaved: (plan: PlanRecord) => toast('success', `已保存草稿 ${plan.number}，发送「继续」可接着填写`),
  justify: toast('info', '请在对话中填写情况说明'),
  confirmCancel: (plan: PlanRecord) =>
    toast(
      'info',
      '请确认是否取消',
      noticeCard({
        title: `取消申报 ${plan.number}？`,
        color: 'orange',
        body: '取消后这份草稿会删除（操作记录仍保留）。',
        buttons: [button('确认取消', values.cancelConfirm(plan.id, true, plan.version), 'danger_filled'), button('继续填写', values.cancelConfirm(plan.id, false), 'primary')],
      }),
    ),
  pickField: toast('error', '请选择要修改的项目'),
  editing: (field: PlanFieldKey) => toast('info', `修改「${labelOf(field)}」：请在对话中回复`),
  goingOn: toast('info', '好的，接着填写'),
  cancelled: (plan: PlanRecord) => toast('success', '已取消', noticeCard({ title: `已取消 ${plan.number}`, color: 'grey', body: '草稿已删除。需要时发送「申报」重新开始。' })),
  detailsSent: (plan: PlanRecord) => toast('success', `已发送 ${plan.number} 的详情`),
  continuing: (plan: PlanRecord) => toast('success', `继续填写 ${plan.number}`),
  copied: toast('success', '已复制为新计划'),
  withdrawn: (plan: PlanRecord, card: CardResponse['card']) => toast('success', `已撤回 ${plan.number}，现在是草稿`, card),
  lastYearSent: toast('success', '已发送上一年度的计划'),
  cardExpired: toast('warning', '这张卡片已过期'),
  notRecorded: (card: CardResponse['card']) => toast('info', '没有登记', card),
  recorded: (card: CardResponse['card']) => toast('success', '已登记', card),
  notReturned: (plan: PlanRecord) => toast('info', `计划 ${plan.number} 现在不是待修改状态`),
  reviseUnitGone: toast('error', '您关联的单位已不在名册中'),
  revising: (plan: PlanRecord) => toast('success', `修改 ${plan.number}：请按对话逐项修改`),
};

/** A command of a declarant whose unit has left the registry. */
export const unitGoneText = (code: string) => `您关联的单位 ${code} 已不在单位名册中，请联系系统管理员。`;

/** The one-card form, empty or as submitted with each problem next to its field. */
export function formCard(d: Declarant, planId?: number, formValues: FormValues = {}, errors: FieldErrors = {}) {
  return planFormCard({ year: d.year, submit: values.formSubmit(planId), units: d.family, values: formValues, errors });
}

export function formAnswer(d: Declarant, planId: number | undefined, r: FormResult): CardResponse {
  switch (r.status) {
    case 'invalid':
      return toast('error', `有 ${Object.keys(r.errors).length} 项需要修改`, formCard(d, planId, r.values, r.errors));
    case 'refused':
      return r.reason === 'plan_missing' ? toasts.planMissing : toasts.failed(r.message);
    case 'saved':
      return toast('success', `已保存为草稿 ${r.plan.number}`, summaryCardOf({ plan: r.plan, unitName: d.competent.name, ...r.summary, similar: r.similar }));
  }
}

/** 截止时间: the campaign's dates and where it stands; the notice's usual dates are said to be only that. */
export function deadlineText(x: Deadlines): string {
  const lines = describeCampaign(x.campaign);
  const { phase, daysLeft: left } = x;
  if (phase.phase === 'not_open' && !x.announced) {
    return [`${x.year}年度培训计划的申报通知还没有发布。往年的安排如下，以当年的通知为准：`, ...lines.slice(1)].join('\n');
  }
  const where = phase.canDeclare
    ? `现在可以申报，${left <= 0 ? '今天截止' : `距申报截止还有 ${left} 天`}。发送「申报」开始。`
    : phase.canRevise
      ? `申报已截止；被退回的计划可以修改后重新提交，${left <= 0 ? '今天截止' : `还有 ${left} 天`}。发送「我的申报」查看。`
      : phase.phase === 'not_open'
        ? '申报尚未开始。'
        : '申报和修改都已截止，系统已关闭。';
  return [...lines, '', where].join('\n');
}

/** The welcome card of a declarant names the coming deadline. */
export const welcomeLine = (c: Campaign | null) => (c ? `${c.year}年度培训计划申报截止：**${formatDeadline(c.declareClosesAt)}**` : null);

export function nudgeRunLines(r: NudgeRun): string[] {
  return [r.skipped ? '现在不在 08:30–20:00 之间，不发提醒。' : r.nudged ? `提醒了 ${r.nudged} 份闲置超过 24 小时的草稿。` : '没有闲置超过 24 小时、尚未提醒的草稿。'];
}
