// Scheduled jobs by name. Each job is one call into a service with the instant it runs "as of", so
// `npm run cli -- jobs:run <job> --now <ISO>` runs exactly what the schedule would at that instant.
import type { Logger } from '../logger.ts';
import type { DeclarationDeps } from '../services/declaration/context.ts';
import { nudgeIdleDrafts } from '../services/declaration/nudges.ts';
import type { InboxRepo } from '../services/inbox.ts';
import type { OutboxRepo } from '../services/outbox.ts';
import { purgeOldRows } from '../services/housekeeping.ts';

export type JobDeps = { inbox: InboxRepo; outbox: OutboxRepo; logger: Logger; declaration: DeclarationDeps };

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
    run: (deps, now) => nudgeIdleDrafts(deps.declaration, now),
  },
];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
