// The port through which the outbox takes a rate-limit slot for each Feishu call. One instance (SQLite)
// limits in memory (rate-limiter.ts); several instances on one PostgreSQL share their slots in the
// database (db/shared-limiter.ts). The outbox does not know which.
import { RateLimiter, type RateLimits } from './rate-limiter.ts';

export interface SendLimiter {
  /**
   * Waits until one more call to `lane` fits every limit and takes its slot; call the returned function
   * once the call's answer is back (the slot then leaves each window a window's length later).
   */
  acquire(lane: string): Promise<() => Promise<void>>;
  /** A hint for the queue: milliseconds until a call to `lane` may fit (0: now, or not known). Reserves nothing. */
  waitMs(lane: string): number;
}

/** The in-process limiter behind the port: exact for a single instance. */
export function localLimiter(limits: RateLimits, clock: () => number = Date.now): SendLimiter {
  const limiter = new RateLimiter(limits, clock);
  return {
    async acquire(lane) {
      const done = await limiter.acquire(lane);
      return async () => done();
    },
    waitMs: (lane) => limiter.waitMs(lane, clock()),
  };
}
