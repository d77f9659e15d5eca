// Municipal approval and publication [seed 二(一)2-3]: 报批 sends the second-approved plans up with a
// summary by unit; the result is recorded per plan (all at once, one by one, or from a file); 公布 sends each
// competent unit one card with its approved classes and budgets, and the ones not approved with reasons.
import { pageOf } from '../../cards/paging.ts';
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import { unitRecipients } from '../../model/recipients.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { byUnit } from './grouping.ts';
import { publishedCard } from './replies/approval.ts';
import { secondReviewNotYet } from './second.ts';
import type { ApprovalProblem, ApprovalResult, ApprovalView, PublishedView, PublishResult, SendForApprovalResult } from './types.ts';

type Actor = { openId: string; channel: Channel };

/** Plan lines on a page of the 报批 summary and of a unit's results: about 250 bytes each. */
const LINES_PER_PAGE = 30;

/** The 报批 summary, by unit, a page of plans at a time. `sent`: how many this 报批 has just sent. */
export async function approvalView(deps: ReviewDeps, year: number, page = 1, sent?: number): Promise<ApprovalView> {
  const all = await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL'] });
  const rows = (await byUnit(deps, all)).flatMap((unit) => unit.plans.map((plan, i) => ({ unit, plan, first: i === 0 })));
  return { year, all, rows: pageOf(rows, page, LINES_PER_PAGE), sent, at: deps.clock.now() };
}

/** 报批: every second-approved plan of the year → sent for approval; a summary to paste into the request. */
export async function sendForApproval(deps: ReviewDeps, year: number, actor: Actor, log: Logger): Promise<SendForApprovalResult> {
  const notYet = await secondReviewNotYet(deps, year, 'approval');
  if (notYet) return { status: 'not_yet', notYet };
  const now = deps.clock.now();
  let sent = 0;
  for (const p of await deps.plans.list({ year, statuses: ['SECOND_APPROVED'] })) {
    const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'send_for_approval', actor: actor.openId, channel: actor.channel, now });
    if (r.ok) sent++;
  }
  const view = await approvalView(deps, year, 1, sent);
  if (!view.all.length) return { status: 'none', year };
  log.info({ year, sent, waiting: view.all.length }, 'sent for approval');
  return { status: 'done', view };
}

/** Records municipal results; every plan must be waiting for approval, else nothing is recorded. */
export async function recordApprovals(deps: ReviewDeps, results: readonly ApprovalResult[], actor: Actor): Promise<{ recorded: number; problems: ApprovalProblem[] }> {
  const problems: ApprovalProblem[] = [];
  const plans: [ApprovalResult, PlanRecord][] = [];
  for (const r of results) {
    const p = await deps.plans.byNumber(r.number);
    if (!p) problems.push({ number: r.number, reason: 'not_found' });
    else if (p.status !== 'SENT_FOR_APPROVAL') problems.push({ number: r.number, reason: 'not_waiting' });
    else plans.push([r, p]);
  }
  if (problems.length) return { recorded: 0, problems };
  let recorded = 0;
  const now = deps.clock.now();
  for (const [r, p] of plans) {
    const action = r.approved ? 'record_approved' : 'record_not_approved';
    const done = await actOnPlan(deps, { id: p.id, version: p.version, action, actor: actor.openId, channel: actor.channel, now, comment: r.comment });
    if (done.ok) recorded++;
    else problems.push({ number: r.number, reason: 'failed', message: done.message });
  }
  return { recorded, problems };
}

/** 登记：全部审批通过. */
export async function approveAll(deps: ReviewDeps, year: number, actor: Actor) {
  const waiting = await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL'] });
  return recordApprovals(deps, waiting.map((p) => ({ number: p.number, approved: true, comment: null })), actor);
}

const isApproved = (p: PlanRecord) => p.status === 'APPROVED' || p.status === 'PUBLISHED';

/** The reason recorded with the plan's last refusal (审批未通过 or 复审不通过). */
async function refusalReason(deps: ReviewDeps, p: PlanRecord): Promise<string | null> {
  return [...(await deps.plans.events(p.id))].reverse().find((e) => e.action === 'record_not_approved' || e.action === 'reject_second')?.comment ?? null;
}

/** A unit's results of the year, a page of plans at a time, approved first. Null when none is decided. */
export async function publishedView(deps: ReviewDeps, year: number, unitCode: string, page = 1): Promise<PublishedView | null> {
  const decided = await deps.plans.list({ year, unitCode, statuses: ['APPROVED', 'NOT_APPROVED', 'REJECTED', 'PUBLISHED'] });
  if (!decided.length) return null;
  const unit = await deps.registry.unit(unitCode);
  const approved = decided.filter(isApproved);
  const rejected = decided.filter((p) => !isApproved(p));
  const shown = pageOf([...approved, ...rejected], page, LINES_PER_PAGE);
  const items = [];
  for (const plan of shown.items) items.push({ plan, approved: isApproved(plan), reason: isApproved(plan) ? null : await refusalReason(deps, plan) });
  return { year, unitName: unit?.name ?? unitCode, approved, rejected: rejected.length, page: { ...shown, items }, at: deps.clock.now() };
}

/** 公布: one card per competent unit; APPROVED → PUBLISHED; the campaign is marked published once. */
export async function publishResults(deps: ReviewDeps, year: number, actor: Actor, log: Logger): Promise<PublishResult> {
  const waiting = (await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL', 'SECOND_APPROVED'] })).length;
  if (waiting) return { status: 'waiting', waiting };
  const now = deps.clock.now();
  const decided = await deps.plans.list({ year, statuses: ['APPROVED', 'NOT_APPROVED', 'REJECTED', 'PUBLISHED'] });
  const unreachable: { code: string; name: string }[] = [];
  let units = 0;
  for (const u of await byUnit(deps, decided)) {
    for (const p of u.plans.filter((x) => x.status === 'APPROVED')) {
      await actOnPlan(deps, { id: p.id, version: p.version, action: 'publish', actor: actor.openId, channel: actor.channel, now });
    }
    const card = publishedCard((await publishedView(deps, year, u.code))!);
    const recipients = await unitRecipients(deps, u.code);
    if (!recipients.length) unreachable.push({ code: u.code, name: u.name });
    for (const openId of recipients) await deps.messenger.sendCard({ openId }, card, `publish:${year}:${u.code}:${openId}`);
    units++;
  }
  await deps.campaigns.mark(year, 'publishedAt', now);
  log.info({ year, units, unreachable: unreachable.length }, 'results published');
  return { status: 'done', units, unreachable };
}
