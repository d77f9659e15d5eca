// Every outbound message is stored first, under an idempotency key, then delivered by the outbox worker:
// in order per recipient, inside Feishu's rate limits, retried with backoff when Feishu says "later",
// with a fresh token after 99991663, and given up (logged) after a bounded number of attempts.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { answerRejectedCard } from './card-fallback.ts';
import { LaneWorker, type ClaimedRow, type LaneStore } from './lane-worker.ts';
import { FeishuCallError, type FeishuApi, type ReceiveIdType } from '../ports/feishu.ts';
import { feishuUuid, type OutboxKind, type OutboxRepo, type OutboxRow } from './outbox-store.ts';
import type { RateLimits } from './rate-limiter.ts';
import { localLimiter, type SendLimiter } from './send-limiter.ts';

export type OutboxWorkerOptions = {
  repo: OutboxRepo & LaneStore;
  api: FeishuApi;
  clock: Clock;
  logger: Logger;
  limits: RateLimits;
  /** Where the rate-limit slots are taken (default: in this process, with `limits`). */
  limiter?: SendLimiter;
  maxAttempts: number;
  /** A message whose sending ended the process this many times is given up (default 3). */
  maxCrashes?: number;
  /** Lease of a message being sent, renewed while it is (default 20 s). */
  leaseMs?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  concurrency?: number;
  pollMs?: number;
  yieldTo?: () => boolean;
};

class Deferred extends Error {}

export function createOutboxWorker(o: OutboxWorkerOptions): LaneWorker {
  const limiter = o.limiter ?? localLimiter(o.limits);
  const base = o.backoffMs ?? 1000;
  const cap = o.maxBackoffMs ?? 5 * 60_000;
  const backoff = (attempts: number) => {
    const d = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
    return Math.round(d * (0.8 + Math.random() * 0.4));
  };

  async function deliver(row: OutboxRow): Promise<string | null> {
    const uuid = feishuUuid(row.idempotencyKey);
    const api = limitedApi(row.lane);
    switch (row.kind as OutboxKind) {
      case 'send':
        return (
          await api.sendMessage({
            receiveIdType: row.receiveIdType as ReceiveIdType,
            receiveId: row.receiveId!,
            msgType: row.msgType!,
            content: row.content!,
            uuid,
          })
        ).messageId;
      case 'reply':
        return (await api.replyMessage({ messageId: row.targetId!, msgType: row.msgType!, content: row.content!, uuid }))
          .messageId;
      case 'patch': {
        const target = row.targetId ?? (await patchTarget(row));
        await api.patchMessage({ messageId: target, content: row.content! });
        return target;
      }
      case 'file': {
        let fileKey = row.fileKey;
        if (!fileKey) {
          fileKey = (await api.uploadFile({ fileName: row.fileName!, data: Buffer.from(row.fileData!) })).fileKey;
          await o.repo.saveFileKey(row.id, fileKey); // a retry sends this upload, not a second one
        }
        return (
          await api.sendMessage({
            receiveIdType: row.receiveIdType as ReceiveIdType,
            receiveId: row.receiveId!,
            msgType: 'file',
            content: JSON.stringify({ file_key: fileKey }),
            uuid,
          })
        ).messageId;
      }
      default:
        throw new FeishuCallError(`unknown outbox kind ${row.kind}`, 'permanent', {});
    }
  }

  /** Each Feishu call takes its rate-limit slot at the moment it leaves. */
  function limitedApi(lane: string): Pick<FeishuApi, 'sendMessage' | 'replyMessage' | 'patchMessage' | 'uploadFile'> {
    const limited = async <T>(call: () => Promise<T>): Promise<T> => {
      const done = await limiter.acquire(lane);
      try {
        return await call();
      } finally {
        await done();
      }
    };
    return {
      sendMessage: (p) => limited(() => o.api.sendMessage(p)),
      replyMessage: (p) => limited(() => o.api.replyMessage(p)),
      patchMessage: (p) => limited(() => o.api.patchMessage(p)),
      uploadFile: (p) => limited(() => o.api.uploadFile(p)),
    };
  }

  async function patchTarget(row: OutboxRow): Promise<string> {
    const sent = row.targetKey ? await o.repo.findByKey(row.targetKey) : null;
    if (sent?.sentMessageId) return sent.sentMessageId;
    if (!sent || sent.status === 'failed') {
      throw new FeishuCallError(`card to update was never sent (${row.targetKey})`, 'permanent', {});
    }
    throw new Deferred('card to update not sent yet');
  }

  async function process(slim: ClaimedRow): Promise<void> {
    const row = await o.repo.load(slim.id);
    if (!row) return;
    const attempt = slim.attempts; // the claim counted this attempt
    const log = o.logger.child({ outboxId: row.id, kind: row.kind, attempt });
    if (slim.crashes >= (o.maxCrashes ?? 3)) {
      await o.repo.fail(row.id, `ended the process ${slim.crashes} times while being sent`);
      log.error({ crashes: slim.crashes }, 'outbox gave up: the message kept ending the process');
      return;
    }
    try {
      const messageId = await deliver(row);
      await o.repo.markSent(row.id, o.clock.now(), messageId);
      log.info({ messageId }, 'outbox delivered');
      return;
    } catch (err) {
      const now = o.clock.now().getTime();
      if (err instanceof Deferred) {
        await o.repo.retryLater(row.id, new Date(now + 1000), err.message, slim.attempts - 1); // waiting is not an attempt
        return;
      }
      const e = err instanceof FeishuCallError ? err : new FeishuCallError(String(err), 'permanent', {}, { cause: err });
      const reason = `${e.kind}: ${e.message}`;
      if (e.kind === 'card_rejected') await answerRejectedCard(o.repo, row, o.clock.now()); // at once, in text, once
      if (e.kind === 'permanent' || e.kind === 'card_rejected' || attempt >= o.maxAttempts) {
        await o.repo.fail(row.id, reason);
        log.error({ reason, attempts: attempt, status: e.details.status, code: e.details.code }, 'outbox gave up');
        return;
      }
      let delay = backoff(attempt);
      if (e.kind === 'token_expired') {
        await o.api.invalidateToken();
        delay = 0; // the next attempt fetches a new tenant_access_token first
      } else if (e.kind === 'rate_limited' && e.details.retryAfterMs !== undefined) {
        delay = Math.max(e.details.retryAfterMs, 200);
      }
      await o.repo.retryLater(row.id, new Date(now + delay), reason);
      log.warn({ reason, retryInMs: delay, status: e.details.status, code: e.details.code }, 'outbox will retry');
    }
  }

  return new LaneWorker({
    name: 'outbox',
    store: o.repo,
    process,
    clock: o.clock,
    logger: o.logger,
    concurrency: o.concurrency ?? 16,
    leaseMs: o.leaseMs ?? 20_000,
    pollMs: o.pollMs ?? 1000,
    // Do not claim a row that would only sit waiting for its slot.
    gate: (row) => limiter.waitMs(row.lane),
    yieldTo: o.yieldTo,
  });
}
