// Reporting the six steps of a class [seed 一; DOMAIN.md "Execution"]: the form of a step (the package's
// prefilled from the approved plan), and saving it, conditional on the version the card showed. The package
// goes to the reviewers (package.ts); a settlement is set against the plan's budget.
import { beijingYmd } from '../../domain/dates.ts';
import { attendanceDeviations, classTimeline, dueText, packageDeviations, readStep, STEP_FIELDS, STEPS, type StepData, type StepNo } from '../../domain/execution.ts';
import type { Logger } from '../../logger.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import type { ExecutionDeps } from './deps.ts';
import { classCardOf, dateText } from './classes.ts';
import { sendPackageForReview } from './package.ts';
import { RECORDS } from './replies/records.ts';
import type { ClassAnswer, Linked, StepNotice } from './types.ts';
import { classViewOf, loadClass, type LoadedClass } from './view.ts';

/** The values a step's form starts with: what was reported, else (for the package) the approved plan. */
export function formValues(l: LoadedClass, step: StepNo): Record<string, string> {
  const r = l.steps.get(step);
  const src: Record<string, unknown> = r ? r.data : step === 1 ? { mode: l.plan.data.mode, scope: l.plan.data.scope, institution: l.plan.data.institution, location: l.plan.data.location, headcount: l.plan.data.headcount } : {};
  const out: Record<string, string> = {};
  for (const f of STEP_FIELDS[step]) {
    const v = src[f.key];
    if (v !== undefined && v !== null && v !== '') out[f.key] = String(v);
  }
  return out;
}

/** 填报: the step's form on the class card, or why it cannot be reported yet. */
export async function openStep(deps: ExecutionDeps, l: LoadedClass, step: StepNo, openId: string): Promise<ClassAnswer> {
  const view = await classViewOf(deps, l, deps.clock.now());
  const state = view.timeline[step - 1]!;
  if (l.cls.status !== 'active') return { toast: { kind: 'cancelled' } };
  if (step === 1 && state.done) return { toast: { kind: 'package_final_ask' } };
  if (state.blockedBy && !(step === 1 && state.pending === 'submitted')) return { toast: { kind: 'blocked', text: state.blockedBy } };
  if (step === 1) {
    // Files sent while the package form is open are its attachments.
    await deps.fileIntents.set(openId, { kind: 'package', targetId: l.cls.id, expiresAt: new Date(deps.clock.now().getTime() + 24 * 3600_000) });
  }
  return { toast: { kind: 'fill', step }, card: { view, form: { step, values: formValues(l, step), errors: {} } } };
}

/** What was typed, to show in the form again: as typed, only the date pickers' " +0800" taken off. */
function rawStrings(step: StepNo, raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of STEP_FIELDS[step]) {
    const v = raw[f.key];
    if (typeof v === 'string' || typeof v === 'number') out[f.key] = f.kind === 'date' ? (dateText(String(v)) ?? '') : String(v);
  }
  return out;
}

/** Saves one step from its form (v: the step version the card showed, 0 when new). */
export async function saveStep(deps: ExecutionDeps, person: Linked, l: LoadedClass, step: StepNo, v: number, raw: Record<string, unknown>, log: Logger): Promise<ClassAnswer> {
  const now = deps.clock.now();
  const cal = await loadWorkCalendar(deps);
  const view = await classViewOf(deps, l, now, cal);
  const state = view.timeline[step - 1]!;
  const current = l.steps.get(step);
  if (l.cls.status !== 'active') return { toast: { kind: 'cancelled' } };
  if (step === 1 && current?.status === 'done') return { toast: { kind: 'package_final' }, card: { view } };
  if (state.blockedBy && !(step === 1 && state.pending === 'submitted')) return { toast: { kind: 'blocked', text: state.blockedBy }, card: { view } };
  if ((current?.version ?? 0) !== v) {
    return { toast: { kind: 'step_changed_meanwhile', form: true }, card: { view, form: { step, values: { ...formValues(l, step), ...rawStrings(step, raw) }, errors: {} } } };
  }
  const earlier: Partial<Record<StepNo, StepData>> = {};
  for (const [n, s] of l.steps) earlier[n] = s.data;
  const read = readStep(step, raw, { today: beijingYmd(now), plan: l.plan.data, start: l.cls.start, end: l.cls.end, earlier });
  if (!read.ok) return { toast: { kind: 'step_invalid', count: Object.keys(read.errors).length }, card: { view, form: { step, values: rawStrings(step, raw), errors: read.errors } } };
  const notice: StepNotice = { kind: 'step_saved', step, warnings: [...read.warnings] };
  // Departures kept on the step for the reviewers and the report: the package's, and attendance over the cap.
  const flags =
    step === 1
      ? packageDeviations(l.plan.data, read.data, await deps.bases.all(), l.cls)
      : step === 4
        ? attendanceDeviations(l.steps.get(1)?.data.scope ?? l.plan.data.scope, read.data.attended)
        : undefined;
  if (step === 4) notice.warnings.push(...flags!);
  if (step === 6 && typeof read.data.amount === 'number') notice.overBudget = await budgetCheck(deps, l, read.data.amount);
  const what = RECORDS.step(l.cls.seq, step, !!current);
  const saved = await deps.steps.put({
    classId: l.cls.id,
    step,
    expectedVersion: current ? current.version : null,
    status: step === 1 ? 'submitted' : 'done',
    data: read.data,
    flags,
    reportedBy: person.openId,
    at: now,
    source: 'chat',
    event: {
      planId: l.plan.id,
      at: now,
      actor: person.openId,
      action: step === 1 ? 'package_submit' : 'step_report',
      fromStatus: null,
      toStatus: null,
      comment: null,
      changes: null,
      details: { classId: l.cls.id, step, what, data: read.data, ...(current ? { before: current.data } : {}), ...(flags?.length ? { flags } : {}) },
      channel: 'card',
    },
  });
  if (!saved) return { toast: { kind: 'step_changed_meanwhile', form: false }, card: await classCardOf(deps, (await loadClass(deps, l.cls.id))!) };
  log.info({ classId: l.cls.id, step }, 'execution step reported');
  const fresh = (await loadClass(deps, l.cls.id))!;
  if (step === 1) {
    await sendPackageForReview(deps, fresh, log);
    return { toast: { kind: 'package_submitted' }, card: await classCardOf(deps, fresh, { notice: { kind: 'package_sent', flags: flags ?? [], attachments: fresh.attachments.length } }) };
  }
  const late = classTimeline(fresh.cls, fresh.steps, cal, now)[step - 1]!.late;
  if (late && !current) notice.late = { window: STEPS[step].window, due: dueText(state) };
  return { toast: { kind: 'step_saved', step }, card: await classCardOf(deps, fresh, { notice }) };
}

/** Settled amounts against the approved budget of the plan (all its classes together), when over it. */
async function budgetCheck(deps: ExecutionDeps, l: LoadedClass, amount: number): Promise<StepNotice['overBudget']> {
  const budget = l.plan.data.budget;
  if (budget === undefined) return undefined;
  const others = (await deps.classes.of([l.plan.id])).filter((c) => c.status === 'active' && c.id !== l.cls.id);
  const settled = (await deps.steps.of(others.map((c) => c.id))).filter((s) => s.step === 6).reduce((sum, s) => sum + (typeof s.data.amount === 'number' ? s.data.amount : 0), 0);
  const total = Math.round((settled + amount) * 100) / 100;
  return total <= budget ? undefined : { total, budget };
}
