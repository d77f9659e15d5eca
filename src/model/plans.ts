// Plans and their audit trail. Every change is a conditional write on the plan's version together with
// one appended event (who, when, what changed, through which channel) in one transaction; a stale version
// writes nothing and is reported as a conflict, so two people or two clicks can never both win.
import { phaseAt } from '../domain/campaign.ts';
import { outOfCityClasses, parsePlan, type FieldError, type PlanData, type PlanDraft, type PlanFieldKey } from '../domain/plan.ts';
import { APPROVED_STATUSES, DECLARED, EDITABLE, STATUS_LABELS, transition, type PlanAction, type PlanStatus } from '../domain/plan-status.ts';
import { check, verdict, type Finding } from '../domain/rules.ts';
import type { ReferenceRepo } from './reference-data.ts';
import { campaignFor } from './reference-data.ts';

export type Channel = 'chat' | 'excel' | 'card' | 'cli' | 'system';

export type PlanRecord = {
  id: number;
  year: number;
  number: string;
  unitCode: string;
  budgetCode: string | null;
  status: PlanStatus;
  version: number;
  data: PlanDraft;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
};

export type Changes = Partial<Record<PlanFieldKey, [unknown, unknown]>>;

export type PlanEventRecord = {
  id: number;
  planId: number;
  at: Date;
  actor: string;
  action: string;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus | null;
  comment: string | null;
  changes: Changes | null;
  details: Record<string, unknown> | null;
  channel: Channel;
};

export type NewPlanEvent = Omit<PlanEventRecord, 'id' | 'planId' | 'details'> & { details?: Record<string, unknown> | null };

export interface PlanRepo {
  /** A new plan, a draft unless `status` says otherwise (补录 of an approved plan of a past year). */
  create(p: { year: number; unitCode: string; data: PlanDraft; event: NewPlanEvent; status?: PlanStatus }): Promise<PlanRecord>;
  /** Writes only if the plan still has `version`; null when it does not (someone else changed it). */
  update(p: {
    id: number;
    version: number;
    data?: PlanDraft;
    status?: PlanStatus;
    submittedAt?: Date;
    event: NewPlanEvent;
  }): Promise<PlanRecord | null>;
  get(id: number): Promise<PlanRecord | null>;
  byNumber(number: string): Promise<PlanRecord | null>;
  list(filter: { unitCode?: string; year?: number; years?: number[]; statuses?: readonly PlanStatus[] }): Promise<PlanRecord[]>;
  events(planId: number): Promise<PlanEventRecord[]>;
}

export type PlanDeps = { plans: PlanRepo; reference: ReferenceRepo };

/**
 * The fields that differ between two versions of a plan. Unanswered (absent) and answered-empty (null,
 * e.g. a skipped optional field) are different: the conversation must not ask a skipped field again.
 */
export function diffData(before: PlanDraft, after: PlanDraft): Changes {
  const out: Changes = {};
  const shown = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<PlanFieldKey>) {
    if (shown(before[key]) !== shown(after[key])) out[key] = [before[key] ?? null, after[key] ?? null];
  }
  return out;
}

export async function createDraft(
  deps: PlanDeps,
  p: { year: number; unitCode: string; data: PlanDraft; actor: string; channel: Channel; now: Date },
): Promise<PlanRecord> {
  return deps.plans.create({
    year: p.year,
    unitCode: p.unitCode,
    data: p.data,
    event: { at: p.now, actor: p.actor, action: 'create', fromStatus: null, toStatus: 'DRAFT', comment: null, changes: diffData({}, p.data), channel: p.channel },
  });
}

export type EditResult = { ok: true; plan: PlanRecord } | { ok: false; error: 'not_found' | 'not_editable' | 'conflict'; message: string };

/** Changes fields of a draft or a returned plan. */
export async function editPlan(
  deps: PlanDeps,
  p: { id: number; version: number; changes: PlanDraft; actor: string; channel: Channel; now: Date },
): Promise<EditResult> {
  const plan = await deps.plans.get(p.id);
  if (!plan) return { ok: false, error: 'not_found', message: '找不到这个计划' };
  if (!EDITABLE.includes(plan.status)) {
    return { ok: false, error: 'not_editable', message: `计划 ${plan.number} 当前为「${STATUS_LABELS[plan.status]}」，不能修改` };
  }
  const data = { ...plan.data, ...p.changes };
  const changes = diffData(plan.data, data);
  if (!Object.keys(changes).length) return { ok: true, plan };
  const updated = await deps.plans.update({
    id: plan.id,
    version: p.version,
    data,
    event: { at: p.now, actor: p.actor, action: 'edit', fromStatus: plan.status, toStatus: plan.status, comment: null, changes, channel: p.channel },
  });
  return updated ? { ok: true, plan: updated } : { ok: false, error: 'conflict', message: CONFLICT };
}

const CONFLICT = '这个计划刚刚被别人（或另一个窗口）修改过。请重新打开计划查看最新内容后再操作。';

/**
 * Out-of-city classes already counted for a competent unit (with its second-tier units, whose plans it
 * declares) by plan year, around `year`: approved plans of other years, declared plans of this year.
 */
export async function outOfCityByYear(deps: PlanDeps, unitCode: string, year: number, excludePlanId?: number): Promise<Map<number, number>> {
  return outOfCityCounts(await deps.plans.list({ unitCode, years: quotaYears(year) }), year, excludePlanId);
}

/** The years whose out-of-city classes count toward a plan year's quota window (at most five years). */
export const quotaYears = (year: number) => [year - 2, year - 1, year, year + 1, year + 2];

/** Out-of-city classes by year among `plans` (one unit's plans of quotaYears(year)), leaving one plan out. */
export function outOfCityCounts(plans: readonly PlanRecord[], year: number, excludePlanId?: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of plans) {
    if (p.id === excludePlanId) continue;
    const counted = p.year === year ? DECLARED : APPROVED_STATUSES;
    if (!counted.includes(p.status) || !p.data.scope || !p.data.sessions) continue;
    const n = outOfCityClasses({ scope: p.data.scope, sessions: p.data.sessions });
    if (n) counts.set(p.year, (counts.get(p.year) ?? 0) + n);
  }
  return counts;
}

/** The notice's rules applied to a complete plan of a competent unit. */
export async function findingsFor(deps: PlanDeps, plan: PlanData, p: { year: number; unitCode: string; planId?: number }): Promise<Finding[]> {
  const units = await deps.reference.units();
  const competent = units.find((u) => u.code === p.unitCode);
  if (!competent) throw new Error(`unit ${p.unitCode} is not in the registry`);
  return check(plan, {
    planYear: p.year,
    competent,
    units,
    bases: await deps.reference.bases(),
    outOfCityByYear: await outOfCityByYear(deps, p.unitCode, p.year, p.planId),
  });
}

export type ActResult =
  | { ok: true; plan: PlanRecord; findings: Finding[] }
  | { ok: false; error: 'not_found' | 'illegal' | 'conflict'; message: string }
  | { ok: false; error: 'incomplete'; message: string; fieldErrors: FieldError[] }
  | { ok: false; error: 'blocked' | 'needs_justification'; message: string; findings: Finding[] };

/**
 * Moves a plan through its life (submit, withdraw, review decisions, …) as of `now`. Submitting checks
 * that the plan is complete and that the notice's rules allow it (hard findings block; soft ones need a
 * 情况说明). Returns why not, in words a person can act on.
 */
export async function actOnPlan(
  deps: PlanDeps,
  p: {
    id: number;
    version: number;
    action: PlanAction;
    actor: string;
    channel: Channel;
    now: Date;
    comment?: string | null;
    details?: Record<string, unknown> | null;
  },
): Promise<ActResult> {
  const plan = await deps.plans.get(p.id);
  if (!plan) return { ok: false, error: 'not_found', message: '找不到这个计划' };
  const campaign = await campaignFor(deps.reference, plan.year);
  const moved = transition(plan.status, p.action, phaseAt(campaign, p.now));
  if (!moved.ok) return { ok: false, error: 'illegal', message: moved.error };

  let findings: Finding[] = [];
  if (p.action === 'submit') {
    const parsed = parsePlan(plan.data);
    if (!parsed.ok) {
      return { ok: false, error: 'incomplete', message: `还有 ${parsed.errors.length} 项没有填好`, fieldErrors: parsed.errors };
    }
    findings = await findingsFor(deps, parsed.plan, { year: plan.year, unitCode: plan.unitCode, planId: plan.id });
    const v = verdict(findings, parsed.plan.justification);
    if (!v.canSubmit) {
      return v.reason === 'hard'
        ? { ok: false, error: 'blocked', message: `有 ${v.blocking.length} 项不符合通知要求，修改后才能提交`, findings }
        : { ok: false, error: 'needs_justification', message: '有原则性要求未满足，请填写情况说明后再提交', findings };
    }
  }
  const updated = await deps.plans.update({
    id: plan.id,
    version: p.version,
    status: moved.to,
    ...(p.action === 'submit' ? { submittedAt: p.now } : {}),
    event: {
      at: p.now,
      actor: p.actor,
      action: p.action,
      fromStatus: plan.status,
      toStatus: moved.to,
      comment: p.comment ?? null,
      changes: null,
      details: p.details ?? null,
      channel: p.channel,
    },
  });
  return updated ? { ok: true, plan: updated, findings } : { ok: false, error: 'conflict', message: CONFLICT };
}
