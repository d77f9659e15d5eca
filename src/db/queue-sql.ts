// The queue tables (InboundEvent, OutboxMessage) are the hot path: every push and every message passes
// through them several times. Their few statements are written as portable SQL (SQLite ≥ 3.35 and
// PostgreSQL both take INSERT … ON CONFLICT DO NOTHING RETURNING) and run as raw queries, which skip
// the Prisma query compiler's per-call planning (~0.5 ms of CPU each on this machine).
import { Prisma } from '../generated/prisma/client.ts';
import type { ClaimedRow, LaneRow } from '../runtime/lane-worker.ts';
import type { Db } from './prisma.ts';

export type QueueTable = 'InboundEvent' | 'OutboxMessage';

const UNFINISHED = Prisma.sql`('pending', 'processing')`;

export async function windowOf(db: Db, table: QueueTable, limit: number): Promise<LaneRow[]> {
  return db.$queryRaw<LaneRow[]>`
    SELECT "id", "lane", "status", "attempts", "availableAt", "lockedUntil"
    FROM ${Prisma.raw(`"${table}"`)}
    WHERE "status" IN ${UNFINISHED}
    ORDER BY "id" LIMIT ${limit}`;
}

/**
 * pending (or processing with an expired lease) → processing, counting the attempt; taking over an expired
 * lease also counts a crash (its process died holding it). The version is status + attempts, and a lease
 * renewed since the window was read is respected. Only the head of its lane is claimed: while an earlier
 * row of the lane is unfinished (waiting for its retry, or held by any process) this one waits, so a row
 * handed straight to a worker cannot overtake (index lane, status, id).
 */
export async function claimRow(db: Db, table: QueueTable, row: LaneRow, now: Date, leaseMs: number): Promise<ClaimedRow | null> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const t = Prisma.raw(`"${table}"`);
  const [claimed] = await db.$queryRaw<{ crashes: number | bigint }[]>`
    UPDATE ${t}
    SET "status" = 'processing', "attempts" = ${row.attempts + 1}, "lockedUntil" = ${lockedUntil},
      "crashes" = "crashes" + (CASE WHEN "status" = 'processing' THEN 1 ELSE 0 END)
    WHERE "id" = ${row.id} AND "status" = ${row.status} AND "attempts" = ${row.attempts}
      AND ("status" = 'pending' OR "lockedUntil" IS NULL OR "lockedUntil" <= ${now})
      AND NOT EXISTS (SELECT 1 FROM ${t} AS "earlier"
        WHERE "earlier"."lane" = ${row.lane} AND "earlier"."status" IN ${UNFINISHED} AND "earlier"."id" < ${row.id})
    RETURNING "crashes"`;
  return claimed ? { ...row, status: 'processing', attempts: row.attempts + 1, lockedUntil, crashes: Number(claimed.crashes) } : null;
}

export async function renewRow(db: Db, table: QueueTable, row: ClaimedRow, lockedUntil: Date): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} SET "lockedUntil" = ${lockedUntil}
    WHERE "id" = ${row.id} AND "status" = 'processing' AND "attempts" = ${row.attempts}`;
  return count === 1;
}

export async function handBackRow(db: Db, table: QueueTable, row: ClaimedRow, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} SET "status" = 'pending', "lockedUntil" = NULL, "availableAt" = ${now}
    WHERE "id" = ${row.id} AND "status" = 'processing' AND "attempts" = ${row.attempts}`;
}

export async function countUnfinished(db: Db, table: QueueTable): Promise<number> {
  const [r] = await db.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM ${Prisma.raw(`"${table}"`)} WHERE "status" IN ${UNFINISHED}`;
  return Number(r?.n ?? 0);
}

/**
 * Group commit: inserts requested while a write is in flight are sent together as one multi-row
 * INSERT, so many concurrent pushes share one transaction (and one fsync) instead of paying for one each.
 */
export class BatchInserter<T extends { key: string }> {
  private queue: { item: T; resolve: (id: number | null) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<Map<string, number>>,
    private readonly maxBatch = 100,
  ) {}

  /** The new row's id, or null when the key already existed. */
  insert(item: T): Promise<number | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the I/O phase: every request that arrived in this turn of the loop joins the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const ids = await this.write(batch.map((b) => b.item));
          for (const b of batch) {
            const id = ids.get(b.item.key);
            ids.delete(b.item.key); // a second copy of one key in the same batch is a duplicate
            b.resolve(id ?? null);
          }
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
