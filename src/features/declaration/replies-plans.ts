// 我的申报 and last year's plans as list cards (what happens next to each plan, in words), 本年度无培训计划,
// and the nudge for a draft left alone.
import { noticeCard } from '../../cards/notice-card.ts';
import { planListCard, type ListedPlan } from '../../cards/plan-list-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { button } from '../../cards/actions.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { formatDeadline } from '../../domain/dates.ts';
import type { PlanStatus } from '../../domain/plan-status.ts';
import type { Declarant } from '../../model/declarant.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { values } from './buttons.ts';
import type { LastYearPlans, Listed, MyPlans } from './my-plans.ts';
import type { NoPlanResult } from './no-plan.ts';

function nextStep(status: PlanStatus, d: Declarant): string {
  const declareBy = formatDeadline(d.campaign.declareClosesAt);
  const reviseBy = formatDeadline(d.campaign.reviseClosesAt);
  const steps: Record<PlanStatus, string> = {
    DRAFT: d.phase.canDeclare ? `填完后提交（${declareBy} 截止）` : d.phase.phase === 'not_open' ? '申报开始后才能提交' : '申报已截止，不能再提交',
    SUBMITTED: '等待市工作领导小组办公室初审（当天完成）',
    FIRST_APPROVED: '初审已通过，等待系统关闭后的复审',
    RETURNED: d.phase.canRevise ? `按审核意见修改后重新提交（${reviseBy} 截止）` : '修改期限已过',
    SECOND_APPROVED: '复审已通过，等待报市委、市政府审批',
    REJECTED: '复审未通过',
    SENT_FOR_APPROVAL: '已报市委、市政府审批，等待结果',
    APPROVED: '审批通过，等待公布',
    NOT_APPROVED: '审批未通过',
    PUBLISHED: '已公布，按批复组织实施',
    EXPIRED: '逾期未提交',
    DISCARDED: '已删除',
  };
  return steps[status];
}

/** A plan on a list, its buttons this feature's; `pg`: the page it is on (撤回 answers with that page). */
function listedPlan({ plan, can }: Listed, next: string, pg: number): ListedPlan {
  return {
    number: plan.number,
    status: plan.status,
    data: plan.data,
    next,
    actions: can.edit ? { edit: values.plan(plan.id, 'edit') } : { open: values.plan(plan.id, 'open') },
    withdraw: can.withdraw ? values.plan(plan.id, 'withdraw', { v: plan.version, pg }) : undefined,
    copy: can.copy ? values.plan(plan.id, 'copy') : undefined,
  };
}

export function myPlansCard(m: MyPlans) {
  const { d, page } = m;
  const intro = m.noPlan
    ? `已登记：本单位${d.year}年度无培训计划（${formatDeadline(new Date(m.noPlan.at.getTime() + 1))}）。如需申报，直接新建即可。`
    : page.total
      ? null
      : `本单位${d.year}年度还没有申报。申报截止：${formatDeadline(d.campaign.declareClosesAt)}。`;
  return planListCard({
    year: d.year,
    unitName: d.competent.name,
    intro,
    page: { ...page, items: page.items.map((l) => listedPlan(l, nextStep(l.plan.status, d), page.page)) },
    list: 'my_plans',
    at: m.at,
    resend: '我的申报',
    actions: {
      ...(d.phase.canDeclare ? { declare: values.declare(), form: values.formOpen() } : {}),
      lastYear: values.lastYear(),
      ...(d.phase.canDeclare && !m.noPlan ? { noPlan: values.noPlan(d.year, false) } : {}),
    },
  });
}

export function lastYearCard(m: LastYearPlans) {
  const { d, page } = m;
  return planListCard({
    year: d.year - 1,
    unitName: `${d.competent.name} · 可复制为${d.year}年度新计划`,
    intro: page.total ? '点「复制为新计划」：内容会带入新草稿，年份自动改为本年度，您再逐项确认。' : `本单位${d.year - 1}年度没有已申报的计划可以复制。`,
    page: { ...page, items: page.items.map((l) => listedPlan(l, '可复制', page.page)) },
    list: 'last_year',
    at: m.at,
    resend: '复制去年',
    // Copying is from this list: 本年度无培训计划 is not offered here.
    actions: { ...(d.phase.canDeclare ? { declare: values.declare(), form: values.formOpen() } : {}), lastYear: values.lastYear() },
  });
}

export const copiedText = (plan: PlanRecord) => `已把 ${plan.number} 复制为新草稿，请逐项确认（发送「修改 某项」调整）。`;

/** 无计划: asked before it is recorded. */
export function noPlanConfirmCard(d: Declarant) {
  return noticeCard({
    title: `确认：${d.year}年度无培训计划？`,
    color: 'orange',
    body: `登记后，${d.competent.name}（含二层单位）${d.year}年度的申报即视为完成，不会再收到申报提醒。之后如有培训计划，仍可直接申报。`,
    buttons: [button('确认，本年度无培训计划', values.noPlan(d.year, true), 'primary_filled'), button('不登记', values.noPlan(d.year, false))],
  });
}

export const notRecordedCard = () => noticeCard({ title: '没有登记', color: 'grey', body: '本年度仍需申报。发送「申报」开始。' });

/** 无计划 recorded: the message to the declarant and the card in place of the confirmation; or why not. */
export function noPlanSaid(r: NoPlanResult): { refusal: string } | { text: string; card: ReturnType<typeof noticeCard> } {
  if (r.status === 'refused') return { refusal: `本单位${r.year}年度已有 ${r.count} 个已提交的计划，不能登记为无培训计划。如需撤回，请在「我的申报」中操作。` };
  const { d } = r;
  return {
    text: `已登记：${d.competent.name}${d.year}年度无培训计划，本年度的申报已完成，不会再收到申报提醒。如有变化，直接发送「申报」即可。`,
    card: noticeCard({ title: `已登记：${d.year}年度无培训计划`, color: 'green', body: `${d.competent.name}` }),
  };
}

export function nudgeCard(plan: PlanRecord, campaign: Campaign) {
  return noticeCard({
    title: '您有一份申报还没填完',
    color: 'orange',
    body: `**${escapeMarkdown(plan.number)}　${escapeMarkdown(plan.data.title ?? '（未填写名称）')}**\n已填写的内容都保存着，接着填只需几分钟。\n${plan.year}年度申报截止：**${formatDeadline(campaign.declareClosesAt)}**`,
    buttons: [button('继续填写', values.plan(plan.id, 'edit'), 'primary_filled')],
    footer: '不需要这份草稿了？点「继续填写」后发送「取消」即可删除。',
  });
}
