// Scheduled jobs by name. Each job is one call into a service with the instant it runs "as of", so
// `npm run cli -- jobs:run <job> --now <ISO>` runs exactly what the schedule would at that instant.
import type { Logger } from '../logger.ts';
import { nudgeIdleDrafts } from '../features/declaration/nudges.ts';
import { closeCampaigns } from '../features/review/close.ts';
import { describeReport, runReminders, type RunReport } from '../features/reminders/index.ts';
import type { ExecutionDeps } from '../features/execution/deps.ts';
import { runExecutionAlerts } from '../features/execution/alerts.ts';
import type { InboxRepo } from '../runtime/inbox.ts';
import type { OutboxRepo } from '../runtime/outbox.ts';
import { purgeOldRows } from '../runtime/housekeeping.ts';
import { describeMissingYears, remindMissingYears, type MissingYearReport } from '../features/calendar/missing-year.ts';

export type JobDeps = { inbox: InboxRepo; outbox: OutboxRepo; logger: Logger; app: ExecutionDeps };

export type JobOptions = { dryRun?: boolean };

export type Job = {
  name: string;
  description: string;
  /** Its name for people (the sandbox's time travel shows it). */
  title: string;
  /** Cron pattern in Asia/Shanghai. */
  schedule: string;
  /** Also run once at start-up (catch-up after downtime). */
  atStart?: boolean;
  run(deps: JobDeps, now: Date, opts?: JobOptions): Promise<Record<string, unknown>>;
  /** Whether `dryRun` only reports (reminder jobs); other jobs change data and are not run in a dry run. */
  dryRunnable?: boolean;
  /** How a run reads to an operator (jobs:run prints it). */
  describe?: (result: Record<string, unknown>, opts: JobOptions) => string[];
};

export const JOBS: Job[] = [
  {
    name: 'cleanup',
    title: '清理',
    description: '清理过期的去重记录（7 天前）和已发送消息（30 天前）',
    schedule: '17 3 * * *',
    run: (deps, now) => purgeOldRows(deps, now),
  },
  {
    name: 'draft-nudges',
    title: '草稿提醒',
    description: '提醒放置超过 24 小时的申报草稿（每份草稿每次闲置只提醒一次，08:30–20:00）',
    schedule: '5 * * * *',
    run: (deps, now) => nudgeIdleDrafts(deps.app, now),
    describe: (r) => {
      const x = r as { nudged: number; skipped?: string };
      return [x.skipped ? '现在不在 08:30–20:00 之间，不发提醒。' : x.nudged ? `提醒了 ${x.nudged} 份闲置超过 24 小时的草稿。` : '没有闲置超过 24 小时、尚未提醒的草稿。'];
    },
  },
  {
    name: 'reminders',
    title: '申报和修改截止提醒',
    dryRunnable: true,
    description: '申报截止前（默认前 7、3、1 个工作日 09:00，当天 09:00、15:00）和修改截止前提醒未完成的单位；每人每个时刻一张卡片',
    schedule: '*/15 * * * *',
    atStart: true,
    run: async (deps, now, opts) => ({ ...(await runReminders(deps.app, now, 'campaign', opts?.dryRun)) }),
    describe: (r, opts) => describeReport(r as unknown as RunReport, !!opts.dryRun),
  },
  {
    name: 'review-reminders',
    title: '初审提醒',
    dryRunnable: true,
    description: '当天提交 16:00 仍未初审的计划提醒审核人，次日上午仍未初审再次提醒',
    schedule: '*/15 * * * *',
    atStart: true,
    run: async (deps, now, opts) => ({ ...(await runReminders(deps.app, now, 'review', opts?.dryRun)) }),
    describe: (r, opts) => describeReport(r as unknown as RunReport, !!opts.dryRun),
  },
  {
    name: 'execution-alerts',
    title: '培训执行提醒',
    dryRunnable: true,
    description: '培训执行提醒：开班前第 7、5 个工作日提醒①②③，开班未审核培训包即提示审核人，结班后第 3 个工作日和逾期后提醒④⑤⑥；12月31日前提醒补录',
    schedule: '*/15 * * * *',
    atStart: true,
    run: async (deps, now, opts) => ({ ...(await runExecutionAlerts(deps.app, now, opts?.dryRun)) }),
    describe: (r, opts) => describeReport(r as unknown as RunReport, !!opts.dryRun),
  },
  {
    name: 'calendar-check',
    title: '节假日安排检查',
    dryRunnable: true,
    description: '当年或（从11月1日起）下一年的节假日安排尚未导入时，每周提醒管理员一次（工作日 09:00 以后，遇节假日顺延）',
    schedule: '*/15 * * * *',
    atStart: true,
    run: async (deps, now, opts) => ({ ...(await remindMissingYears(deps.app, now, opts?.dryRun)) }),
    describe: (r, opts) => describeMissingYears(r as unknown as MissingYearReport, !!opts.dryRun),
  },
  {
    name: 'close',
    title: '关闭申报',
    description: '修改截止后关闭申报：草稿和未重新提交的退回计划作逾期处理，通知单位和审核人（每年只执行一次）',
    schedule: '*/15 * * * *',
    atStart: true,
    run: (deps, now) => closeCampaigns(deps.app, now, deps.logger),
    describe: (r) => {
      const x = r as { closed: number[]; expired: number };
      return [x.closed.length ? `已关闭 ${x.closed.map((y) => `${y}年度`).join('、')}的申报，${x.expired} 个计划作逾期处理。` : '没有到了修改截止、尚未关闭的申报年度。'];
    },
  },
];

export const NOT_DRY_RUNNABLE = '此任务会修改数据，试运行时不执行';

/** Runs a job as of `now`; a dry run of a job that cannot only report does nothing and says so. */
export async function runJob(job: Job, deps: JobDeps, now: Date, opts: JobOptions = {}): Promise<string[]> {
  if (opts.dryRun && !job.dryRunnable) return [NOT_DRY_RUNNABLE];
  const result = await job.run(deps, now, opts);
  return job.describe ? job.describe(result, opts) : [JSON.stringify(result)];
}

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
