// The weekly card to admins while a year the bot needs has no holiday schedule (this year, and from Nov 1 the
// next): what it means (暂定) and how to load the notice. One card per admin per week: the reminder log key
// (year set, week, admin) is claimed before sending, so a job run twice, on two processes, or by hand sends once.
import { missingYearCard } from '../../cards/calendar-card.ts';
import { weeklyReminderDue, yearsNeeded } from '../../domain/missing-schedule.ts';
import type { CalendarDeps } from './deps.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import { missingItem, type MissingYearReport } from './replies.ts';

export type { MissingYearReport };

export async function remindMissingYears(deps: CalendarDeps, now: Date, dryRun = false): Promise<MissingYearReport> {
  const cal = await loadWorkCalendar(deps);
  const missing = cal.unknownYears(yearsNeeded(now));
  const { due, week } = weeklyReminderDue(now, deps.settings.reminders, cal);
  const report: MissingYearReport = { missing, due, week, time: deps.settings.reminders.time, sent: 0, alreadySent: 0, admins: 0 };
  if (!missing.length || !due) return report;
  const admins = await deps.roster.byRole('admin');
  report.admins = admins.length;
  if (dryRun) return report;
  for (const a of admins) {
    const key = `calendar-missing:${week}:${a.openId}`;
    const claimed = await deps.reminderLog.claim({ key, recipient: a.openId, slots: [`calendar-missing:${week}`], items: missing.map(missingItem), at: now });
    if (!claimed) {
      report.alreadySent++;
      continue;
    }
    await deps.messenger.sendCard({ openId: a.openId }, missingYearCard(missing), key);
    report.sent++;
  }
  if (report.sent) deps.logger.info({ missing, week, sent: report.sent }, 'missing holiday schedule: admins reminded');
  return report;
}
