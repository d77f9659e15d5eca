// Missing-data alerts [seed 一, 二(一)4-5], on the reminder machinery (keys, one card per person and moment,
// quiet hours, working days): steps 1–3 not done 7 and 5 working days before a class starts; steps 4–6 not
// done 3 working days after it ends and once overdue; a class that started without an approved package, to
// the reviewers at once; and before Dec 31, the units whose execution since 2020 is not fully on record.
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import { backfillSlots, backfillYears, classAlertSlots, SLOT_STEPS } from '../../domain/execution.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import { daysLeft, dueSlots, type Slot } from '../../domain/reminders.ts';
import { campaignFor, loadWorkCalendar } from '../../model/reference-data.ts';
import type { ExecutionDeps } from './deps.ts';
import { loadExecution } from './view.ts';
import { backfillEntry, backfillItem, classEntry } from './replies/alerts.ts';
import { recipientId } from '../../ports/messenger.ts';
import { reviewTargets, recipientIndex } from '../../model/recipients.ts';
import { addToDigest, sendReminders, type PlannedReminder, type RunReport } from '../../model/digest.ts';

type Planned = { planned: PlannedReminder[]; due: Slot[]; tooLate: Slot[]; unreachable: string[] };

/** The alerts due at `now` (only for these classes, when given: a class just recorded). */
export async function planExecutionAlerts(deps: ExecutionDeps, now: Date, only?: { classIds: number[] }): Promise<Planned> {
  const cal = await loadWorkCalendar(deps);
  const y = ymdParts(beijingYmd(now)).y;
  const plans = await loadExecution(deps, { years: [y - 1, y, y + 1] }, now, cal);
  const recipients = await recipientIndex(deps);
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const reviewers = await reviewTargets(deps);
  const byPerson = new Map<string, PlannedReminder>();
  const due: Slot[] = [];
  const tooLate: Slot[] = [];
  const unreachable = new Set<string>();
  for (const p of plans) {
    for (const c of p.classes) {
      if (c.cls.source === 'backfill' || (only && !only.classIds.includes(c.cls.id))) continue;
      const slots = classAlertSlots({ id: c.cls.id, start: c.cls.start, end: c.cls.end, createdAt: c.cls.createdAt }, deps.settings.reminders, cal);
      const d = dueSlots(slots, now);
      // Slots from before the class was recorded could never have been sent: not "missed".
      tooLate.push(...d.tooLate.filter((s) => s.nominal >= c.cls.createdAt));
      for (const slot of d.due) {
        due.push(slot);
        // What the unit still owes (a package waiting for its review is not); at the start, a package not approved.
        const missing = SLOT_STEPS[slot.kind]!.filter((n) => (slot.kind === 'exec_started' ? !c.outcome.steps[n - 1]!.done : c.outcome.steps[n - 1]!.owed));
        if (!missing.length) continue;
        const unitName = names.get(p.plan.unitCode) ?? p.plan.unitCode;
        const people = recipients(p.plan.unitCode);
        if (!people.length) unreachable.add(unitName);
        for (const openId of people) addToDigest(byPerson, { openId }, openId, slot, [classEntry(slot, p, c, [...missing], unitName, false)], 'exec');
        if (slot.kind === 'exec_started') for (const to of reviewers) addToDigest(byPerson, to, recipientId(to), slot, [classEntry(slot, p, c, [...missing], unitName, true)], 'exec');
      }
    }
  }
  if (!only) await planBackfill(deps, now, y, cal, recipients, names, byPerson, due, unreachable);
  return { planned: [...byPerson.values()], due, tooLate, unreachable: [...unreachable] };
}

/** Before the 补录 deadline (Dec 31 of this year): units whose plans since 2020 still miss steps or statements. */
async function planBackfill(
  deps: ExecutionDeps,
  now: Date,
  y: number,
  cal: WorkCalendar,
  recipients: (unit: string) => string[],
  names: Map<string, string>,
  byPerson: Map<string, PlannedReminder>,
  due: Slot[],
  unreachable: Set<string>,
) {
  const campaign = await campaignFor(deps, y + 1);
  const d = dueSlots(backfillSlots(campaign.backfillClosesAt, deps.settings.reminders, cal), now);
  const years = backfillYears(now);
  if (!d.due.length || !years.length) return;
  const history = await loadExecution(deps, { years }, now, cal);
  const gaps = new Map<string, string[]>();
  for (const p of history) if (p.outcome.missing.length) gaps.set(p.plan.unitCode, [...(gaps.get(p.plan.unitCode) ?? []), backfillItem(p)]);
  for (const slot of d.due) {
    due.push(slot);
    const left = daysLeft(now, slot.deadline);
    for (const [unit, items] of gaps) {
      const people = recipients(unit);
      if (!people.length) unreachable.add(names.get(unit) ?? unit);
      const entry = backfillEntry(names.get(unit) ?? unit, items, slot.deadline, left);
      for (const openId of people) addToDigest(byPerson, { openId }, openId, slot, [entry], 'exec');
    }
  }
}

export async function runExecutionAlerts(deps: ExecutionDeps, now: Date, dryRun = false, only?: { classIds: number[] }): Promise<RunReport> {
  const plan = await planExecutionAlerts(deps, now, only);
  const result = await sendReminders(deps, plan.planned, now, dryRun, only ? [] : plan.due.map((s) => s.id));
  const done = await deps.reminderLog.processed(plan.tooLate.map((s) => s.id));
  const missed = plan.tooLate.filter((s) => !done.has(s.id));
  if (missed.length) deps.logger.warn({ slots: missed.map((s) => s.id) }, 'execution alert slots more than 12 hours old were skipped');
  deps.logger.info({ planned: plan.planned.length, ...result }, 'execution alerts run');
  return { planned: plan.planned, tooLate: missed, unreachable: plan.unreachable, ...result };
}
