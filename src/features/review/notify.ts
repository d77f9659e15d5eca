// Review cards: built from the plan, its rule checklist and its history; sent to every reviewer (or the
// review group); and, once someone decides, every copy ever sent for the plan is updated to the outcome.
import { reviewCard, type ReviewCardInput, type ReviewStage } from '../../cards/review-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { displayValue, outOfCityClasses, parsePlan, PLAN_FIELDS } from '../../domain/plan.ts';
import { STATUS_LABELS } from '../../domain/plan-status.ts';
import { may } from '../../domain/people.ts';
import { changesSince, lastReturn, type ReturnedField } from '../../domain/review.ts';
import { ownUnitOf } from '../../domain/review-conflict.ts';
import { check, checkPartial, familyStaff, quotaWindow, type Finding } from '../../domain/rules.ts';
import type { Unit } from '../../domain/units.ts';
import type { Logger } from '../../logger.ts';
import { type ReviewDeps } from './deps.ts';
import { similarTo } from '../../model/similar.ts';
import { DECISION_WORDS } from '../../model/plan-record.ts';
import { similarLine } from '../../domain/similar-plans.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { recipientId, type Card } from '../../ports/messenger.ts';
import { findingsOf, outOfCityCounts, quotaYears } from '../../model/findings.ts';
import { reviewTargets } from '../../model/recipients.ts';

function quotaLine(plan: PlanRecord, units: Unit[], unitPlans: readonly PlanRecord[]): string {
  const competent = units.find((u) => u.code === plan.unitCode);
  if (!competent) return '—';
  const staff = familyStaff(competent, units);
  const { years, rule } = quotaWindow(staff);
  const counts = outOfCityCounts(unitPlans, plan.year, plan.id);
  const mine = plan.data.scope && plan.data.sessions ? outOfCityClasses({ scope: plan.data.scope, sessions: plan.data.sessions }) : 0;
  const recent = Array.from({ length: years }, (_, i) => plan.year - years + 1 + i).map((y) => `${y}年度 ${(counts.get(y) ?? 0) + (y === plan.year ? mine : 0)} 个`);
  return `在编 ${staff} 人（含二层单位），${rule.replace(/^.*?的单位/, '')}；${recent.join('、')}（含本计划）`;
}

/** The unit's other plans on a review card: the first ten, then how many more (a unit may have 150). */
const OTHER_PLANS = 10;

export async function reviewCardOf(deps: ReviewDeps, plan: PlanRecord, stage: ReviewStage, extra: Pick<ReviewCardInput, 'outcome' | 'returnForm'> = {}) {
  // Read once for the whole card (a click answers within the callback): the roll, and the unit's plans of
  // the quota window, which hold this year's plans too.
  const units = await deps.registry.units();
  const unitPlans = await deps.plans.list({ unitCode: plan.unitCode, years: quotaYears(plan.year) });
  const unit = units.find((u) => u.code === plan.unitCode);
  const events = await deps.plans.events(plan.id);
  const previous = lastReturn(events);
  const others = unitPlans.filter((p) => p.year === plan.year && p.id !== plan.id && p.status !== 'DISCARDED' && p.status !== 'DRAFT');
  return reviewCard({
    plan,
    unitName: unit?.name ?? plan.unitCode,
    stage,
    findings: (await findingsOf(deps, plan, { units, unitPlans })) ?? [],
    resubmission: previous && plan.status !== 'RETURNED' ? { changes: changesSince(events, previous.eventId), previous } : undefined,
    otherPlans: [
      ...others
        .slice(0, OTHER_PLANS)
        .map((p) => `${escapeMarkdown(p.number)}《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope ?? ''} ${p.data.budget !== undefined ? displayValue('budget', p.data.budget) : ''} · ${STATUS_LABELS[p.status]}`),
      ...(others.length > OTHER_PLANS ? [`……另有 ${others.length - OTHER_PLANS} 个（共 ${others.length} 个；全部计划见「导出」的汇总表）`] : []),
    ],
    quota: quotaLine(plan, units, unitPlans),
    similar: (await similarTo(deps, plan, plan.data, { units })).map(similarLine),
    conflicted: await conflictedReviewers(deps, plan.unitCode, units),
    ...extra,
  });
}

/** Reviewers linked to the plan's unit (or one of its 二层单位), by name: shown on the card. */
async function conflictedReviewers(deps: ReviewDeps, unitCode: string, units: Unit[]): Promise<string[]> {
  return (await deps.roster.linked()).filter((p) => may(p, 'reviewer') && ownUnitOf(p, unitCode, units)).map((p) => p.name ?? p.openId);
}

const noticeKey = (plan: PlanRecord, stage: ReviewStage, to: string) => `review:${plan.id}:v${plan.version}:${stage}:${to}`;

/** Sends the plan's review card to the review group or to every reviewer. */
export async function sendForReview(deps: ReviewDeps, plan: PlanRecord, stage: ReviewStage, log: Logger): Promise<number> {
  const card = await reviewCardOf(deps, plan, stage);
  const now = deps.clock.now();
  const targets = await reviewTargets(deps);
  if (!targets.length) log.warn({ planId: plan.id }, 'no reviewer to send the review card to (grant one with users:grant)');
  for (const to of targets) {
    const key = noticeKey(plan, stage, recipientId(to));
    await deps.messenger.sendCard(to, card, key);
    await deps.reviewCards.record({ planId: plan.id, planVersion: plan.version, stage, outboxKey: key, at: now });
  }
  return targets.length;
}

/** Shows the outcome on every review card ever sent for the plan (older versions included). */
/**
 * Every copy of the plan's card shows the outcome. The copies of one stage are the same card, built once;
 * the returned function gives it (building it if no copy needed it), for the clicker's own card.
 */
export async function updateReviewCards(deps: ReviewDeps, plan: PlanRecord, outcome: NonNullable<ReviewCardInput['outcome']>): Promise<(stage: ReviewStage) => Promise<Card>> {
  const built = new Map<ReviewStage, Promise<Card>>();
  const cardFor = (stage: ReviewStage) => {
    let card = built.get(stage);
    if (!card) built.set(stage, (card = reviewCardOf(deps, plan, stage, { outcome })));
    return card;
  };
  for (const n of await deps.reviewCards.forPlan(plan.id)) {
    const card = await cardFor(n.stage === 'second' ? 'second' : 'first');
    await deps.messenger.patchCard({ sentKey: n.outboxKey }, `patch:${n.outboxKey}`, card, `${n.outboxKey}:outcome:v${plan.version}`);
  }
  return cardFor;
}

const fieldLabel = (k: string) => PLAN_FIELDS.find((f) => f.key === k)?.label ?? k;

export type DecisionNotes = { comment?: string | null | undefined; fields?: readonly ReturnedField[] | undefined };

/** Who decided a plan last and when (with a return's comment and fields), for the card of someone who clicked too late. */
export async function lastDecision(deps: ReviewDeps, planId: number): Promise<({ by: string; at: Date; action: string } & DecisionNotes) | null> {
  const e = [...(await deps.plans.events(planId))].reverse().find((x) => x.action in DECISION_WORDS);
  if (!e) return null;
  const person = e.actor.startsWith('ou_') ? await deps.people.find(e.actor) : null;
  const fields = Array.isArray(e.details?.fields) ? (e.details.fields as ReturnedField[]) : undefined;
  return { by: person?.name ?? e.actor, at: e.at, action: e.action, comment: e.comment, fields };
}

export function outcomeOf(action: string, by: string, at: Date, notes: DecisionNotes = {}): NonNullable<ReviewCardInput['outcome']> {
  const word = DECISION_WORDS[action] ?? action;
  const color = action === 'return' || action === 'reject_second' || action === 'record_not_approved' ? 'red' : action === 'submit' || action === 'withdraw' ? 'grey' : 'green';
  const title = action === 'submit' ? '已有新版本' : word;
  // A decided card still says what was asked of the unit: the reviewers who did not decide read it there.
  const said = action === 'submit' || action === 'withdraw' ? [] : [
    ...(notes.comment ? [`意见：${notes.comment}`] : []),
    ...(notes.fields?.length ? [`需修改：${notes.fields.map((f) => `${fieldLabel(f.field)}${f.note ? `（${f.note}）` : ''}`).join('、')}`] : []),
  ];
  return { title, text: `${by} 于 ${formatDateTime(at)} ${word}`, color, ...(said.length ? { notes: said } : {}) };
}
