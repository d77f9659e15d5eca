// Reading execution data: a class with its plan, steps and files; and a whole year (or a unit's years) with
// every class's timeline and every plan's outcome, in a fixed number of queries whatever the size.
import type { ClassView, StepView } from '../../cards/class-card.ts';
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import { classTimeline, planOutcome, tentativeYears, type ClassOutcome, type PlanOutcome, type StepNo } from '../../domain/execution.ts';
import { classDepartures } from '../../domain/execution-checks.ts';
import { APPROVED_STATUSES } from '../../domain/plan-status.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import type { ExecutionDeps } from './deps.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { AttachmentMeta, ClassRecord, StoredStep } from '../../ports/execution.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';

export type LoadedClass = { plan: PlanRecord; cls: ClassRecord; steps: Map<StepNo, StoredStep>; attachments: AttachmentMeta[] };

export async function loadClass(deps: ExecutionDeps, classId: number): Promise<LoadedClass | null> {
  const cls = await deps.classes.get(classId);
  if (!cls) return null;
  const plan = await deps.plans.get(cls.planId);
  if (!plan) return null;
  const steps = new Map((await deps.steps.of([cls.id])).map((s) => [s.step, s] as const));
  const attachments = await deps.attachments.list({ classId: cls.id, kind: 'package' });
  return { plan, cls, steps, attachments };
}

export async function classViewOf(deps: ExecutionDeps, l: LoadedClass, now: Date, cal?: WorkCalendar): Promise<ClassView> {
  const calendar = cal ?? (await loadWorkCalendar(deps));
  const unit = await deps.registry.unit(l.plan.unitCode);
  const records: ClassView['records'] = {};
  for (const [n, s] of l.steps) {
    records[n] = { status: s.status, data: s.data, reportedAt: s.reportedAt, reviewedAt: s.reviewedAt, comment: s.comment, flags: s.flags, version: s.version } satisfies StepView;
  }
  const timeline = classTimeline(l.cls, l.steps, calendar, now);
  return {
    classId: l.cls.id,
    classVersion: l.cls.version,
    planId: l.plan.id,
    planNumber: l.plan.number,
    seq: l.cls.seq,
    title: l.plan.data.title ?? '',
    unitName: unit?.name ?? l.plan.unitCode,
    start: l.cls.start,
    end: l.cls.end,
    status: l.cls.status,
    plan: l.plan.data,
    timeline,
    tentativeYears: tentativeYears(timeline, l.cls, calendar),
    records,
    attachments: l.attachments.map((a) => ({ fileName: a.fileName, size: a.size })),
  };
}

export type ClassExecution = { cls: ClassRecord; records: Map<StepNo, StoredStep>; outcome: ClassOutcome; tentativeYears: number[] };

export type PlanExecution = { plan: PlanRecord; classes: ClassExecution[]; statement: boolean; outcome: PlanOutcome };

/**
 * Every approved plan of the given years (of one unit, or all), with its active classes' timelines and its
 * outcome as of `now`.
 */
export async function loadExecution(deps: ExecutionDeps, f: { years: number[]; unitCode?: string | undefined }, now: Date, cal?: WorkCalendar): Promise<PlanExecution[]> {
  const calendar = cal ?? (await loadWorkCalendar(deps));
  const plans = await deps.plans.list({ years: f.years, statuses: APPROVED_STATUSES, ...(f.unitCode ? { unitCode: f.unitCode } : {}) });
  const ids = plans.map((p) => p.id);
  const classes = (await deps.classes.of(ids)).filter((c) => c.status === 'active');
  const stepsByClass = new Map<number, Map<StepNo, StoredStep>>();
  for (const s of await deps.steps.of(classes.map((c) => c.id))) {
    const m = stepsByClass.get(s.classId) ?? new Map<StepNo, StoredStep>();
    m.set(s.step, s);
    stepsByClass.set(s.classId, m);
  }
  const statements = new Set((await deps.attachments.list({ planIds: ids, kind: 'statement' })).map((a) => a.planId));
  const byPlan = new Map<number, ClassExecution[]>();
  for (const cls of classes) {
    const records = stepsByClass.get(cls.id) ?? new Map<StepNo, StoredStep>();
    const steps = classTimeline(cls, records, calendar, now);
    const outcome: ClassOutcome = { seq: cls.seq, start: cls.start, end: cls.end, steps, deviations: classDepartures({ 1: records.get(1), 4: records.get(4) }), backfill: cls.source === 'backfill' };
    byPlan.set(cls.planId, [...(byPlan.get(cls.planId) ?? []), { cls, records, outcome, tentativeYears: tentativeYears(steps, cls, calendar) }]);
  }
  return plans.map((plan) => {
    const mine = byPlan.get(plan.id) ?? [];
    const statement = statements.has(plan.id);
    return { plan, classes: mine, statement, outcome: planOutcome({ year: plan.year, sessions: plan.data.sessions, classes: mine.map((c) => c.outcome), statement, now }) };
  });
}

/** The years a declarant executes now: this Beijing year, and next year once its plans are approved. */
export function executionYears(now: Date): number[] {
  const y = ymdParts(beijingYmd(now)).y;
  return [y, y + 1];
}
