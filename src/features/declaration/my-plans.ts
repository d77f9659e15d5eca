// 我的申报: the unit's plans of the campaign year, what happens next to each, and what can be done; copying
// a plan (also last year's) into a new draft; 本年度无培训计划.
import { pageOf } from '../../cards/paging.ts';
import { planListCard, PLANS_PER_PAGE, type ListedPlan } from '../../cards/plan-list-card.ts';
import { formatDeadline } from '../../domain/dates.ts';
import { DECLARED, EDITABLE, type PlanStatus } from '../../domain/plan-status.ts';
import type { PlanDraft } from '../../domain/plan.ts';
import type { Declarant } from '../../model/declarant.ts';
import type { Reply } from '../../bot/reply.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { DeclarationDeps } from './deps.ts';

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

export function listed(p: PlanRecord, d: Declarant): ListedPlan {
  const editable = EDITABLE.includes(p.status) && (p.status === 'RETURNED' ? d.phase.canRevise : !d.phase.secondReview && !d.phase.published);
  return {
    id: p.id,
    number: p.number,
    version: p.version,
    status: p.status,
    data: p.data,
    next: nextStep(p.status, d),
    can: { edit: editable, withdraw: p.status === 'SUBMITTED' && d.phase.canDeclare, copy: d.phase.canDeclare },
  };
}

export async function myPlansCard(deps: DeclarationDeps, d: Declarant, page = 1) {
  const plans = (await deps.plans.list({ unitCode: d.competent.code, year: d.year })).filter((p) => p.status !== 'DISCARDED');
  const noPlan = await deps.unitYears.noPlan(d.competent.code, d.year);
  const intro = noPlan
    ? `已登记：本单位${d.year}年度无培训计划（${formatDeadline(new Date(noPlan.at.getTime() + 1))}）。如需申报，直接新建即可。`
    : plans.length
      ? null
      : `本单位${d.year}年度还没有申报。申报截止：${formatDeadline(d.campaign.declareClosesAt)}。`;
  return planListCard({
    year: d.year,
    unitName: d.competent.name,
    intro,
    page: pageOf(plans.map((p) => listed(p, d)), page, PLANS_PER_PAGE),
    list: 'my_plans',
    at: deps.clock.now(),
    resend: '我的申报',
    canDeclare: d.phase.canDeclare,
    noPlan: !!noPlan,
  });
}

/** A copy of a plan as a new draft's data: last year's title gets this year's number. */
export function copyData(source: PlanRecord, year: number): PlanDraft {
  const { justification: _j, ...rest } = source.data;
  void _j;
  const title = rest.title?.replace(new RegExp(`${source.year}年`, 'g'), `${year}年`);
  return { ...rest, ...(title ? { title } : {}) };
}

export async function lastYearCard(deps: DeclarationDeps, d: Declarant, page = 1) {
  const last = (await deps.plans.list({ unitCode: d.competent.code, year: d.year - 1, statuses: DECLARED })).filter((p) => p.status !== 'RETURNED');
  return planListCard({
    year: d.year - 1,
    unitName: `${d.competent.name} · 可复制为${d.year}年度新计划`,
    intro: last.length ? '点「复制为新计划」：内容会带入新草稿，年份自动改为本年度，您再逐项确认。' : `本单位${d.year - 1}年度没有已申报的计划可以复制。`,
    page: pageOf(last.map((p) => ({ ...listed(p, d), next: '可复制', can: { edit: false, withdraw: false, copy: d.phase.canDeclare } })), page, PLANS_PER_PAGE),
    list: 'last_year',
    at: deps.clock.now(),
    resend: '复制去年',
    canDeclare: d.phase.canDeclare,
    noPlan: true,
  });
}

export async function confirmNoPlan(deps: DeclarationDeps, d: Declarant, actor: string, reply: Reply): Promise<string> {
  const declared = (await deps.plans.list({ unitCode: d.competent.code, year: d.year, statuses: DECLARED })).length;
  if (declared) return `本单位${d.year}年度已有 ${declared} 个已提交的计划，不能登记为无培训计划。如需撤回，请在「我的申报」中操作。`;
  await deps.unitYears.setNoPlan(d.competent.code, d.year, actor, deps.clock.now());
  await reply.text(`已登记：${d.competent.name}${d.year}年度无培训计划，本年度的申报已完成，不会再收到申报提醒。如有变化，直接发送「申报」即可。`);
  return '已登记';
}
