// 进度: where each of my unit's plans is, who holds it, since when (working days), and the next deadline;
// for reviewers, the queue of plans waiting for a first review, oldest first.
import { pageOf } from '../../cards/paging.ts';
import { phaseAt } from '../../domain/campaign.ts';
import type { Person } from '../../domain/people.ts';
import { tentativeYearsOfWait, workingDaysWaiting } from '../../domain/review.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import type { Logger } from '../../logger.ts';
import { declarantOf } from '../../model/declarant.ts';
import { campaignFor, loadWorkCalendar } from '../../model/reference-data.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { sendAllForReview } from './notify.ts';
import type { ProgressLine, ProgressView, QueueView, Waited } from './types.ts';

/** A plan is two lines of about 450 bytes at most: 15 a page stay near 8 KB. */
const PROGRESS_PER_PAGE = 15;
/** One line of about 300 bytes: 20 a page. */
const QUEUE_PER_PAGE = 20;
/** 待审 sends each plan's review card as well: 10 at a time, not hundreds at once. */
export const PENDING_PER_PAGE = 10;

/** Working days waited, tentative when counted over a year with no holiday schedule (noted once at the bottom). */
function waitedOf(cal: WorkCalendar, from: Date, now: Date, unknown: Set<number>): Waited {
  const years = tentativeYearsOfWait(cal, from, now);
  for (const y of years) unknown.add(y);
  return { days: workingDaysWaiting(cal, from, now), tentative: years.length > 0 };
}

async function since(deps: ReviewDeps, p: PlanRecord): Promise<Date> {
  const e = [...(await deps.plans.events(p.id))].reverse().find((x) => x.toStatus === p.status && x.action !== 'edit');
  return e?.at ?? p.updatedAt;
}

/** 进度 of the person's unit, a page at a time; null when the unit is not in the registry. */
export async function declarantProgress(deps: ReviewDeps, person: Person & { unitCode: string }, page = 1): Promise<ProgressView | null> {
  const now = deps.clock.now();
  const d = await declarantOf(deps, person, now);
  if (!d) return null;
  const cal = await loadWorkCalendar(deps);
  const mine = (await deps.plans.list({ unitCode: d.competent.code, years: [d.year - 1, d.year] })).filter((p) => !['DISCARDED', 'EXPIRED'].includes(p.status));
  const plans = pageOf(mine, page, PROGRESS_PER_PAGE);
  const unknown = new Set<number>();
  const lines: ProgressLine[] = [];
  for (const p of plans.items) {
    const from = await since(deps, p);
    const phase = phaseAt(await campaignFor(deps, p.year), now);
    const deadline =
      p.status === 'DRAFT' && phase.canDeclare
        ? { kind: 'declare' as const, at: d.campaign.declareClosesAt }
        : p.status === 'RETURNED' && phase.canRevise
          ? { kind: 'revise' as const, at: d.campaign.reviseClosesAt }
          : null;
    lines.push({ number: p.number, title: p.data.title, status: p.status, since: from, waited: waitedOf(cal, from, now, unknown), deadline });
  }
  const next = d.phase.nextDeadline ? { what: d.phase.nextDeadline.what, closesAt: d.phase.nextDeadline.closesAt } : null;
  return { unitName: d.competent.name, page: { ...plans, items: lines }, next, tentativeYears: [...unknown].sort(), at: now };
}

/** The plans waiting for a first review, oldest first. */
async function firstReviewQueue(deps: ReviewDeps) {
  const waiting = await deps.plans.list({ statuses: ['SUBMITTED'] });
  return waiting.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.id - b.id);
}

/**
 * The reviewers' queue (进度), a page at a time; for 待审 (`pending`), the page's plans also get their review
 * cards, so that a long queue comes ten cards at a time.
 */
export async function reviewerQueue(deps: ReviewDeps, page = 1, pending?: { log: Logger }): Promise<QueueView> {
  const now = deps.clock.now();
  const cal = await loadWorkCalendar(deps);
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const waiting = pageOf(await firstReviewQueue(deps), page, pending ? PENDING_PER_PAGE : QUEUE_PER_PAGE);
  const sent = pending ? await sendAllForReview(deps, waiting.items, 'first', pending.log) : 0;
  const unknown = new Set<number>();
  const items = waiting.items.map((p) => {
    const at = p.submittedAt ?? p.updatedAt;
    return { number: p.number, unitName: names.get(p.unitCode) ?? p.unitCode, title: p.data.title, submittedAt: at, waited: waitedOf(cal, at, now, unknown) };
  });
  const secondWaiting = (await deps.plans.list({ statuses: ['FIRST_APPROVED'] })).length;
  return { page: { ...waiting, items }, secondWaiting, tentativeYears: [...unknown].sort(), pending: !!pending, sent, at: now };
}

/** Whether anything waits for a first review (待审 with nothing to send says so). */
export async function anyWaitingFirstReview(deps: ReviewDeps): Promise<boolean> {
  return (await deps.plans.list({ statuses: ['SUBMITTED'] })).length > 0;
}
