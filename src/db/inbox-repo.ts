// Inbound pushes: the dedup table and the durable queue of work still to do.
import { Prisma } from '../generated/prisma/client.ts';
import type { LaneStore } from '../runtime/lane-worker.ts';
import type { InboxRepo, NewInboxRow } from '../runtime/inbox.ts';
import type { Db } from './prisma.ts';
import { BatchInserter, claimRow, handBackRow, renewRow, windowOf } from './queue-sql.ts';

export function createInboxRepo(db: Db): InboxRepo & LaneStore {
  const inserter = new BatchInserter<NewInboxRow & { key: string }>(async (rows) => {
    const values = rows.map(
      (r) =>
        Prisma.sql`(${r.dedupKey}, ${r.kind}, ${r.eventId}, ${r.lane}, ${r.payload}, ${r.status ?? 'pending'}, 0, ${r.receivedAt}, ${r.receivedAt})`,
    );
    const inserted = await db.$queryRaw<{ id: number; dedupKey: string }[]>`
      INSERT INTO "InboundEvent" ("dedupKey", "kind", "eventId", "lane", "payload", "status", "attempts", "availableAt", "receivedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("dedupKey") DO NOTHING
      RETURNING "id", "dedupKey"`;
    return new Map(inserted.map((r) => [r.dedupKey, Number(r.id)]));
  });

  return {
    async insert(row) {
      const id = await inserter.insert({ ...row, key: row.dedupKey });
      return id === null ? 'duplicate' : { id };
    },
    async release(id) {
      await db.$executeRaw`DELETE FROM "InboundEvent" WHERE "id" = ${id}`;
    },
    async findByKey(dedupKey) {
      return db.inboundEvent.findUnique({ where: { dedupKey } });
    },
    async load(id) {
      const [r] = await db.$queryRaw<{ eventId: string | null; payload: string | null }[]>`
        SELECT "eventId", "payload" FROM "InboundEvent" WHERE "id" = ${id}`;
      return r ?? null;
    },
    window: (limit) => windowOf(db, 'InboundEvent', limit),
    claim: (row, now, leaseMs) => claimRow(db, 'InboundEvent', row, now, leaseMs),
    renew: (row, until) => renewRow(db, 'InboundEvent', row, until),
    handBack: (row, now) => handBackRow(db, 'InboundEvent', row, now),
    async complete(id, now, response) {
      await db.$executeRaw`
        UPDATE "InboundEvent" SET "status" = 'done', "processedAt" = ${now}, "lockedUntil" = NULL, "response" = ${response ?? null}
        WHERE "id" = ${id}`;
    },
    async retryLater(id, availableAt, error) {
      await db.$executeRaw`
        UPDATE "InboundEvent" SET "status" = 'pending', "availableAt" = ${availableAt}, "lockedUntil" = NULL, "lastError" = ${error}
        WHERE "id" = ${id}`;
    },
    async fail(id, now, error) {
      await db.$executeRaw`
        UPDATE "InboundEvent" SET "status" = 'failed', "processedAt" = ${now}, "lockedUntil" = NULL, "lastError" = ${error}
        WHERE "id" = ${id}`;
    },
    async quarantine(id, now, reason) {
      await db.$executeRaw`
        UPDATE "InboundEvent" SET "status" = 'quarantined', "processedAt" = ${now}, "lockedUntil" = NULL, "lastError" = ${reason}
        WHERE "id" = ${id}`;
    },
    async purgeFinishedBefore(before) {
      const { count } = await db.inboundEvent.deleteMany({
        where: { status: { in: ['done', 'ignored'] }, receivedAt: { lt: before } },
      });
      return count;
    },
  };
}
