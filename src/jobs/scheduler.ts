// The only place that knows the scheduler library. All schedules are Beijing time.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Job, JobDeps } from './jobs.ts';

export const TIMEZONE = 'Asia/Shanghai';

export function startScheduler(jobs: Job[], deps: JobDeps, clock: Clock, logger: Logger): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      () => {
        const run = job
          .run(deps, clock.now())
          .then((result) => logger.info({ job: job.name, result }, 'job finished'))
          .catch((err: unknown) => logger.error({ err, job: job.name }, 'job failed'));
        running.add(run);
        void run.finally(() => running.delete(run));
      },
      { timezone: TIMEZONE, name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.allSettled([...running]);
    },
  };
}
