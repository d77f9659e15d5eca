// The rate limiter shared through PostgreSQL: two limiters on two clients (two instances) hammering the same
// keys never let more calls than the limit arrive in any window, app-wide and to one person, whatever the
// latency of each call (a call "arrives" at a random moment between its slot and its answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedLimiter, createSendLimiter } from '../../src/db/shared-limiter.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';
import { createLogger } from '../../src/logger.ts';
import type { RateLimits } from '../../src/runtime/rate-limiter.ts';
import type { SendLimiter } from '../../src/runtime/send-limiter.ts';
import { tempPg } from '../support/temp-pg.ts';
import { tempDb } from '../support/temp-db.ts';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The most arrivals in any window of `ms` (half-open, starting at an arrival). */
function busiest(arrivals: number[], ms: number): number {
  const a = [...arrivals].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    while (j < a.length && a[j]! < a[i]! + ms) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

/** `workers` concurrent senders on each limiter take `calls` slots in all; returns arrivals per lane. */
async function hammer(limiters: SendLimiter[], workers: number, calls: number, laneOf: (i: number) => string) {
  const arrivals = new Map<string, number[]>();
  let next = 0;
  const worker = async (l: SendLimiter) => {
    for (let i = next++; i < calls; i = next++) {
      const lane = laneOf(i);
      const done = await l.acquire(lane);
      await sleep(Math.random() * 30); // on its way
      (arrivals.get(lane) ?? arrivals.set(lane, []).get(lane)!).push(Date.now());
      await sleep(Math.random() * 30); // the answer on its way back
      await done();
    }
  };
  await Promise.all(limiters.flatMap((l) => Array.from({ length: workers }, () => worker(l))));
  return arrivals;
}

describe('shared rate limiter on PostgreSQL', () => {
  let t: Awaited<ReturnType<typeof tempPg>>;
  let other: Db;
  beforeAll(async () => {
    t = await tempPg();
    other = createDb(t.url);
  });
  afterAll(async () => {
    await other.$disconnect();
    await t.cleanup();
  });
  const two = (limits: RateLimits, minuteMs?: number) => [createSharedLimiter(t.db, limits, logger, { minuteMs }), createSharedLimiter(other, limits, logger, { minuteMs })];

  it('holds the per-second limit for the app across two instances', async () => {
    const arrivals = await hammer(two({ appPerSecond: 10, appPerMinute: 1000, keyPerSecond: 100 }), 6, 40, (i) => `user:${i % 7}`);
    const all = [...arrivals.values()].flat();
    expect(all).toHaveLength(40);
    expect(busiest(all, 1000)).toBeLessThanOrEqual(10);
    expect(busiest(all, 1000)).toBeGreaterThanOrEqual(7); // and it does not crawl
  }, 20_000);

  it('holds the per-person limit across two instances, without holding up others', async () => {
    const arrivals = await hammer(two({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 3 }), 4, 24, (i) => (i % 2 ? 'user:a' : `user:other${i}`));
    expect(arrivals.get('user:a')).toHaveLength(12);
    expect(busiest(arrivals.get('user:a')!, 1000)).toBeLessThanOrEqual(3);
    for (const [lane, times] of arrivals) if (lane !== 'user:a') expect(times).toHaveLength(1);
  }, 20_000);

  it('holds the per-minute limit (a shortened minute) across two instances', async () => {
    const arrivals = await hammer(two({ appPerSecond: 50, appPerMinute: 12, keyPerSecond: 100 }, 2000), 5, 30, (i) => `user:${i}`);
    const all = [...arrivals.values()].flat();
    expect(all).toHaveLength(30);
    expect(busiest(all, 2000)).toBeLessThanOrEqual(12);
  }, 20_000);

  it('a slot whose call never came back (its instance died) keeps counting, then lets go', async () => {
    const [a] = [createSharedLimiter(t.db, { appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 1 }, logger, { maxCallMs: 1500 })];
    await a!.acquire('user:dead'); // never released
    const started = Date.now();
    const done = await a!.acquire('user:dead');
    await done();
    // counted until takenAt + maxCallMs, then for a window's length more
    expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
  }, 20_000);
});

describe('createSendLimiter', () => {
  it('keeps the in-process limiter on SQLite (one instance)', async () => {
    const s = await tempDb();
    try {
      const l = createSendLimiter(s.db, { appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 1 }, logger);
      await (await l.acquire('user:a'))();
      expect(l.waitMs('user:a')).toBeGreaterThan(0); // known at once, in memory
      expect(await s.db.$queryRawUnsafe<unknown[]>('SELECT * FROM "SendSlot"')).toEqual([]);
    } finally {
      await s.cleanup();
    }
  });
});
