// When a year's schedule arrives, due dates computed from it move [DOMAIN.md "The campaign calendar": dates in a
// year with no schedule are estimated and recomputed when it arrives]. Due dates are never stored, so storing
// the schedule moves them; this finds, for every active class of an approved plan, whether steps ①②③ (before
// the start) or ④⑤⑥ (after the end) now fall due on another day, and tells each unit's declarants once, in one
// message per person, under keys derived from the import (a retry never sends twice).
import { movedDatesCard } from '../../cards/calendar-card.ts';
import { STEP_NOS, STEPS, type StepNo } from '../../domain/execution.ts';
import { APPROVED_STATUSES } from '../../domain/plan-status.ts';
import { executionDueDates, type WorkCalendar } from '../../domain/working-days.ts';
import type { CalendarDeps } from './deps.ts';
import type { StoredStep } from '../../ports/execution.ts';
import type { DueDateMove, MoveReport, StoredNotice } from '../../ports/calendar.ts';
import { recipientIndex } from '../../model/recipients.ts';

/** Whether the unit has already reported every step of a window (①②③ or ④⑤⑥): its due date no longer matters. */
function reported(steps: readonly StoredStep[], window: 'before' | 'after'): boolean {
  const of = new Map(steps.map((s) => [s.step, s] as const));
  return STEP_NOS.filter((n) => STEPS[n].window === window).every((n: StepNo) => {
    const s = of.get(n);
    return s?.status === 'done' || s?.status === 'submitted';
  });
}

export async function dueDateMoves(deps: CalendarDeps, before: WorkCalendar, after: WorkCalendar, year: number): Promise<MoveReport> {
  // A class of the year before can end in December with steps ④⑤⑥ due in January; one of the year after can
  // start in early January with ①②③ due in December.
  const plans = await deps.plans.list({ years: [year - 1, year, year + 1], statuses: APPROVED_STATUSES });
  const byId = new Map(plans.map((p) => [p.id, p]));
  const classes = (await deps.classes.of(plans.map((p) => p.id))).filter((c) => c.status === 'active');
  const steps = new Map<number, StoredStep[]>();
  for (const s of await deps.steps.of(classes.map((c) => c.id))) steps.set(s.classId, [...(steps.get(s.classId) ?? []), s]);
  const moves: DueDateMove[] = [];
  for (const c of classes) {
    const was = executionDueDates(before, c.start, c.end);
    const now = executionDueDates(after, c.start, c.end);
    const mine = steps.get(c.id) ?? [];
    const beforeStart = was.beforeStart !== now.beforeStart && !reported(mine, 'before') ? { was: was.beforeStart, now: now.beforeStart } : null;
    const afterEnd = was.afterEnd !== now.afterEnd && !reported(mine, 'after') ? { was: was.afterEnd, now: now.afterEnd } : null;
    if (!beforeStart && !afterEnd) continue;
    const plan = byId.get(c.planId)!;
    moves.push({ classId: c.id, unitCode: plan.unitCode, planNumber: plan.number, title: plan.data.title ?? '', seq: c.seq, start: c.start, end: c.end, beforeStart, afterEnd });
  }
  const to = await recipientIndex(deps);
  const recipients: Record<string, number[]> = {};
  for (const m of moves) for (const openId of to(m.unitCode)) (recipients[openId] ??= []).push(m.classId);
  return { checked: classes.length, moves, recipients };
}

/** Queues the messages an import owes (again, harmlessly, when a retry finds them not yet marked as queued). */
export async function announceMoves(deps: CalendarDeps, n: StoredNotice): Promise<void> {
  if (!n.moves || n.year === null || n.notifiedAt) return;
  const byClass = new Map(n.moves.moves.map((m) => [m.classId, m]));
  for (const [openId, classIds] of Object.entries(n.moves.recipients)) {
    const classes = classIds.map((id) => byClass.get(id)!).sort((a, b) => a.start.localeCompare(b.start));
    await deps.messenger.sendCard({ openId }, movedDatesCard(n.year, classes), `calendar:${n.id}:moved:${openId}`);
  }
  await deps.holidayNotices.markNotified(n.id, deps.clock.now());
  deps.logger.info({ notice: n.id, classes: n.moves.moves.length, people: Object.keys(n.moves.recipients).length }, 'due-date changes announced');
}
