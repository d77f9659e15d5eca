// Feishu's limits for the app as a whole (50 calls/s and 1,000/min per app, 5/s to one person or group),
// held across every instance on one PostgreSQL database. Each call takes a row of SendSlot before it leaves:
// under one transaction-scoped advisory lock (every call counts against the app's windows, so one lock is
// all there is), the rows still counting in each window are counted, and the row is inserted only if every
// window has room. A row counts in a window of W while endsAt > now - W, where endsAt is when the answer came
// back (stored a millisecond late, the column keeps milliseconds) or, while the call is in flight, takenAt
// plus the longest a call may take. Feishu counts a call when it arrives, between our grant and our answer,
// so no window Feishu could measure holds more than the limit, whatever the latency or the instance.
// All times are the database's clock: instances need not agree on theirs. SQLite runs one instance and
// keeps the in-process limiter.
import type { RateLimits } from '../runtime/rate-limiter.ts';
import { localLimiter, type SendLimiter } from '../runtime/send-limiter.ts';
import { providerOf, type Db } from './prisma.ts';

/** What this needs of the logger. */
type Logger = { warn(obj: object, msg: string): void };

/** The advisory lock that serialises slot claims (an arbitrary constant, unique in this code base). */
const LOCK = 0x5e4d_510;

export type SharedLimiterOptions = {
  /** Longest a call may take, token fetch included (the API's timeouts): an unfinished slot counts that long. */
  maxCallMs?: number;
  /** How long to wait before looking again while the slot that would make room is still in flight. */
  pollMs?: number;
  /** Length of the per-minute window (tests shorten it). */
  minuteMs?: number;
};

/** The limiter for this database: shared through PostgreSQL, or in memory for SQLite's single instance. */
export function createSendLimiter(db: Db, limits: RateLimits, logger: Logger, o: SharedLimiterOptions = {}): SendLimiter {
  return providerOf(db) === 'postgresql' ? createSharedLimiter(db, limits, logger, o) : localLimiter(limits);
}

type Counts = { now: Date; appSecond: number; appMinute: number; lane: number };
type Window = { name: keyof Omit<Counts, 'now'>; limit: number; ms: number };

export function createSharedLimiter(db: Db, limits: RateLimits, logger: Logger, o: SharedLimiterOptions = {}): SendLimiter {
  const maxCallMs = o.maxCallMs ?? 35_000;
  const pollMs = o.pollMs ?? 20;
  const windows: Window[] = [
    { name: 'appSecond', limit: limits.appPerSecond, ms: 1000 },
    { name: 'appMinute', limit: limits.appPerMinute, ms: o.minuteMs ?? 60_000 },
    { name: 'lane', limit: limits.keyPerSecond, ms: 1000 },
  ];
  // Hints for the queue's gate, from the last refusals seen here (local clock).
  let appUntil = 0;
  const laneUntil = new Map<string, number>();
  let lastSweep = 0;

  /** Takes a slot (its id) or says how many milliseconds to wait. */
  async function tryAcquire(lane: string): Promise<number | { id: number }> {
    return db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS "ok" FROM (SELECT pg_advisory_xact_lock(${LOCK})) AS "l"`);
      // A statement after the lock: its snapshot holds every slot committed before we got the lock.
      const [c] = await tx.$queryRaw<Counts[]>`
        WITH "n" AS (SELECT clock_timestamp() AS "t")
        SELECT "n"."t" AS "now",
          (SELECT count(*)::int FROM "SendSlot" WHERE "endsAt" > "n"."t" - interval '1 second') AS "appSecond",
          (SELECT count(*)::int FROM "SendSlot" WHERE "endsAt" > "n"."t" - ${windows[1]!.ms}::int * interval '1 millisecond') AS "appMinute",
          (SELECT count(*)::int FROM "SendSlot" WHERE "lane" = ${lane} AND "endsAt" > "n"."t" - interval '1 second') AS "lane"
        FROM "n"`;
      const full = windows.filter((w) => c![w.name] >= w.limit);
      if (!full.length) {
        const [row] = await tx.$queryRaw<{ id: number }[]>`
          INSERT INTO "SendSlot" ("lane", "takenAt", "endsAt", "done")
          VALUES (${lane}, clock_timestamp(), clock_timestamp() + ${maxCallMs}::int * interval '1 millisecond', false)
          RETURNING "id"`;
        return { id: row!.id };
      }
      let wait = 1;
      for (const w of full) {
        // Room comes when the earliest row still counting leaves (if its call is over; otherwise look again soon).
        const [first] = await tx.$queryRaw<{ endsAt: Date; done: boolean }[]>`
          SELECT "endsAt", "done" FROM "SendSlot"
          WHERE "endsAt" > ${c!.now} - ${w.ms}::int * interval '1 millisecond' AND (${w.name !== 'lane'} OR "lane" = ${lane})
          ORDER BY "endsAt" LIMIT 1`;
        const ms = first && first.done ? first.endsAt.getTime() + w.ms - c!.now.getTime() + 1 : pollMs;
        wait = Math.max(wait, ms);
        if (w.name === 'lane') laneUntil.set(lane, Date.now() + ms);
        else appUntil = Math.max(appUntil, Date.now() + ms);
      }
      return wait;
    });
  }

  async function sweep(): Promise<void> {
    const now = Date.now();
    if (now - lastSweep < 10_000) return;
    lastSweep = now;
    for (const [k, until] of laneUntil) if (until < now) laneUntil.delete(k);
    // Rows that count in no window any more (the longest is a minute).
    await db.$executeRaw`DELETE FROM "SendSlot" WHERE "endsAt" < clock_timestamp() - ${windows[1]!.ms + 1000}::int * interval '1 millisecond'`;
  }

  return {
    async acquire(lane) {
      for (;;) {
        let got: number | { id: number };
        try {
          got = await tryAcquire(lane);
        } catch (err) {
          // The database is unreachable or busy: no slot, so no call; try again shortly.
          logger.warn({ err: (err as Error).message, lane }, 'rate-limit slot not taken, retrying');
          got = 500;
        }
        if (typeof got === 'number') {
          await new Promise((r) => setTimeout(r, got));
          continue;
        }
        const id = got.id;
        void sweep().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'rate-limit sweep failed'));
        return async () => {
          try {
            await db.$executeRaw`
              UPDATE "SendSlot" SET "endsAt" = clock_timestamp() + interval '1 millisecond', "done" = true WHERE "id" = ${id}`;
          } catch (err) {
            // The slot keeps counting until takenAt + maxCallMs: later than needed, never too early.
            logger.warn({ err: (err as Error).message, slot: id }, 'rate-limit slot not released');
          }
        };
      }
    },
    waitMs(lane) {
      const now = Date.now();
      return Math.max(0, appUntil - now, (laneUntil.get(lane) ?? 0) - now);
    },
  };
}
