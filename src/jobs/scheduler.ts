// The only place that knows the scheduler library. All schedules are Beijing time.
// Every instance runs the same schedule; a lease per (job, slot) lets exactly one of them run each slot
// (the first to take it), the others log that it ran elsewhere.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Job } from './jobs.ts';

export const TIMEZONE = 'Asia/Shanghai';

/** Who runs a job's slot, across every instance on one database (db/job-lease-repo.ts). */
export interface JobLeases {
  /** True for the one caller that takes (job, slot); false for every other, whichever instance. */
  take(job: string, slot: Date): Promise<boolean>;
}

/** One instance alone: every slot is its own. */
export const soleInstance: JobLeases = { take: async () => true };

/** The slot of a firing: its scheduled time to the second (instances agree on it whenever they fire). */
export function slotOf(scheduled: Date): Date {
  return new Date(Math.round(scheduled.getTime() / 1000) * 1000);
}

export function startScheduler(
  jobs: readonly Job[],
  clock: Clock,
  logger: Logger,
  leases: JobLeases = soleInstance,
): { stop(): Promise<void>; fire(job: Job, slot: Date, lease?: string): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  /** Runs `job` for `slot` if this instance takes the lease (named after the job unless told). */
  const fire = (job: Job, slot: Date, lease = job.name): Promise<void> => {
    const run = (async () => {
      let mine: boolean;
      try {
        mine = await leases.take(lease, slot);
      } catch (err) {
        logger.error({ err, job: job.name, slot }, 'job not run: its lease could not be taken');
        return;
      }
      if (!mine) {
        logger.info({ job: job.name, slot }, 'job ran on another instance');
        return;
      }
      const result = await job.run(clock.now());
      logger.info({ job: job.name, slot, result: summary(result) }, 'job finished');
    })().catch((err: unknown) => logger.error({ err, job: job.name }, 'job failed'));
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  };
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(job.schedule, (ctx) => void fire(job, slotOf(ctx.date)), { timezone: TIMEZONE, name: job.name, noOverlap: true }),
  );
  // Catch up after downtime: jobs that look back (reminders within 12 h, closing) run once at start-up,
  // once for all the instances that start within the same minute.
  const startup = setTimeout(() => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    jobs.filter((j) => j.atStart).forEach((j) => void fire(j, minute, `${j.name}@start`));
  }, 2000);
  startup.unref();
  return {
    fire,
    async stop() {
      clearTimeout(startup);
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.allSettled([...running]);
    },
  };
}

/** Log-friendly: counts instead of long lists. */
function summary(result: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? v.length : v]));
}
