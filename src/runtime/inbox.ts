// At-least-once pushes made exactly-once. Each push is stored under its dedup key before it is
// acknowledged (the unique constraint settles concurrent re-deliveries), then processed by a worker:
// one person's events in order, with retries, surviving restarts. Card clicks are answered inline.
// An event that ended the process (claimed, then its lease ran out) `maxCrashes` times is quarantined:
// never handled again, its sender and the admins told, and the sender's later events go on.
import crypto from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { dedupKeyOf, laneOf, markLate, type CardAction, type CardResponse, type InboundEvent, type QuarantineInfo } from '../inbound.ts';
import { LaneWorker, newRow, type ClaimedRow, type LaneStore } from './lane-worker.ts';

export type InboxRow = {
  id: number;
  dedupKey: string;
  kind: string;
  eventId: string | null;
  lane: string;
  payload: string | null;
  status: string;
  attempts: number;
  availableAt: Date;
  lockedUntil: Date | null;
  response: string | null;
};

export type NewInboxRow = {
  dedupKey: string;
  kind: string;
  eventId: string;
  lane: string;
  payload: string | null;
  receivedAt: Date;
  /** 'pending' (default) for the worker, 'ignored' for pushes kept only as dedup keys, 'answering' for clicks. */
  status?: string;
};

export interface InboxRepo {
  /** What the worker needs of a claimed row. */
  load(id: number): Promise<{ eventId: string | null; payload: string | null } | null>;
  insert(row: NewInboxRow): Promise<{ id: number } | 'duplicate'>;
  /** Forget a key, so the same push can be tried again (a card click whose handling crashed). */
  release(id: number): Promise<void>;
  findByKey(dedupKey: string): Promise<InboxRow | null>;
  complete(id: number, now: Date, response?: string): Promise<void>;
  retryLater(id: number, availableAt: Date, error: string): Promise<void>;
  fail(id: number, now: Date, error: string): Promise<void>;
  /** Not to be handled again (an operator may put it back with inbox:retry). */
  quarantine(id: number, now: Date, reason: string): Promise<void>;
  purgeFinishedBefore(before: Date): Promise<number>;
}


export type EventHandler = (event: InboundEvent, log: Logger) => Promise<void>;
export type CardHandler = (action: CardAction, log: Logger) => Promise<CardResponse>;

export type InboxOptions = {
  repo: InboxRepo & LaneStore;
  clock: Clock;
  logger: Logger;
  handleEvent: EventHandler;
  handleCard: CardHandler;
  /** Said when an event still fails after the last attempt, so the person is not left waiting. */
  onGiveUp: (event: InboundEvent, log: Logger) => Promise<void>;
  /** A quarantined event: tell its sender and the admins (idempotently: this may run again after a crash). */
  onQuarantine: (event: InboundEvent, info: QuarantineInfo, log: Logger) => Promise<void>;
  /** Claims that may end with the process dying before an event is quarantined (default 3). */
  maxCrashes?: number;
  /** Lease of a claimed event, renewed while it is handled (default 20 s): a dead process's events are taken over within it. */
  leaseMs?: number;
  /** See LaneWorkerOptions.parked. */
  parked?: () => number;
  /** Pushes worth storing at all (a group message without any @ is kept only as a dedup key). */
  isRelevant?: (event: InboundEvent) => boolean;
  maxAttempts?: number;
  retryBaseMs?: number;
  concurrency?: number;
  /** Card callbacks must be answered within 3 s; past this the click is acknowledged and finished later. */
  cardDeadlineMs?: number;
  /** When a card handler finishes after the deadline, its card is delivered by a PATCH. */
  onLateCard?: (action: CardAction, response: CardResponse, log: Logger) => Promise<void>;
  /** See LaneWorkerOptions.yieldTo. */
  yieldTo?: () => boolean;
  /** A message or menu click received later than this after it was sent is marked late (default 3 min). */
  lateAfterMs?: number;
};

export const TEXT_CARD_BUSY = '上一次点击还在处理中，请稍候几秒再看。';
export const TEXT_CARD_SLOW = '已收到，正在处理，结果稍后更新在这张卡片上。';
export const TEXT_CARD_FAILED = '处理失败了，请稍后再点一次。如果一直失败，请联系管理员。';

function cardDedupKey(a: CardAction): string {
  const what = JSON.stringify([a.tag, a.name, a.value, a.formValue, a.option, a.options, a.inputValue, a.checked]);
  const digest = crypto.createHash('sha256').update(what).digest('hex').slice(0, 32);
  return `card:${a.messageId}:${a.openId}:${digest}`;
}

export function createInbox(o: InboxOptions) {
  const maxAttempts = o.maxAttempts ?? 5;
  const maxCrashes = o.maxCrashes ?? 3;
  const retryBase = o.retryBaseMs ?? 2000;

  async function process(row: ClaimedRow): Promise<void> {
    const stored = await o.repo.load(row.id);
    if (!stored?.payload) {
      await o.repo.fail(row.id, o.clock.now(), 'no payload stored');
      return;
    }
    const event = JSON.parse(stored.payload) as InboundEvent;
    const log = o.logger.child({
      eventId: stored.eventId,
      ...(event.kind === 'message' ? { messageId: event.messageId } : {}),
      attempt: row.attempts,
    });
    if (row.crashes >= maxCrashes) {
      // Told first (idempotent keys), marked after: dying in between only repeats the telling, which dedups.
      await o.onQuarantine(event, { id: row.id, crashes: row.crashes, attempts: row.attempts }, log).catch((e: unknown) => log.error({ err: e }, 'could not tell about a quarantined event'));
      await o.repo.quarantine(row.id, o.clock.now(), `ended the process ${row.crashes} times (attempt ${row.attempts}); not handled again`);
      log.error({ crashes: row.crashes, rowId: row.id }, 'event quarantined');
      return;
    }
    try {
      await o.handleEvent(event, log);
      await o.repo.complete(row.id, o.clock.now());
    } catch (err) {
      if (worker.stopping) {
        // Cut short by the shutdown (its readers were ended): handed back, not a failed attempt.
        log.info({ err: err instanceof Error ? err.message : String(err) }, 'event interrupted by the shutdown; left for the next process');
        return;
      }
      const attempt = row.attempts;
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (attempt >= maxAttempts) {
        await o.repo.fail(row.id, o.clock.now(), reason);
        log.error({ err, attempts: attempt }, 'event handling gave up');
        await o.onGiveUp(event, log).catch((e: unknown) => log.error({ err: e }, 'could not tell the user'));
        return;
      }
      const delay = retryBase * 2 ** (attempt - 1);
      await o.repo.retryLater(row.id, new Date(o.clock.now().getTime() + delay), reason);
      log.warn({ err, retryInMs: delay }, 'event handling failed, will retry');
    }
  }

  const worker = new LaneWorker({
    name: 'inbox',
    store: o.repo,
    process,
    clock: o.clock,
    logger: o.logger,
    concurrency: o.concurrency ?? 8,
    leaseMs: o.leaseMs ?? 20_000,
    pollMs: 2000,
    yieldTo: o.yieldTo,
    parked: o.parked,
  });

  async function acceptEvent(pushed: InboundEvent): Promise<'accepted' | 'duplicate'> {
    const relevant = o.isRelevant?.(pushed) ?? true;
    const lane = laneOf(pushed);
    const receivedAt = o.clock.now();
    const event = markLate(pushed, receivedAt, o.lateAfterMs);
    const outcome = await o.repo.insert({
      dedupKey: dedupKeyOf(event),
      kind: event.kind,
      eventId: event.eventId,
      lane,
      payload: relevant ? JSON.stringify(event) : null,
      receivedAt,
      status: relevant ? 'pending' : 'ignored',
    });
    if (outcome === 'duplicate') return 'duplicate';
    // Stored: handled here at once, right after the 200 is written (the poll remains the way back after a crash).
    if (relevant) setImmediate(() => worker.offer(newRow(outcome.id, lane, receivedAt)));
    return 'accepted';
  }

  async function handleCardAction(action: CardAction, log: Logger): Promise<CardResponse> {
    const key = cardDedupKey(action);
    const inserted = await o.repo.insert({
      dedupKey: key,
      kind: 'card_action',
      eventId: action.eventId,
      lane: `user:${action.openId}`,
      payload: JSON.stringify(action),
      receivedAt: o.clock.now(),
      status: 'answering',
    });
    if (inserted === 'duplicate') {
      const previous = await o.repo.findByKey(key);
      log.info({ previous: previous?.status }, 'duplicate card click');
      if (previous?.response) return JSON.parse(previous.response) as CardResponse;
      return { toast: { type: 'info', content: TEXT_CARD_BUSY } };
    }
    const rowId = inserted.id;
    const work = o.handleCard(action, log).then(
      async (response) => {
        await o.repo.complete(rowId, o.clock.now(), JSON.stringify(response));
        return response;
      },
      async (err: unknown) => {
        log.error({ err }, 'card action failed');
        const response: CardResponse = { toast: { type: 'error', content: TEXT_CARD_FAILED } };
        await o.repo.release(rowId); // a second click may succeed
        return response;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), o.cardDeadlineMs ?? 2500);
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    log.warn('card action slower than the callback deadline; finishing in the background');
    void work.then((response) => (response.card ? o.onLateCard?.(action, response, log) : undefined));
    return { toast: { type: 'info', content: TEXT_CARD_SLOW } };
  }

  return { acceptEvent, handleCardAction, worker };
}
