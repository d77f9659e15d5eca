// Deadline reminders (申报, 修改) and first-review reminders, as scheduled jobs.
import type { Feature } from '../../bot/manifest.ts';
import { describeReport, type RunReport } from '../../model/digest.ts';
import { runReminders, type ReminderDeps } from './index.ts';

export function remindersFeature(deps: ReminderDeps): Feature {
  return {
    name: 'reminders',
    jobs: [
      {
        name: 'reminders',
        title: '申报和修改截止提醒',
        dryRunnable: true,
        description: '申报截止前（默认前 7、3、1 个工作日 09:00，当天 09:00、15:00）和修改截止前提醒未完成的单位；每人每个时刻一张卡片',
        schedule: '*/15 * * * *',
        atStart: true,
        run: async (now, opts) => ({ ...(await runReminders(deps, now, 'campaign', opts?.dryRun)) }),
        describe: (r, opts) => describeReport(r as unknown as RunReport, !!opts.dryRun),
      },
      {
        name: 'review-reminders',
        title: '初审提醒',
        dryRunnable: true,
        description: '当天提交 16:00 仍未初审的计划提醒审核人，次日上午仍未初审再次提醒',
        schedule: '*/15 * * * *',
        atStart: true,
        run: async (now, opts) => ({ ...(await runReminders(deps, now, 'review', opts?.dryRun)) }),
        describe: (r, opts) => describeReport(r as unknown as RunReport, !!opts.dryRun),
      },
    ],
  };
}
