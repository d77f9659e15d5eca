// 复审: after the system closes, reviewers decide every plan again [seed 二(一)2]. A list by unit with totals,
// a batch approval for the plans whose checklist is all green, and a card for each plan that needs a look.
import { pageOf } from '../../cards/paging.ts';
import { phaseAt } from '../../domain/campaign.ts';
import type { Person } from '../../domain/people.ts';
import { ownUnitOf } from '../../domain/review-conflict.ts';
import type { Logger } from '../../logger.ts';
import { findingsOf, findingsOfMany } from '../../model/findings.ts';
import { actOnPlan } from '../../model/plans.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { updateReviewCards } from './notify.ts';
import { BATCH_COMMENT } from './replies/second.ts';
import type { BatchResult, NotYet, SecondReviewResult, SecondReviewView } from './types.ts';
import { byUnit } from './grouping.ts';

export const AWAITING_SECOND = ['FIRST_APPROVED', 'SUBMITTED'] as const;

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

/** The 复审 list: the year's awaiting plans by unit with totals, a page of units at a time. */
export async function secondReviewView(deps: ReviewDeps, year: number, page = 1, opts: { allCards?: boolean; awaiting?: Awaiting } = {}): Promise<SecondReviewView> {
  const { plans, green, attention } = opts.awaiting ?? (await awaiting(deps, year));
  const units = pageOf(await byUnit(deps, plans), page, UNITS_PER_PAGE);
  return { year, total: plans, units, green: green.length, attention: attention.length, allCards: !!opts.allCards, at: deps.clock.now() };
}

/** Why the second review (or 报批) cannot happen yet: it follows the close of the revision window. Null once closed. */
export async function secondReviewNotYet(deps: ReviewDeps, year: number, what: NotYet['what'] = 'second'): Promise<NotYet | null> {
  const campaign = await campaignFor(deps, year);
  const phase = phaseAt(campaign, deps.clock.now());
  if (phase.secondReview || phase.published) return null;
  const waiting = (await deps.plans.list({ year, statuses: AWAITING_SECOND })).length;
  return { year, what, reviseClosesAt: campaign.reviseClosesAt, waiting };
}

/** 复审 (全部: a card for every plan, not only those needing attention). */
export async function secondReview(deps: ReviewDeps, year: number, opts: { allCards?: boolean } = {}): Promise<SecondReviewResult> {
  const notYet = await secondReviewNotYet(deps, year);
  if (notYet) return { status: 'not_yet', notYet };
  const a = await awaiting(deps, year);
  if (!a.plans.length) return { status: 'empty', year };
  const view = await secondReviewView(deps, year, 1, { ...opts, awaiting: a });
  return { status: 'done', view, cards: opts.allCards ? a.plans : a.attention };
}

/**
 * Approves (second review) every awaiting plan of the year whose checklist is all green right now, except
 * the plans of the reviewer's own unit (another reviewer decides those): they are counted, not approved.
 */
export async function approveAllGreen(deps: ReviewDeps, year: number, reviewer: Person, log: Logger): Promise<BatchResult> {
  const notYet = await secondReviewNotYet(deps, year);
  if (notYet) return { status: 'not_yet', notYet };
  const now = deps.clock.now();
  const units = await deps.registry.units();
  const by = reviewer.name ?? reviewer.openId;
  let approved = 0;
  let own = 0;
  for (const p of await deps.plans.list({ year, statuses: AWAITING_SECOND })) {
    if ((await findingsOf(deps, p))?.length) continue;
    if (ownUnitOf(reviewer, p.unitCode, units)) {
      own++;
      continue;
    }
    const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'approve_second', actor: reviewer.openId, channel: 'card', now, comment: BATCH_COMMENT });
    if (!r.ok) continue;
    approved++;
    await updateReviewCards(deps, r.plan, { action: 'approve_second', by, at: now });
  }
  log.info({ year, approved, own }, 'batch second review');
  return { status: 'done', approved, own, by };
}
