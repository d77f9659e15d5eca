// A durable work queue runner shared by the inbox (inbound events) and the outbox (outbound calls).
// Rows of one lane (one person / one recipient) run strictly in order; lanes run in parallel. A row is
// claimed with a conditional update (status + attempts as the version) that counts the attempt before the
// work starts, so two processes on one database never run the same row. The claim is a short lease,
// renewed by a heartbeat while the work runs: a long, healthy job keeps its row, and a row held by a dead
// process is taken over within one lease. Taking over such a row counts a crash against it, which is how
// an event that kills the process is recognised (and quarantined by the inbox) instead of retried forever.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

export type LaneRow = {
  id: number;
  lane: string;
  status: string;
  attempts: number;
  availableAt: Date;
  lockedUntil: Date | null;
};

/** The row just stored under `id`: pending, never tried, due from `at`. */
export function newRow(id: number, lane: string, at: Date): LaneRow {
  return { id, lane, status: 'pending', attempts: 0, availableAt: at, lockedUntil: null };
}

/** A row this worker holds: `attempts` counts this attempt; `crashes`, the earlier claims that died with their process. */
export type ClaimedRow = LaneRow & { status: 'processing'; crashes: number };

export interface LaneStore {
  /** Unfinished rows (pending or processing), oldest first. */
  window(limit: number): Promise<LaneRow[]>;
  /**
   * pending (or processing with an expired lease) → processing with a lease until now + leaseMs, counting
   * the attempt, and a crash when the lease had expired; null when another worker got there first.
   */
  claim(row: LaneRow, now: Date, leaseMs: number): Promise<ClaimedRow | null>;
  /** Extends the lease of a row still held under this claim; false when it is no longer ours. */
  renew(row: ClaimedRow, lockedUntil: Date): Promise<boolean>;
  /** Hands a row back unfinished (the process is stopping): due now, and no crash. */
  handBack(row: ClaimedRow, now: Date): Promise<void>;
}

export type LaneWorkerOptions = {
  name: string;
  store: LaneStore;
  /** Does the work of a claimed row and records its outcome (done, retry later, failed). */
  process: (row: ClaimedRow) => Promise<void>;
  clock: Clock;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  /** How often a running row's lease is renewed (default: a quarter of the lease). */
  heartbeatMs?: number;
  /**
   * Rows running but only waiting for another queue (a file waiting for a free reader): they do not count
   * against `concurrency`, so other people's messages are still answered.
   */
  parked?: () => number;
  /** Fallback polling for rows written by other processes or whose retry time came. */
  pollMs: number;
  windowSize?: number;
  /** Rate gate: 0 to go now, otherwise milliseconds to wait (nothing is reserved then). */
  gate?: (row: LaneRow, now: Date) => number;
  /**
   * True while acknowledgements are waiting (webhook requests in flight). Background work then steps
   * back to one row at a time, at most one start per `yieldIntervalMs`: Feishu needs its 200 within 3 s,
   * a reply may take a moment longer. It never stops, so work cannot starve under constant traffic.
   */
  yieldTo?: () => boolean;
  yieldIntervalMs?: number;
};

/** Rows read while acknowledgements are waiting and only one row may start (see tick). */
const YIELD_WINDOW = 32;

export class LaneWorker {
  private running = new Map<number, Promise<void>>();
  private claimed = new Map<number, ClaimedRow>();
  private busyLanes = new Set<string>();
  private stopped = true;
  private wakeUp: (() => void) | null = null;
  private wakeRequested = false;
  private loopDone: Promise<void> = Promise.resolve();
  private lastStart = 0;

  constructor(private readonly o: LaneWorkerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  /**
   * A row this process has just written: start it at once when it may run here now (its lane idle, a slot
   * free, its rate gate open, no flood of acknowledgements waiting), skipping the poll and the window
   * read. The claim still goes through the store, which refuses it unless the row heads its lane, so
   * order and exactly-once hold as on the polling path; anything refused is left to that path.
   */
  offer(row: LaneRow): void {
    const now = this.o.clock.now();
    if (this.stopped || this.o.yieldTo?.() || this.running.size >= this.slots || this.busyLanes.has(row.lane) || (this.o.gate?.(row, now) ?? 0) > 0) {
      this.wake();
      return;
    }
    this.busyLanes.add(row.lane); // held while claiming, so a second offer of the lane waits for the poll
    this.o.store.claim(row, now, this.o.leaseMs).then(
      (claimed) => {
        if (claimed && !this.stopped) return this.launch(claimed);
        this.busyLanes.delete(row.lane);
        // Claimed just as the worker stopped: hand it back; if that fails too, its lease lets another take it.
        if (claimed) this.o.store.handBack(claimed, this.o.clock.now()).catch((err: unknown) => this.o.logger.warn({ err, worker: this.o.name, rowId: claimed.id }, 'could not hand back a row claimed while stopping; its lease will expire'));
        this.wake();
      },
      (err: unknown) => {
        this.busyLanes.delete(row.lane);
        this.o.logger.warn({ err, worker: this.o.name, rowId: row.id }, 'could not claim a new row; left to the poll');
        this.wake();
      },
    );
  }

  /** Rows that may run at once: the concurrency, plus the rows parked on another queue. */
  private get slots(): number {
    return this.o.concurrency + (this.o.parked?.() ?? 0);
  }

  /** Something new was written: look now instead of at the next poll. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /**
   * Stops claiming new rows and waits up to `graceMs` for the running ones (their results are recorded).
   * Rows still running then are handed back, due at once for the next process, without counting a crash.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loopDone;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled(this.running.values()), grace]);
    clearTimeout(timer);
    const left = [...this.claimed.values()];
    if (!left.length) return;
    this.o.logger.warn({ worker: this.o.name, rows: left.map((r) => r.id) }, 'stopping with rows still running: handed back');
    await Promise.allSettled(left.map((r) => this.o.store.handBack(r, this.o.clock.now())));
  }

  /** True once stop() was called: work failing now may only have been cut short by the shutdown. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Resolves when nothing is running and nothing is due now (tests and benchmarks). */
  get inFlight(): number {
    return this.running.size;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let waitMs = this.o.pollMs;
      try {
        waitMs = Math.min(waitMs, await this.tick());
      } catch (err) {
        this.o.logger.error({ err, worker: this.o.name }, 'worker tick failed');
      }
      if (this.stopped) break;
      if (this.wakeRequested) {
        this.wakeRequested = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, waitMs));
        this.wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakeUp = null;
      this.wakeRequested = false;
    }
  }

  /** One pass over the window; returns how long until something becomes due. */
  private async tick(): Promise<number> {
    let limit = this.slots;
    let recheck = this.o.pollMs;
    const full = this.o.windowSize ?? 500;
    let size = full;
    if (this.o.yieldTo?.()) {
      const interval = this.o.yieldIntervalMs ?? 100;
      const since = Date.now() - this.lastStart;
      if (since < interval) return interval - since;
      limit = 1;
      recheck = interval; // look again when the acknowledgements are done, not at the next poll
      // One row may start: its lane's head is almost always among the oldest rows, so read only those
      // (each row read is Prisma work taken from the acknowledgements) and the whole window only when
      // none of them could start.
      size = Math.min(full, YIELD_WINDOW);
    }
    if (this.running.size >= limit) return recheck;
    let soonest = await this.scan(await this.o.store.window(size), limit, recheck);
    if (size < full && this.running.size < limit && !this.stopped && this.lastRead === size) {
      soonest = Math.min(soonest, await this.scan(await this.o.store.window(full), limit, recheck));
    }
    return soonest;
  }

  /** Rows in the last window read (a full small window means there may be more behind it). */
  private lastRead = 0;

  /** Starts the due heads of idle lanes among `rows` until `limit` rows run; returns how long until more is due. */
  private async scan(rows: LaneRow[], limit: number, recheck: number): Promise<number> {
    this.lastRead = rows.length;
    const now = this.o.clock.now();
    const seen = new Set<string>();
    let soonest = Number.POSITIVE_INFINITY;
    for (const row of rows) {
      if (this.stopped) break;
      if (this.running.size >= limit) {
        soonest = Math.min(soonest, recheck); // more is due: look again soon, not at the next poll
        break;
      }
      if (seen.has(row.lane)) continue;
      seen.add(row.lane); // only the head of each lane may run: order within a lane
      if (this.busyLanes.has(row.lane) || this.running.has(row.id)) continue;
      const dueAt = row.status === 'pending' ? row.availableAt : row.lockedUntil;
      const dueIn = dueAt ? dueAt.getTime() - now.getTime() : 0;
      if (dueIn > 0) {
        soonest = Math.min(soonest, dueIn);
        continue;
      }
      const gateWait = this.o.gate?.(row, now) ?? 0;
      if (gateWait > 0) {
        soonest = Math.min(soonest, gateWait);
        continue;
      }
      const claimed = await this.o.store.claim(row, now, this.o.leaseMs);
      if (claimed) this.launch(claimed);
    }
    return soonest;
  }

  private launch(row: ClaimedRow): void {
    this.lastStart = Date.now();
    this.busyLanes.add(row.lane);
    this.claimed.set(row.id, row);
    const heartbeat = setInterval(() => {
      const until = new Date(this.o.clock.now().getTime() + this.o.leaseMs);
      this.o.store.renew(row, until).then(
        (held) => {
          if (!held) this.o.logger.warn({ worker: this.o.name, rowId: row.id }, 'lease lost while running');
        },
        (err: unknown) => this.o.logger.warn({ err, worker: this.o.name, rowId: row.id }, 'could not renew a lease'),
      );
    }, this.o.heartbeatMs ?? Math.max(10, Math.floor(this.o.leaseMs / 4)));
    const run = this.o
      .process(row)
      .catch((err: unknown) => {
        this.o.logger.error({ err, worker: this.o.name, rowId: row.id }, 'worker job crashed');
      })
      .finally(() => {
        clearInterval(heartbeat);
        this.running.delete(row.id);
        this.claimed.delete(row.id);
        this.busyLanes.delete(row.lane);
        this.wake();
      });
    this.running.set(row.id, run);
  }
}
