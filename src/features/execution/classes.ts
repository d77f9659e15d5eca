// Recording classes [seed 一; DOMAIN.md "Execution"]. Only the unit that declared an approved plan records its
// classes; each write is conditional on the version the person's card showed, so a double click or two
// colleagues at once produce one write and a clear answer to the other. (Their steps: steps.ts.)
import { beijingYmd } from '../../domain/dates.ts';
import { checkClassDates, formatRange } from '../../domain/execution.ts';
import type { Person } from '../../domain/people.ts';
import { APPROVED_STATUSES } from '../../domain/plan-status.ts';
import type { Logger } from '../../logger.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ExecutionDeps } from './deps.ts';
import { RECORDS } from './replies/records.ts';
import type { ClassAnswer, ClassCardFacts, Linked, NewClassFacts, PlanRefusal } from './types.ts';
import { classViewOf, loadClass, type LoadedClass } from './view.ts';

/** The plan if this person's unit may record its execution: approved, and declared by their unit. */
export async function executablePlan(deps: ExecutionDeps, person: Person | null, planId: number): Promise<{ ok: true; plan: PlanRecord } | PlanRefusal> {
  if (!person?.unitCode) return { ok: false, reason: 'unlinked' };
  const plan = await deps.plans.get(planId);
  if (!plan || plan.unitCode !== person.unitCode) return { ok: false, reason: 'not_found' };
  if (!APPROVED_STATUSES.includes(plan.status)) return { ok: false, reason: 'not_approved', number: plan.number };
  return { ok: true, plan };
}

/** The class if this person's unit runs it. */
export async function ownClass(deps: ExecutionDeps, person: Person | null, classId: number): Promise<{ ok: true; l: LoadedClass } | { ok: false }> {
  const l = await loadClass(deps, classId);
  if (!l || !person?.unitCode || l.plan.unitCode !== person.unitCode) return { ok: false };
  return { ok: true, l };
}

/** The class card's facts as of now (with a form, a notice or the cancel confirmation when given). */
export async function classCardOf(deps: ExecutionDeps, l: LoadedClass, opts: Omit<ClassCardFacts, 'view'> = {}): Promise<ClassCardFacts> {
  return { view: await classViewOf(deps, l, deps.clock.now()), ...opts };
}

const fresh = async (deps: ExecutionDeps, classId: number) => (await loadClass(deps, classId))!;

async function existing(deps: ExecutionDeps, planId: number) {
  const all = await deps.classes.of([planId]);
  const active = all.filter((c) => c.status === 'active');
  return { active, nextSeq: all.reduce((m, c) => Math.max(m, c.seq), 0) + 1 };
}

/** 登记开班: the form for the next class of a plan, or that every class approved is recorded. */
export async function newClassForm(
  deps: ExecutionDeps,
  plan: PlanRecord,
  values: NewClassFacts['values'] = {},
  errors: NewClassFacts['errors'] = {},
): Promise<{ full: true; number: string; sessions: number } | { full: false; form: NewClassFacts }> {
  const e = await existing(deps, plan.id);
  const sessions = plan.data.sessions ?? 1;
  if (e.active.length >= sessions) return { full: true, number: plan.number, sessions };
  return { full: false, form: { plan, seq: e.nextSeq, existing: e.active, values, errors } };
}

/** A date picker's value without its " +0800". */
export const dateText = (v: unknown) => (typeof v === 'string' ? v.replace(/\s*[+-]\d{4}$/, '').trim() : undefined);

/** Saves a new class from the form; the answer is the class card (or the form again with what was wrong). */
export async function recordClass(deps: ExecutionDeps, person: Linked, plan: PlanRecord, raw: Record<string, unknown>, log: Logger, afterCreate: (classId: number) => Promise<void>): Promise<ClassAnswer> {
  const now = deps.clock.now();
  const values = { start: dateText(raw.start), end: dateText(raw.end) };
  const cal = await loadWorkCalendar(deps);
  const checked = checkClassDates(values, { planYear: plan.year, planDays: plan.data.days, today: beijingYmd(now), cal, packageApproved: false });
  if (!checked.ok) {
    const form = await newClassForm(deps, plan, values, checked.errors);
    return form.full ? { toast: { kind: 'plan_full', number: form.number, sessions: form.sessions, hint: true } } : { toast: { kind: 'invalid', error: Object.values(checked.errors)[0]! }, newClass: form.form };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const e = await existing(deps, plan.id);
    if (e.active.length >= (plan.data.sessions ?? 1)) return { toast: { kind: 'plan_full', number: plan.number, sessions: plan.data.sessions ?? 1, hint: false } };
    const cls = await deps.classes.add({
      planId: plan.id,
      seq: e.nextSeq,
      start: checked.dates.start,
      end: checked.dates.end,
      source: 'chat',
      at: now,
      event: { at: now, actor: person.openId, action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, details: { what: RECORDS.cls(e.nextSeq, formatRange(checked.dates.start, checked.dates.end)) }, channel: 'card' },
    });
    if (!cls) continue; // a colleague took this 期次 a moment ago: take the next
    log.info({ planId: plan.id, classId: cls.id }, 'class recorded');
    await afterCreate(cls.id);
    return { toast: { kind: 'recorded', number: plan.number, seq: cls.seq }, card: await classCardOf(deps, await fresh(deps, cls.id), { notice: { kind: 'recorded', warnings: checked.warnings } }) };
  }
  return { toast: { kind: 'not_recorded' } };
}

export async function changeDates(deps: ExecutionDeps, person: Linked, l: LoadedClass, raw: Record<string, unknown>, log: Logger, afterChange: (classId: number) => Promise<void>): Promise<ClassAnswer> {
  const now = deps.clock.now();
  const values = { start: dateText(raw.start), end: dateText(raw.end) };
  const checked = checkClassDates(values, { planYear: l.plan.year, planDays: l.plan.data.days, today: beijingYmd(now), cal: await loadWorkCalendar(deps), packageApproved: l.steps.get(1)?.status === 'done' });
  if (!checked.ok) return { toast: { kind: 'invalid', error: Object.values(checked.errors)[0]! }, card: await classCardOf(deps, l, { datesForm: { values, errors: checked.errors } }) };
  if (checked.dates.start === l.cls.start && checked.dates.end === l.cls.end) return { toast: { kind: 'dates_unchanged' }, card: await classCardOf(deps, l) };
  const updated = await deps.classes.update({
    id: l.cls.id,
    version: l.cls.version,
    start: checked.dates.start,
    end: checked.dates.end,
    at: now,
    event: {
      at: now,
      actor: person.openId,
      action: 'class_edit',
      fromStatus: null,
      toStatus: null,
      comment: null,
      changes: null,
      details: { classId: l.cls.id, what: RECORDS.datesChanged(l.cls.seq, formatRange(l.cls.start, l.cls.end), formatRange(checked.dates.start, checked.dates.end)) },
      channel: 'card',
    },
  });
  if (!updated) return { toast: { kind: 'class_changed_meanwhile' }, card: await classCardOf(deps, await fresh(deps, l.cls.id)) };
  log.info({ classId: l.cls.id }, 'class dates changed');
  await afterChange(l.cls.id);
  return { toast: { kind: 'dates_changed' }, card: await classCardOf(deps, await fresh(deps, l.cls.id), { notice: { kind: 'warnings', warnings: checked.warnings } }) };
}

export async function cancelClass(deps: ExecutionDeps, person: Linked, l: LoadedClass, shownVersion: number | undefined): Promise<ClassAnswer> {
  if (l.steps.size) return { toast: { kind: 'has_steps' } };
  // Only the class as the card showed it: a replayed or outdated 确认取消 cancels nothing.
  if (shownVersion !== l.cls.version) return { toast: { kind: 'stale_card' }, card: await classCardOf(deps, l) };
  const now = deps.clock.now();
  const updated = await deps.classes.update({
    id: l.cls.id,
    version: shownVersion,
    status: 'cancelled',
    at: now,
    event: { at: now, actor: person.openId, action: 'class_cancel', fromStatus: null, toStatus: null, comment: null, changes: null, details: { classId: l.cls.id, what: RECORDS.cancelled(l.cls.seq) }, channel: 'card' },
  });
  if (!updated) return { toast: { kind: 'class_changed_meanwhile' }, card: await classCardOf(deps, await fresh(deps, l.cls.id)) };
  return { toast: { kind: 'class_cancelled' }, card: await classCardOf(deps, await fresh(deps, l.cls.id), { notice: { kind: 'cancelled' } }) };
}
