// 我的申报 (and last year's plans to copy): the unit's plans of a year with status, what happens next, and
// what can be done, a page at a time.
import { displayValue, type PlanDraft } from '../domain/plan.ts';
import { STATUS_LABELS, type PlanStatus } from '../domain/plan-status.ts';
import type { FeatureButtonValue } from './actions.ts';
import { pagerRow, pageText, resendLine, type Page } from './paging.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

/**
 * A plan on the list and the values of its buttons (the caller's routes): 继续填写 when it can be edited,
 * else 查看; 撤回 and 复制为新计划 when given.
 */
export type ListedPlan = {
  number: string;
  status: PlanStatus;
  data: PlanDraft;
  next: string;
  actions: { edit: FeatureButtonValue; open?: undefined } | { open: FeatureButtonValue; edit?: undefined };
  withdraw?: FeatureButtonValue | undefined;
  copy?: FeatureButtonValue | undefined;
};

/** The buttons under the list; each shown when given. */
export type PlanListActions = { declare?: FeatureButtonValue; form?: FeatureButtonValue; lastYear: FeatureButtonValue; noPlan?: FeatureButtonValue };

/**
 * Plans on a page: a row of at most 14 elements (a withdraw button carries its confirmation) and about
 * 1.6 KB with the longest title, so a page stays near 140 elements and 16 KB, well inside 200 and 30 KB.
 */
export const PLANS_PER_PAGE = 8;

const facts = (d: PlanDraft) =>
  [d.scope, d.headcount && displayValue('headcount', d.headcount), d.month && displayValue('month', d.month), d.budget !== undefined && displayValue('budget', d.budget)].filter(Boolean).join(' · ');

export function planListCard(p: {
  year: number;
  unitName: string;
  intro: string | null;
  page: Page<ListedPlan>;
  list: 'my_plans' | 'last_year';
  /** When the card is drawn (see the page value in actions.ts). */
  at: Date;
  resend: string;
  actions: PlanListActions;
}): CardJson {
  return renderCard('plan-list', {
    title: `${p.year}年度培训计划`,
    subtitle: p.unitName,
    intro: p.intro ?? '',
    pageLine: p.page.total ? pageText(p.page, '个计划') : '',
    plans: p.page.items.map((plan) => ({
      text: [
        `**${escapeMarkdown(plan.number)}　${escapeMarkdown(plan.data.title ?? '（未填写名称）')}**`,
        `${escapeMarkdown(facts(plan.data) || '（尚未填写）')}`,
        `状态：${STATUS_LABELS[plan.status]}　下一步：${escapeMarkdown(plan.next)}`,
      ].join('\n'),
      edit: plan.actions.edit ?? null,
      open: plan.actions.open ?? null,
      withdraw: plan.withdraw ?? null,
      copy: plan.copy ?? null,
    })),
    pager: pagerRow(p.page, p.list, p.at) ?? '',
    actions: { declare: p.actions.declare ?? null, form: p.actions.form ?? null, lastYear: p.actions.lastYear, noPlan: p.actions.noPlan ?? null },
    resend: resendLine(p.resend),
  });
}
