// Reminders that make units meet the deadlines: before 申报 (units that neither submitted nor declared 无计划),
// before 修改 (units with returned plans), and to reviewers (plans not first-reviewed the same day). Each
// person gets one card per moment with everything due for them; a ReminderLog key per person and moment
// makes every reminder go out exactly once, however often and wherever the job runs.
import { currentCampaignYear } from '../../domain/campaign.ts';
import { addDays, beijingYmd } from '../../domain/dates.ts';
import { DECLARED } from '../../domain/plan-status.ts';
import { campaignSlots, daysLeft, dueSlots, nextAllowed, nextSlot, quietReason, reviewSlots, type ReminderSchedule, type Slot } from '../../domain/reminders.ts';
import { lastReturn } from '../../domain/review.ts';
import { isCompetent } from '../../domain/units.ts';
import { campaignFor, loadWorkCalendar } from '../../model/reference-data.ts';
import type { Ports } from '../../ports/index.ts';
import { addToDigest, sendReminders, type PlannedReminder, type RunReport } from '../../model/digest.ts';
import { recipientId } from '../../ports/messenger.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { reviewTargets, recipientIndex } from '../../model/recipients.ts';
import { declareEntry, NO_REVIEWER, reviewEntry, reviseEntry } from './replies.ts';

export type ReminderDeps = Pick<Ports, 'plans' | 'registry' | 'campaigns' | 'calendarData' | 'roster' | 'unitYears' | 'reminderLog' | 'messenger' | 'clock' | 'logger' | 'settings'>;

async function declareEntries(deps: ReminderDeps, slot: Slot, year: number, now: Date) {
  const out = new Map<string, PlannedReminder['entries'][number]>();
  const units = (await deps.registry.units()).filter(isCompetent);
  const plans = await deps.plans.list({ year });
  const byUnit = new Map<string, PlanRecord[]>();
  for (const p of plans) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), p]);
  const noPlan = await deps.unitYears.noPlanUnits(year);
  const left = daysLeft(now, slot.deadline);
  for (const u of units) {
    const mine = byUnit.get(u.code) ?? [];
    if (mine.some((p) => DECLARED.includes(p.status)) || noPlan.has(u.code)) continue;
    out.set(u.code, declareEntry(u, year, mine.filter((p) => p.status === 'DRAFT'), slot, left));
  }
  return out;
}

async function reviseEntries(deps: ReminderDeps, slot: Slot, year: number, now: Date) {
  const out = new Map<string, PlannedReminder['entries']>();
  const returned = await deps.plans.list({ year, statuses: ['RETURNED'] });
  const left = daysLeft(now, slot.deadline);
  for (const p of returned) {
    const entries = out.get(p.unitCode) ?? [];
    entries.push(reviseEntry(p, lastReturn(await deps.plans.events(p.id)), slot, left));
    out.set(p.unitCode, entries);
  }
  return out;
}

/** Campaign reminders (申报, 修改) due at `now`, grouped into one card per person and moment. */
type Plan = { planned: PlannedReminder[]; due: Slot[]; tooLate: Slot[]; unreachable: string[]; next: Slot | null };

export async function planCampaignReminders(deps: ReminderDeps, now: Date): Promise<Plan> {
  const cal = await loadWorkCalendar(deps);
  const campaigns = await deps.campaigns.all();
  // The campaign of now and of 12 hours ago: a run just after midnight on Aug 11 still catches Aug 10's slots.
  const years = [...new Set([currentCampaignYear(now, campaigns), currentCampaignYear(new Date(now.getTime() - 12 * 3600_000), campaigns)])];
  const byPerson = new Map<string, PlannedReminder>();
  const tooLate: Slot[] = [];
  const allDue: Slot[] = [];
  const unreachable = new Set<string>();
  const recipients = await recipientIndex(deps);
  const upcoming: Slot[] = [];
  for (const year of years) {
    const c = await campaignFor(deps, year);
    const slots = campaignSlots(c, deps.settings.reminders, cal);
    upcoming.push(...slots);
    const { due, tooLate: late } = dueSlots(slots, now);
    tooLate.push(...late);
    allDue.push(...due);
    for (const slot of due) {
      const perUnit = new Map<string, PlannedReminder['entries']>();
      if (slot.kind === 'declare') for (const [code, e] of await declareEntries(deps, slot, year, now)) perUnit.set(code, [e]);
      else for (const [code, entries] of await reviseEntries(deps, slot, year, now)) perUnit.set(code, entries);
      for (const [code, entries] of perUnit) {
        const people = recipients(code);
        if (!people.length) unreachable.add(code);
        for (const openId of people) addToDigest(byPerson, { openId }, openId, slot, entries);
      }
    }
  }
  return { planned: [...byPerson.values()], due: allDue, tooLate, unreachable: [...unreachable], next: nextSlot(upcoming, now) };
}

/** Reviewer reminders due at `now`: plans submitted that day still undecided (16:00), or older (next morning). */
export async function planReviewReminders(deps: ReminderDeps, now: Date): Promise<Plan> {
  const cal = await loadWorkCalendar(deps);
  const today = beijingYmd(now);
  const slots = reviewSlots(addDays(today, -1), addDays(today, 14), deps.settings.reminders, cal).map((s) => ({ ...s, effective: nextAllowed(s.nominal, deps.settings.reminders, cal, null) }));
  const { due, tooLate } = dueSlots(slots, now);
  const waiting = await deps.plans.list({ statuses: ['SUBMITTED'] });
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const reviewers = await reviewTargets(deps);
  const byPerson = new Map<string, PlannedReminder>();
  for (const slot of due) {
    const day = slot.id.split(':')[1]!;
    const plans = waiting.filter((p) => {
      const submitted = p.submittedAt ? beijingYmd(p.submittedAt) : null;
      if (!submitted || p.submittedAt! > slot.nominal) return false;
      return slot.kind === 'review_same_day' ? submitted === day : submitted < day;
    });
    if (!plans.length) continue;
    for (const to of reviewers) addToDigest(byPerson, to, recipientId(to), slot, [reviewEntry(slot, plans, names)]);
  }
  return { planned: [...byPerson.values()], due, tooLate, unreachable: reviewers.length ? [] : [NO_REVIEWER], next: waiting.length ? nextSlot(slots, now) : null };
}

export async function runReminders(deps: ReminderDeps, now: Date, which: 'campaign' | 'review', dryRun = false): Promise<RunReport> {
  const plan = which === 'campaign' ? await planCampaignReminders(deps, now) : await planReviewReminders(deps, now);
  const result = await sendReminders(deps, plan.planned, now, dryRun, plan.due.map((s) => s.id));
  const done = await deps.reminderLog.processed(plan.tooLate.map((s) => s.id));
  const missed = plan.tooLate.filter((s) => !done.has(s.id));
  if (missed.length) deps.logger.warn({ slots: missed.map((s) => s.id) }, 'reminder slots more than 12 hours old were skipped');
  deps.logger.info({ which, planned: plan.planned.length, ...result }, 'reminders run');
  const quiet = quietReason(now, deps.settings.reminders, await loadWorkCalendar(deps));
  return { planned: plan.planned, tooLate: missed, unreachable: plan.unreachable, ...result, at: now, due: plan.due, next: plan.next, quiet };
}

