// Outbound Feishu calls, stored before they are made.
import { Prisma } from '../generated/prisma/client.ts';
import { newRow, type LaneStore } from '../runtime/lane-worker.ts';
import type { Db } from './prisma.ts';
import { BatchInserter, claimRow, handBackRow, renewRow, windowOf } from './queue-sql.ts';
import type { OutboundItem, OutboxRepo, OutboxRow } from '../runtime/outbox-store.ts';

export function createOutboxRepo(db: Db): OutboxRepo & LaneStore {
  const inserter = new BatchInserter<OutboundItem & { key: string; now: Date }>(async (items) => {
    const values = items.map(
      (i) => Prisma.sql`(${i.idempotencyKey}, ${i.kind}, ${i.lane}, ${i.receiveIdType ?? null}, ${i.receiveId ?? null},
        ${i.targetId ?? null}, ${i.targetKey ?? null}, ${i.msgType ?? null}, ${i.content ?? null}, ${i.fileName ?? null},
        ${i.fileData ?? null}, 'pending', 0, ${i.now}, ${i.now})`,
    );
    const inserted = await db.$queryRaw<{ id: number; idempotencyKey: string }[]>`
      INSERT INTO "OutboxMessage" ("idempotencyKey", "kind", "lane", "receiveIdType", "receiveId", "targetId", "targetKey",
        "msgType", "content", "fileName", "fileData", "status", "attempts", "availableAt", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id", "idempotencyKey"`;
    return new Map(inserted.map((r) => [r.idempotencyKey, Number(r.id)]));
  });

  return {
    async enqueue(items, now) {
      const ids = await Promise.all(items.map((i) => inserter.insert({ ...i, key: i.idempotencyKey, now })));
      // same key: already queued or sent, nothing new
      return items.flatMap((i, k) => (ids[k] === null ? [] : [newRow(ids[k]!, i.lane, now)]));
    },
    window: (limit) => windowOf(db, 'OutboxMessage', limit),
    claim: (row, now, leaseMs) => claimRow(db, 'OutboxMessage', row, now, leaseMs),
    renew: (row, until) => renewRow(db, 'OutboxMessage', row, until),
    handBack: (row, now) => handBackRow(db, 'OutboxMessage', row, now),
    async load(id) {
      const [row] = await db.$queryRaw<OutboxRow[]>`SELECT * FROM "OutboxMessage" WHERE "id" = ${id}`;
      return row ?? null;
    },
    async markSent(id, now, sentMessageId) {
      // Sent files are not kept: the bytes were only needed until Feishu had them.
      await db.$executeRaw`
        UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${now}, "sentMessageId" = ${sentMessageId},
          "lockedUntil" = NULL, "lastError" = NULL, "fileData" = NULL
        WHERE "id" = ${id}`;
    },
    async saveFileKey(id, fileKey) {
      await db.$executeRaw`UPDATE "OutboxMessage" SET "fileKey" = ${fileKey} WHERE "id" = ${id}`;
    },
    async retryLater(id, availableAt, error, attempts) {
      await db.$executeRaw`
        UPDATE "OutboxMessage" SET "status" = 'pending', "availableAt" = ${availableAt}, "lockedUntil" = NULL,
          "lastError" = ${error}, "attempts" = COALESCE(${attempts ?? null}, "attempts")
        WHERE "id" = ${id}`;
    },
    async fail(id, error) {
      await db.$executeRaw`
        UPDATE "OutboxMessage" SET "status" = 'failed', "lockedUntil" = NULL, "lastError" = ${error} WHERE "id" = ${id}`;
    },
    async findByKey(idempotencyKey) {
      return db.outboxMessage.findUnique({ where: { idempotencyKey } }) as Promise<OutboxRow | null>;
    },
    async purgeSentBefore(before) {
      const { count } = await db.outboxMessage.deleteMany({ where: { status: 'sent', sentAt: { lt: before } } });
      return count;
    },
  };
}
