// 我的申报: the unit's plans of a year with status, what happens next, and what can be done.
import { displayValue, type PlanDraft } from '../domain/plan.ts';
import { STATUS_LABELS, type PlanStatus } from '../domain/plan-status.ts';
import { button } from './actions.ts';
import { buttonRow } from './parts.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

export type ListedPlan = {
  id: number;
  number: string;
  version: number;
  status: PlanStatus;
  data: PlanDraft;
  next: string;
  can: { edit: boolean; withdraw: boolean; copy: boolean };
};

export function planListCard(p: { year: number; unitName: string; intro: string | null; plans: ListedPlan[]; canDeclare: boolean; noPlan: boolean }): CardJson {
  return renderCard('plan-list', {
    title: `${p.year}年度培训计划`,
    subtitle: p.unitName,
    intro: p.intro ?? '',
    plans: p.plans.map((plan) => ({
      text: [
        `**${escapeMarkdown(plan.number)}　${escapeMarkdown(plan.data.title ?? '（未填写名称）')}**`,
        `${escapeMarkdown([plan.data.scope, plan.data.headcount && displayValue('headcount', plan.data.headcount), plan.data.month && displayValue('month', plan.data.month), plan.data.budget !== undefined && displayValue('budget', plan.data.budget)].filter(Boolean).join(' · ') || '（尚未填写）')}`,
        `状态：${STATUS_LABELS[plan.status]}　下一步：${escapeMarkdown(plan.next)}`,
      ].join('\n'),
      actions: buttonRow([
        button(plan.can.edit ? '继续填写' : '查看', { a: 'plan', plan: plan.id, op: plan.can.edit ? 'edit' : 'open' }, plan.can.edit ? 'primary' : 'default'),
        ...(plan.can.withdraw ? [button('撤回', { a: 'plan', plan: plan.id, op: 'withdraw', v: plan.version }, 'danger_text', { confirm: { title: { tag: 'plain_text', content: '撤回这个计划？' }, text: { tag: 'plain_text', content: '撤回后变为草稿，可修改后重新提交（申报截止前）。' } } })] : []),
        ...(plan.can.copy ? [button('复制为新计划', { a: 'plan', plan: plan.id, op: 'copy' }, 'text')] : []),
      ]),
    })),
    actions: buttonRow([
      ...(p.canDeclare ? [button('新建申报', { a: 'declare' }, 'primary_filled'), button('表单申报', { a: 'form_open' })] : []),
      button('从上一年度复制', { a: 'last_year' }),
      ...(p.canDeclare && !p.noPlan ? [button('本年度无培训计划', { a: 'no_plan', year: p.year, yes: false }, 'text')] : []),
    ]),
  });
}
