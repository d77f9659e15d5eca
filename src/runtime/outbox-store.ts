// What the outbox stores: each outbound message under its idempotency key, with where it goes and how it
// went. Implemented with Prisma in db/outbox-repo.ts.
import crypto from 'node:crypto';
import type { ReceiveIdType } from '../ports/feishu.ts';
import type { LaneRow } from './lane-worker.ts';

export type OutboxKind = 'send' | 'reply' | 'patch' | 'file';

export type OutboundItem = {
  idempotencyKey: string;
  kind: OutboxKind;
  lane: string;
  receiveIdType?: ReceiveIdType | null;
  receiveId?: string | null;
  /** reply: the message replied to; patch: the card message to update. */
  targetId?: string | null;
  /** patch of a card the outbox itself sent: the key of that send (its message id is known later). */
  targetKey?: string | null;
  msgType?: string | null;
  content?: string | null;
  fileName?: string | null;
  fileData?: Uint8Array<ArrayBuffer> | null;
};

export type OutboxRow = {
  id: number;
  idempotencyKey: string;
  kind: string;
  lane: string;
  receiveIdType: string | null;
  receiveId: string | null;
  targetId: string | null;
  targetKey: string | null;
  msgType: string | null;
  content: string | null;
  fileName: string | null;
  fileData: Uint8Array | null;
  fileKey: string | null;
  status: string;
  attempts: number;
  availableAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  sentMessageId: string | null;
};

export interface OutboxRepo {
  load(id: number): Promise<OutboxRow | null>;
  /** Stores the items whose keys are new; returns the rows it stored (an old key stores nothing). */
  enqueue(items: OutboundItem[], now: Date): Promise<LaneRow[]>;
  markSent(id: number, now: Date, sentMessageId: string | null): Promise<void>;
  saveFileKey(id: number, fileKey: string): Promise<void>;
  retryLater(id: number, availableAt: Date, error: string, attempts?: number): Promise<void>;
  fail(id: number, error: string): Promise<void>;
  findByKey(key: string): Promise<OutboxRow | null>;
  purgeSentBefore(before: Date): Promise<number>;
}

/** Feishu keeps a message `uuid` for an hour and refuses a second message with it (≤ 50 characters). */
export function feishuUuid(idempotencyKey: string): string {
  return crypto.createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
}
