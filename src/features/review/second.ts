// 复审: after the system closes, reviewers decide every plan again [seed 二(一)2]. A list by unit with totals,
// a batch approval for the plans whose checklist is all green, and a card for each plan that needs a look.
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { pageOf } from '../../cards/paging.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { phaseAt } from '../../domain/campaign.ts';
import { formatDeadline } from '../../domain/dates.ts';
import { displayValue } from '../../domain/plan.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { Person } from '../../domain/people.ts';
import { ownUnitOf } from '../../domain/review-conflict.ts';
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { outcomeOf, sendForReview, updateReviewCards } from './notify.ts';
import type { Reply } from '../../bot/reply.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { findingsOf, findingsOfMany } from '../../model/findings.ts';

export const AWAITING_SECOND = ['FIRST_APPROVED', 'SUBMITTED'] as const;

export function totals(plans: PlanRecord[]) {
  const classes = plans.reduce((s, p) => s + (p.data.sessions ?? 0), 0);
  const people = plans.reduce((s, p) => s + (p.data.headcount ?? 0) * (p.data.sessions ?? 0), 0);
  const budget = plans.reduce((s, p) => s + (p.data.budget ?? 0), 0);
  return { count: plans.length, classes, people, budget };
}

export function totalsText(t: ReturnType<typeof totals>) {
  return `${t.count} 个计划，${t.classes} 期，${t.people} 人次，经费 ${displayValue('budget', t.budget)}`;
}

export async function byUnit(deps: ReviewDeps, plans: PlanRecord[]) {
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const groups = new Map<string, PlanRecord[]>();
  for (const p of plans) groups.set(p.unitCode, [...(groups.get(p.unitCode) ?? []), p]);
  return [...groups].map(([code, list]) => ({ code, name: names.get(code) ?? code, plans: list })).sort((a, b) => a.code.localeCompare(b.code));
}

/** Units on a page of the 复审 list: a line of about 250 bytes each. */
const UNITS_PER_PAGE = 25;

/** The plans awaiting second review, split by whether their checklist is all green. */
async function awaiting(deps: ReviewDeps, year: number) {
  const plans = await deps.plans.list({ year, statuses: AWAITING_SECOND });
  const findings = await findingsOfMany(deps, plans);
  const green = plans.filter((p) => !findings.get(p.id)!.length);
  const attention = plans.filter((p) => findings.get(p.id)!.length);
  return { plans, green, attention };
}

type Awaiting = Awaited<ReturnType<typeof awaiting>>;

/** The 复审 list: the year's awaiting plans by unit with totals, a page of units at a time, and the batch approval. */
export async function secondReviewCard(deps: ReviewDeps, year: number, page = 1, opts: { allCards?: boolean; awaiting?: Awaiting } = {}) {
  const { plans, green, attention } = opts.awaiting ?? (await awaiting(deps, year));
  const units = pageOf(await byUnit(deps, plans), page, UNITS_PER_PAGE);
  return noticeCard({
    title: `${year}年度复审 · 待复审 ${plans.length} 个`,
    color: 'indigo',
    body: [
      ...(units.items.length ? units.items.map((u) => `**${escapeMarkdown(u.name)}**　${totalsText(totals(u.plans))}`) : ['没有等待复审的计划。']),
      '',
      `**合计**　${totalsText(totals(plans))}`,
      `全部符合要求的 ${green.length} 个可一键通过；需要关注的 ${attention.length} 个已逐个发送卡片${opts.allCards ? '（另发送了全部计划的卡片）' : ''}。`,
    ].join('\n'),
    buttons: green.length ? [button(`全部通过（${green.length} 个全部符合要求的计划）`, { a: 'batch2', year }, 'primary_filled', { confirm: { title: { tag: 'plain_text', content: `复审通过 ${green.length} 个计划？` }, text: { tag: 'plain_text', content: '这些计划的规则检查全部为绿色。' } } })] : [],
    footer: '发送「复审 全部」可为每个计划单独发送复审卡片。',
    paging: { page: units, list: 'second', noun: '个单位', year, at: deps.clock.now() },
    resend: `复审 ${year}`,
  });
}

/**
 * Why the second review (or 报批) cannot happen yet: it follows the close of the revision window
 * [seed 二(一)2]. Null once the window has closed.
 */
export async function secondReviewNotYet(deps: ReviewDeps, year: number, what: '复审' | '报批' = '复审'): Promise<string | null> {
  const campaign = await campaignFor(deps, year);
  const now = deps.clock.now();
  const phase = phaseAt(campaign, now);
  if (phase.secondReview || phase.published) return null;
  const waiting = (await deps.plans.list({ year, statuses: AWAITING_SECOND })).length;
  return `${year}年度的${what}在申报系统关闭后进行：修改截止是 ${formatDeadline(campaign.reviseClosesAt)}，之后发送「${what}」。${waiting ? `现在有 ${waiting} 个计划已提交或初审通过，初审请发送「待审」。` : ''}`;
}

export async function secondReviewList(deps: ReviewDeps, year: number, reply: Reply, log: Logger, opts: { allCards?: boolean } = {}) {
  const notYet = await secondReviewNotYet(deps, year);
  if (notYet) return reply.text(notYet);
  const a = await awaiting(deps, year);
  const { plans, attention } = a;
  if (!plans.length) return reply.text(`${year}年度没有等待复审的计划。`);
  await reply.card(await secondReviewCard(deps, year, 1, { ...opts, awaiting: a }));
  for (const p of opts.allCards ? plans : attention) await sendForReview(deps, p, 'second', log);
}

/**
 * Approves (second review) every awaiting plan of the year whose checklist is all green right now, except
 * the plans of the reviewer's own unit (another reviewer decides those): they are counted, not approved.
 */
export async function approveAllGreen(deps: ReviewDeps, year: number, reviewer: Person, log: Logger) {
  const now = deps.clock.now();
  const units = await deps.registry.units();
  let approved = 0;
  let own = 0;
  for (const p of await deps.plans.list({ year, statuses: AWAITING_SECOND })) {
    if ((await findingsOf(deps, p))?.length) continue;
    if (ownUnitOf(reviewer, p.unitCode, units)) {
      own++;
      continue;
    }
    const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'approve_second', actor: reviewer.openId, channel: 'card', now, comment: '批量复审通过（规则检查全部符合）' });
    if (!r.ok) continue;
    approved++;
    await updateReviewCards(deps, r.plan, outcomeOf('approve_second', reviewer.name ?? reviewer.openId, now));
  }
  log.info({ year, approved, own }, 'batch second review');
  return { approved, own };
}
