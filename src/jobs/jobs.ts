// Scheduled jobs by name: the features' jobs (from their manifests) and the queues' cleanup. Each job is one
// call with the instant it runs "as of", so `npm run cli -- jobs:run <job> --now <ISO>` runs exactly what
// the schedule would at that instant.
import type { Job, JobOptions } from '../bot/manifest.ts';
import { purgeOldRows } from '../runtime/housekeeping.ts';
import type { InboxRepo } from '../runtime/inbox.ts';
import type { OutboxRepo } from '../runtime/outbox-store.ts';

export type { Job, JobOptions };

/** Keeps the queues small (runtime/housekeeping.ts). */
export function cleanupJob(queues: { inbox: InboxRepo; outbox: OutboxRepo }): Job {
  return {
    name: 'cleanup',
    title: '清理',
    description: '清理过期的去重记录（7 天前）和已发送消息（30 天前）',
    schedule: '17 3 * * *',
    run: (now) => purgeOldRows(queues, now),
  };
}

export const NOT_DRY_RUNNABLE = '此任务会修改数据，试运行时不执行';

/** Runs a job as of `now`; a dry run of a job that cannot only report does nothing and says so. */
export async function runJob(job: Job, now: Date, opts: JobOptions = {}): Promise<string[]> {
  if (opts.dryRun && !job.dryRunnable) return [NOT_DRY_RUNNABLE];
  const result = await job.run(now, opts);
  return job.describe ? job.describe(result, opts) : [JSON.stringify(result)];
}
