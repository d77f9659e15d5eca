// Plans and their audit trail. Every change is a conditional write on the plan's version together with
// one appended event (who, when, what changed, through which channel) in one transaction; a stale version
// writes nothing and is reported as a conflict, so two people or two clicks can never both win.
import { phaseAt } from '../domain/campaign.ts';
import { parsePlan, type FieldError, type PlanDraft, type PlanFieldKey } from '../domain/plan.ts';
import { EDITABLE, STATUS_LABELS, transition, type PlanAction, type PlanStatus } from '../domain/plan-status.ts';
import { verdict, type Finding } from '../domain/rules.ts';
import type { Ports } from '../ports/index.ts';
import type { Channel, PlanRecord } from '../ports/plans.ts';
import { diffData } from '../domain/plan-changes.ts';
import { findingsOf } from './findings.ts';
import { campaignFor } from './reference-data.ts';

export type PlanDeps = Pick<Ports, 'plans' | 'registry' | 'bases' | 'campaigns'>;

export async function createDraft(
  deps: Pick<Ports, 'plans'>,
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
  deps: Pick<Ports, 'plans'>,
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
  const campaign = await campaignFor(deps, plan.year);
  const moved = transition(plan.status, p.action, phaseAt(campaign, p.now));
  if (!moved.ok) return { ok: false, error: 'illegal', message: moved.error };

  let findings: Finding[] = [];
  if (p.action === 'submit') {
    const parsed = parsePlan(plan.data);
    if (!parsed.ok) {
      return { ok: false, error: 'incomplete', message: `还有 ${parsed.errors.length} 项没有填好`, fieldErrors: parsed.errors };
    }
    const found = await findingsOf(deps, plan);
    if (!found) throw new Error(`unit ${plan.unitCode} is not in the registry`);
    findings = found;
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
