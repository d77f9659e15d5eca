// The only place that knows the scheduler library. All schedules are Beijing time.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Job } from './jobs.ts';

export const TIMEZONE = 'Asia/Shanghai';

export function startScheduler(jobs: readonly Job[], clock: Clock, logger: Logger): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const fire = (job: Job) => {
    const run = job
      .run(clock.now())
      .then((result) => logger.info({ job: job.name, result: summary(result) }, 'job finished'))
      .catch((err: unknown) => logger.error({ err, job: job.name }, 'job failed'));
    running.add(run);
    void run.finally(() => running.delete(run));
  };
  const tasks: ScheduledTask[] = jobs.map((job) => cron.schedule(job.schedule, () => fire(job), { timezone: TIMEZONE, name: job.name, noOverlap: true }));
  // Catch up after downtime: jobs that look back (reminders within 12 h, closing) run once at start-up.
  const startup = setTimeout(() => jobs.filter((j) => j.atStart).forEach(fire), 2000);
  startup.unref();
  return {
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
