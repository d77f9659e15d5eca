// Each scheduled job runs once per slot across the instances sharing one database (SQLite file or
// PostgreSQL): two schedulers on two connections firing the same slot at the same instant run it once,
// and the other logs that it ran elsewhere; with a real schedule firing every second on both, no slot
// runs twice and none is missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createJobLeases } from '../../src/db/job-lease-repo.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';
import type { Job } from '../../src/jobs/jobs.ts';
import { slotOf, startScheduler } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { STORAGE, type TempStorage } from '../support/storage.ts';

function recordingLogger() {
  const lines: { msg: string; job?: string; instance?: string }[] = [];
  return { lines, logger: createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s)) }) };
}

describe.each(STORAGE)('job leases on %s', (_name, make) => {
  let t: TempStorage;
  let second: Db;
  beforeAll(async () => {
    t = await make();
    second = createDb(t.url);
  });
  afterAll(async () => {
    await second.$disconnect();
    await t.cleanup();
  });

  it('two schedulers firing the same slot at the same instant run it once; the other says it ran elsewhere', async () => {
    const runs: string[] = [];
    const job = (who: string): Job => ({ name: 'reminders', title: '提醒', description: '', schedule: '0 9 * * *', run: async () => (runs.push(who), {}) });
    const logs = [recordingLogger(), recordingLogger()];
    const a = startScheduler([job('a')], systemClock, logs[0]!.logger, createJobLeases(t.db, 'a'));
    const b = startScheduler([job('b')], systemClock, logs[1]!.logger, createJobLeases(second, 'b'));
    try {
      const slot = slotOf(new Date('2026-07-27T01:00:00.004Z'));
      await Promise.all([a.fire(job('a'), slot), b.fire(job('b'), slot), a.fire(job('a'), slot), b.fire(job('b'), slot)]);
      expect(runs).toHaveLength(1);
      const msgs = logs.flatMap((l) => l.lines.map((x) => x.msg));
      expect(msgs.filter((m) => m === 'job finished')).toHaveLength(1);
      expect(msgs.filter((m) => m === 'job ran on another instance')).toHaveLength(3);
      // the next slot is another run
      const next = new Date(slot.getTime() + 86_400_000);
      await Promise.all([a.fire(job('a'), next), b.fire(job('b'), next)]);
      expect(runs).toHaveLength(2);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('two instances starting together catch up once', async () => {
    const runs: string[] = [];
    const job = (who: string): Job => ({ name: 'close', title: '截止', description: '', schedule: '0 0 1 1 *', atStart: true, run: async () => (runs.push(who), {}) });
    const logs = [recordingLogger(), recordingLogger()];
    const a = startScheduler([job('a')], systemClock, logs[0]!.logger, createJobLeases(t.db, 'a'));
    const b = startScheduler([job('b')], systemClock, logs[1]!.logger, createJobLeases(second, 'b'));
    await new Promise((r) => setTimeout(r, 2_600));
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toHaveLength(1);
    const lines = logs.flatMap((l) => l.lines);
    expect(lines.filter((x) => x.msg === 'job finished').map((x) => x.job)).toEqual(['close']);
    expect(lines.filter((x) => x.msg === 'job ran on another instance').map((x) => x.job)).toEqual(['close']);
  });

  it('a schedule firing every second on both instances runs each slot once', async () => {
    const runs: number[] = [];
    const job: Job = { name: 'tick', title: 'tick', description: '', schedule: '* * * * * *', run: async () => (runs.push(Date.now()), {}) };
    const silent = createLogger('silent');
    const a = startScheduler([job], systemClock, silent, createJobLeases(t.db, 'a'));
    const b = startScheduler([job], systemClock, silent, createJobLeases(second, 'b'));
    await new Promise((r) => setTimeout(r, 3_500));
    await Promise.all([a.stop(), b.stop()]);
    const slots = await t.db.jobLease.findMany({ where: { job: 'tick' } });
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(runs).toHaveLength(slots.length); // one run per slot, whichever instance took it
    expect(new Set(slots.map((s) => s.slot.getTime())).size).toBe(slots.length);
  });
});
