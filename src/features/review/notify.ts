// Review cards: built from the plan, its rule checklist and its history; sent to every reviewer (or the
// review group); and, once someone decides, every copy ever sent for the plan is updated to the outcome.
import { outOfCityClasses } from '../../domain/plan.ts';
import { may } from '../../domain/people.ts';
import { changesSince, lastReturn, type ReturnedField } from '../../domain/review.ts';
import { ownUnitOf } from '../../domain/review-conflict.ts';
import { familyStaff, quotaWindow } from '../../domain/rules.ts';
import type { Unit } from '../../domain/units.ts';
import type { Logger } from '../../logger.ts';
import { findingsOf, outOfCityCounts, quotaYears } from '../../model/findings.ts';
import { DECISION_WORDS } from '../../model/plan-record.ts';
import { reviewTargets } from '../../model/recipients.ts';
import { similarTo } from '../../model/similar.ts';
import { recipientId, type Card } from '../../ports/messenger.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { reviewCardFrom } from './replies/review-card.ts';
import type { Decision, QuotaFacts, ReviewCardFacts, ReviewStage } from './types.ts';

function quotaOf(plan: PlanRecord, units: Unit[], unitPlans: readonly PlanRecord[]): QuotaFacts | null {
  const competent = units.find((u) => u.code === plan.unitCode);
  if (!competent) return null;
  const staff = familyStaff(competent, units);
  const { years, rule } = quotaWindow(staff);
  const counts = outOfCityCounts(unitPlans, plan.year, plan.id);
  const mine = plan.data.scope && plan.data.sessions ? outOfCityClasses({ scope: plan.data.scope, sessions: plan.data.sessions }) : 0;
  const recent = Array.from({ length: years }, (_, i) => plan.year - years + 1 + i).map((year) => ({ year, count: (counts.get(year) ?? 0) + (year === plan.year ? mine : 0) }));
  return { staff, rule, recent };
}

type Extra = Pick<ReviewCardFacts, 'decision' | 'returnForm'>;

/** The reviewer's card of a plan at a stage: undecided, decided (`decision`) or with the return form. */
export async function reviewCardOf(deps: ReviewDeps, plan: PlanRecord, stage: ReviewStage, extra: Extra = {}): Promise<Card> {
  // Read once for the whole card (a click answers within the callback): the roll, and the unit's plans of
  // the quota window, which hold this year's plans too.
  const units = await deps.registry.units();
  const unitPlans = await deps.plans.list({ unitCode: plan.unitCode, years: quotaYears(plan.year) });
  const events = await deps.plans.events(plan.id);
  const previous = lastReturn(events);
  return reviewCardFrom({
    plan,
    unitName: units.find((u) => u.code === plan.unitCode)?.name ?? plan.unitCode,
    stage,
    findings: (await findingsOf(deps, plan, { units, unitPlans })) ?? [],
    resubmission: previous && plan.status !== 'RETURNED' ? { changes: changesSince(events, previous.eventId), previous } : undefined,
    others: unitPlans.filter((p) => p.year === plan.year && p.id !== plan.id && p.status !== 'DISCARDED' && p.status !== 'DRAFT'),
    quota: quotaOf(plan, units, unitPlans),
    similar: await similarTo(deps, plan, plan.data, { units }),
    conflicted: await conflictedReviewers(deps, plan.unitCode, units),
    ...extra,
  });
}

/** Reviewers linked to the plan's unit (or one of its 二层单位), by name: shown on the card. */
async function conflictedReviewers(deps: ReviewDeps, unitCode: string, units: Unit[]): Promise<string[]> {
  return (await deps.roster.linked()).filter((p) => may(p, 'reviewer') && ownUnitOf(p, unitCode, units)).map((p) => p.name ?? p.openId);
}

const noticeKey = (plan: PlanRecord, stage: ReviewStage, to: string) => `review:${plan.id}:v${plan.version}:${stage}:${to}`;

/**
 * Sends the plan's review card to the review group or to every reviewer. Each copy has its key (plan,
 * version, stage, recipient): a copy sent before is not sent again. Returns the copies queued now.
 */
export async function sendForReview(deps: ReviewDeps, plan: PlanRecord, stage: ReviewStage, log: Logger): Promise<number> {
  const card = await reviewCardOf(deps, plan, stage);
  const now = deps.clock.now();
  const targets = await reviewTargets(deps);
  if (!targets.length) log.warn({ planId: plan.id }, 'no reviewer to send the review card to (grant one with users:grant)');
  let queued = 0;
  for (const to of targets) {
    const key = noticeKey(plan, stage, recipientId(to));
    if (await deps.messenger.sendCard(to, card, key)) queued += 1;
    await deps.reviewCards.record({ planId: plan.id, planVersion: plan.version, stage, outboxKey: key, at: now });
  }
  return queued;
}

/** The same for many plans, in order; returns how many of them had a copy queued now (not sent before). */
export async function sendAllForReview(deps: ReviewDeps, plans: readonly PlanRecord[], stage: ReviewStage, log: Logger): Promise<number> {
  let sent = 0;
  for (const p of plans) if ((await sendForReview(deps, p, stage, log)) > 0) sent += 1;
  return sent;
}

/**
 * Every copy of the plan's card (older versions included) shows the decision. The copies of one stage are
 * the same card, built once; the returned function gives it (building it if no copy needed it), for the
 * clicker's own card.
 */
export async function updateReviewCards(deps: ReviewDeps, plan: PlanRecord, decision: Decision): Promise<(stage: ReviewStage) => Promise<Card>> {
  const built = new Map<ReviewStage, Promise<Card>>();
  const cardFor = (stage: ReviewStage) => {
    let card = built.get(stage);
    if (!card) built.set(stage, (card = reviewCardOf(deps, plan, stage, { decision })));
    return card;
  };
  for (const n of await deps.reviewCards.forPlan(plan.id)) {
    const card = await cardFor(n.stage === 'second' ? 'second' : 'first');
    await deps.messenger.patchCard({ sentKey: n.outboxKey }, `patch:${n.outboxKey}`, card, `${n.outboxKey}:outcome:v${plan.version}`);
  }
  return cardFor;
}

/** Who decided a plan last and when (with a return's comment and fields), for the card of someone who clicked too late. */
export async function lastDecision(deps: ReviewDeps, planId: number): Promise<Decision | null> {
  const e = [...(await deps.plans.events(planId))].reverse().find((x) => x.action in DECISION_WORDS);
  if (!e) return null;
  const person = e.actor.startsWith('ou_') ? await deps.people.find(e.actor) : null;
  const fields = Array.isArray(e.details?.fields) ? (e.details.fields as ReturnedField[]) : undefined;
  return { by: person?.name ?? e.actor, at: e.at, action: e.action, comment: e.comment, fields };
}
