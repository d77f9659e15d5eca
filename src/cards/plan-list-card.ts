// 我的申报 (and last year's plans to copy): the unit's plans of a year with status, what happens next, and
// what can be done, a page at a time.
import { displayValue, type PlanDraft } from '../domain/plan.ts';
import { STATUS_LABELS, type PlanStatus } from '../domain/plan-status.ts';
import { button } from './actions.ts';
import { pagerRow, pageText, resendLine, type Page } from './paging.ts';
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

/**
 * Plans on a page: a row of at most 14 elements (a withdraw button carries its confirmation) and about
 * 1.6 KB with the longest title, so a page stays near 140 elements and 16 KB, well inside 200 and 30 KB.
 */
export const PLANS_PER_PAGE = 8;

export function planListCard(p: {
  year: number;
  unitName: string;
  intro: string | null;
  page: Page<ListedPlan>;
  list: 'my_plans' | 'last_year';
  /** When the card is drawn (see the page value in actions.ts). */
  at: Date;
  resend: string;
  canDeclare: boolean;
  noPlan: boolean;
}): CardJson {
  const pg = p.page.page;
  return renderCard('plan-list', {
    title: `${p.year}年度培训计划`,
    subtitle: p.unitName,
    intro: p.intro ?? '',
    pageLine: p.page.total ? pageText(p.page, '个计划') : '',
    plans: p.page.items.map((plan) => ({
      text: [
        `**${escapeMarkdown(plan.number)}　${escapeMarkdown(plan.data.title ?? '（未填写名称）')}**`,
        `${escapeMarkdown([plan.data.scope, plan.data.headcount && displayValue('headcount', plan.data.headcount), plan.data.month && displayValue('month', plan.data.month), plan.data.budget !== undefined && displayValue('budget', plan.data.budget)].filter(Boolean).join(' · ') || '（尚未填写）')}`,
        `状态：${STATUS_LABELS[plan.status]}　下一步：${escapeMarkdown(plan.next)}`,
      ].join('\n'),
      actions: buttonRow([
        button(plan.can.edit ? '继续填写' : '查看', { a: 'plan', plan: plan.id, op: plan.can.edit ? 'edit' : 'open' }, plan.can.edit ? 'primary' : 'default'),
        ...(plan.can.withdraw ? [button('撤回', { a: 'plan', plan: plan.id, op: 'withdraw', v: plan.version, ...(pg > 1 ? { pg } : {}) }, 'danger_text', { confirm: { title: { tag: 'plain_text', content: '撤回这个计划？' }, text: { tag: 'plain_text', content: '撤回后变为草稿，可修改后重新提交（申报截止前）。' } } })] : []),
        ...(plan.can.copy ? [button('复制为新计划', { a: 'plan', plan: plan.id, op: 'copy' }, 'text')] : []),
      ]),
    })),
    pager: pagerRow(p.page, p.list, p.at) ?? '',
    actions: buttonRow([
      ...(p.canDeclare ? [button('新建申报', { a: 'declare' }, 'primary_filled'), button('表单申报', { a: 'form_open' })] : []),
      button('从上一年度复制', { a: 'last_year' }),
      ...(p.canDeclare && !p.noPlan ? [button('本年度无培训计划', { a: 'no_plan', year: p.year, yes: false }, 'text')] : []),
    ]),
    resend: resendLine(p.resend),
  });
}
