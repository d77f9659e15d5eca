// Scheduled jobs by name. Each job is one call into a service with the instant it runs "as of", so
// `npm run cli -- jobs:run <job> --now <ISO>` runs exactly what the schedule would at that instant.
import type { Logger } from '../logger.ts';
import { nudgeIdleDrafts } from '../services/declaration/nudges.ts';
import { closeCampaigns } from '../services/review/close.ts';
import type { ReviewDeps } from '../services/review/deps.ts';
import type { InboxRepo } from '../services/inbox.ts';
import type { OutboxRepo } from '../services/outbox.ts';
import { purgeOldRows } from '../services/housekeeping.ts';

export type JobDeps = { inbox: InboxRepo; outbox: OutboxRepo; logger: Logger; app: ReviewDeps };

export type Job = {
  name: string;
  description: string;
  /** Cron pattern in Asia/Shanghai. */
  schedule: string;
  run(deps: JobDeps, now: Date): Promise<Record<string, unknown>>;
};

export const JOBS: Job[] = [
  {
    name: 'cleanup',
    description: '清理过期的去重记录（7 天前）和已发送消息（30 天前）',
    schedule: '17 3 * * *',
    run: (deps, now) => purgeOldRows(deps, now),
  },
  {
    name: 'draft-nudges',
    description: '提醒放置超过 24 小时的申报草稿（每份草稿每次闲置只提醒一次，08:30–20:00）',
    schedule: '5 * * * *',
    run: (deps, now) => nudgeIdleDrafts(deps.app, now),
  },
  {
    name: 'close',
    description: '修改截止后关闭申报：草稿和未重新提交的退回计划作逾期处理，通知单位和审核人（每年只执行一次）',
    schedule: '1 0 * * *',
    run: (deps, now) => closeCampaigns(deps.app, now, deps.logger),
  },
];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
