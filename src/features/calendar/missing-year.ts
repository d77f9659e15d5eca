// The weekly card to admins while a year the bot needs has no holiday schedule (this year, and from Nov 1 the
// next): what it means (暂定) and how to load the notice. One card per admin per week: the reminder log key
// (year set, week, admin) is claimed before sending, so a job run twice, on two processes, or by hand sends once.
import { missingYearCard } from '../../cards/calendar-card.ts';
import { weeklyReminderDue, yearsNeeded } from '../../domain/missing-schedule.ts';
import type { CalendarDeps } from './deps.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';

export type MissingYearReport = { missing: number[]; due: boolean; week: string; time: string; sent: number; alreadySent: number; admins: number };

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
    const claimed = await deps.reminderLog.claim({ key, recipient: a.openId, slots: [`calendar-missing:${week}`], items: missing.map((y) => `${y}年节假日安排未导入`), at: now });
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

export function describeMissingYears(r: MissingYearReport, dryRun: boolean): string[] {
  if (!r.missing.length) return ['所需年份的节假日安排都已就绪，不需要提醒。'];
  const years = r.missing.map((y) => `${y}年`).join('、');
  if (!r.due) return [`${years}节假日安排尚未导入；现在不是提醒时间（工作日 ${r.time} 以后、夜间以外），本周稍后提醒。`];
  if (dryRun) return [`${years}节假日安排尚未导入：将提醒 ${r.admins} 位管理员（试运行，未发送）。`];
  return [`${years}节假日安排尚未导入：本周（${r.week} 起）已提醒 ${r.sent} 位管理员${r.alreadySent ? `，此前已提醒 ${r.alreadySent} 位` : ''}。`];
}
