// The queue tables on a real SQLite file and a real PostgreSQL database: a claim counts the attempt before
// the work starts, a lease is renewed while it runs, a lease that ran out counts a crash, a row handed back
// at shutdown does not; an event that ended the process three times is quarantined, its sender and the
// admins told, and the sender's next event goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createInboxRepo } from '../../src/db/inbox-repo.ts';
import { createOutboxRepo } from '../../src/db/outbox-repo.ts';
import type { Db } from '../../src/db/prisma.ts';
import { createLogger } from '../../src/logger.ts';
import type { InboundEvent, QuarantineInfo } from '../../src/inbound.ts';
import { createInbox } from '../../src/runtime/inbox.ts';
import { newRow } from '../../src/runtime/lane-worker.ts';
import { STORAGE } from '../support/storage.ts';

describe.each(STORAGE)('on %s', (_name, make) => {
  let t: Awaited<ReturnType<typeof make>>;
  let db: Db;
  beforeAll(async () => {
    t = await make();
    db = t.db;
  });
  afterAll(() => t.cleanup());

  const message = (id: string, openId: string, text: string): InboundEvent => ({
    kind: 'message', eventId: `e_${id}`, messageId: `om_${id}`, chatId: 'oc_1', chatType: 'p2p', senderOpenId: openId, messageType: 'text', text, mentionOpenIds: [],
  });

  async function insert(repo: ReturnType<typeof createInboxRepo>, ev: InboundEvent & { kind: 'message' }) {
    const r = await repo.insert({ dedupKey: `msg:${ev.messageId}`, kind: 'message', eventId: ev.eventId, lane: `user:${ev.senderOpenId}`, payload: JSON.stringify(ev), receivedAt: new Date() });
    if (r === 'duplicate') throw new Error('duplicate');
    return r.id;
  }

  describe('queue leases', () => {
    it('claim → renew → expire → take over (a crash) → hand back (no crash)', async () => {
      const repo = createInboxRepo(db);
      const id = await insert(repo, message('lease1', 'ou_lease_000001', '帮助') as InboundEvent & { kind: 'message' });
      const [row] = (await repo.window(10)).filter((r) => r.id === id);
      const t0 = new Date();
      const first = await repo.claim(row!, t0, 1000);
      expect(first).toMatchObject({ status: 'processing', attempts: 1, crashes: 0 });
      // Still held (renewed): a second claim on what the window showed is refused.
      expect(await repo.renew(first!, new Date(t0.getTime() + 5000))).toBe(true);
      const [seen] = (await repo.window(10)).filter((r) => r.id === id);
      expect(await repo.claim(seen!, new Date(t0.getTime() + 2000), 1000)).toBeNull();
      // The lease runs out (the process died): taken over, counted as a crash; the old holder cannot renew.
      const second = await repo.claim(seen!, new Date(t0.getTime() + 6000), 1000);
      expect(second).toMatchObject({ attempts: 2, crashes: 1 });
      expect(await repo.renew(first!, new Date(t0.getTime() + 9000))).toBe(false);
      // Handed back at shutdown: due now, and the next claim does not count a crash.
      await repo.handBack(second!, new Date(t0.getTime() + 6500));
      const [back] = (await repo.window(10)).filter((r) => r.id === id);
      expect(back).toMatchObject({ status: 'pending', attempts: 2 });
      expect(await repo.claim(back!, new Date(t0.getTime() + 7000), 1000)).toMatchObject({ attempts: 3, crashes: 1 });
      await repo.complete(id, new Date());
    });

    it('an event that ended the process 3 times is quarantined, not handled; the sender\'s next event is', async () => {
      const repo = createInboxRepo(db);
      const poison = message('poison', 'ou_poison_00001', '这条会让进程退出');
      const next = message('after', 'ou_poison_00001', '帮助');
      const poisonId = await insert(repo, poison as InboundEvent & { kind: 'message' });
      await insert(repo, next as InboundEvent & { kind: 'message' });
      // Three claims whose process died: attempts 3, the last lease long gone.
      await db.inboundEvent.update({ where: { id: poisonId }, data: { status: 'processing', attempts: 3, crashes: 2, lockedUntil: new Date(Date.now() - 1000) } });
      const handled: string[] = [];
      const quarantined: QuarantineInfo[] = [];
      const inbox = createInbox({
        repo,
        clock: systemClock,
        logger: createLogger('silent'),
        handleEvent: async (ev) => void handled.push(ev.kind === 'message' ? ev.text! : ev.kind),
        handleCard: async () => ({}),
        onGiveUp: async () => {},
        onQuarantine: async (_ev, info) => void quarantined.push(info),
      });
      inbox.worker.start();
      const deadline = Date.now() + 5000;
      while (handled.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await inbox.worker.stop();
      expect(handled).toEqual(['帮助']);
      expect(quarantined).toEqual([{ id: poisonId, crashes: 3, attempts: 4 }]);
      const row = await db.inboundEvent.findUnique({ where: { id: poisonId } });
      expect(row).toMatchObject({ status: 'quarantined', crashes: 3 });
      expect(row!.lastError).toContain('ended the process 3 times');
    });

    it('an event cut short by the shutdown is handed back, not counted as failed, and nobody is told it failed', async () => {
      const repo = createInboxRepo(db);
      const id = await insert(repo, message('shutdown', 'ou_shutdown_0001', '帮助') as InboundEvent & { kind: 'message' });
      let started!: () => void;
      const began = new Promise<void>((r) => (started = r));
      let cut!: (e: Error) => void;
      const gaveUp: string[] = [];
      const inbox = createInbox({
        repo,
        clock: systemClock,
        logger: createLogger('silent'),
        maxAttempts: 1, // a real failure now would give up and tell the person
        handleEvent: () => {
          started();
          return new Promise<void>((_resolve, reject) => (cut = reject));
        },
        handleCard: async () => ({}),
        onGiveUp: async (ev) => void gaveUp.push(ev.eventId),
        onQuarantine: async () => {},
      });
      inbox.worker.start();
      await began;
      await inbox.worker.stop(50);
      cut(new Error('worker pool closed'));
      await new Promise((r) => setTimeout(r, 50));
      expect(gaveUp).toEqual([]);
      expect(await db.inboundEvent.findUnique({ where: { id } })).toMatchObject({ status: 'pending', attempts: 1, crashes: 0, lastError: null });
    });

    it('only the head of a lane is claimed: a later row waits while an earlier one is pending, retrying or held (both queues)', async () => {
      const inboxRepo = createInboxRepo(db);
      const first = await insert(inboxRepo, message('head1', 'ou_head_0000001', '第一条') as InboundEvent & { kind: 'message' });
      const second = await insert(inboxRepo, message('head2', 'ou_head_0000001', '第二条') as InboundEvent & { kind: 'message' });
      const other = await insert(inboxRepo, message('head3', 'ou_head_0000002', '别人的') as InboundEvent & { kind: 'message' });
      const pending = (id: number, lane: string) => newRow(id, lane, new Date());
      const now = new Date();
      expect(await inboxRepo.claim(pending(second, 'user:ou_head_0000001'), now, 10_000)).toBeNull(); // the first is still pending
      expect(await inboxRepo.claim(pending(other, 'user:ou_head_0000002'), now, 10_000)).not.toBeNull(); // another lane goes on
      const held = await inboxRepo.claim(pending(first, 'user:ou_head_0000001'), now, 10_000);
      expect(held).not.toBeNull();
      expect(await inboxRepo.claim(pending(second, 'user:ou_head_0000001'), now, 10_000)).toBeNull(); // the first is held
      await inboxRepo.retryLater(first, new Date(Date.now() + 60_000), 'later');
      expect(await inboxRepo.claim(pending(second, 'user:ou_head_0000001'), now, 10_000)).toBeNull(); // the first waits for its retry
      await inboxRepo.complete(first, new Date());
      expect(await inboxRepo.claim(pending(second, 'user:ou_head_0000001'), now, 10_000)).toMatchObject({ attempts: 1 });

      const outboxRepo = createOutboxRepo(db);
      const text = (key: string) => ({ idempotencyKey: key, kind: 'send' as const, lane: 'user:ou_head_out_001', receiveIdType: 'open_id' as const, receiveId: 'ou_head_out_001', msgType: 'text', content: '{"text":"x"}' });
      const [a, b] = [...(await outboxRepo.enqueue([text('head:a')], now)), ...(await outboxRepo.enqueue([text('head:b')], now))];
      expect(await outboxRepo.enqueue([text('head:a')], now)).toEqual([]); // an old key stores nothing
      expect(await outboxRepo.claim(b!, now, 10_000)).toBeNull();
      expect(await outboxRepo.claim(a!, now, 10_000)).not.toBeNull();
      await outboxRepo.markSent(a!.id, new Date(), 'om_1');
      expect(await outboxRepo.claim(b!, now, 10_000)).not.toBeNull();
    });

    it('an accepted event is handed straight to the worker (no queue read); the same person\'s next event runs after it', async () => {
      const own = await make(); // nothing left over from the tests above
      const base = createInboxRepo(own.db);
      let windowReads = 0;
      const repo = { ...base, window: (limit: number) => (windowReads++, base.window(limit)) };
      const handled: string[] = [];
      let readsAtFirst = -1;
      let release!: () => void;
      const slow = new Promise<void>((r) => (release = r));
      const inbox = createInbox({
        repo,
        clock: systemClock,
        logger: createLogger('silent'),
        handleEvent: async (ev) => {
          const text = ev.kind === 'message' ? ev.text! : ev.kind;
          if (text === '第一条') {
            readsAtFirst = windowReads;
            await slow;
          }
          handled.push(text);
        },
        handleCard: async () => ({}),
        onGiveUp: async () => {},
        onQuarantine: async () => {},
      });
      inbox.worker.start();
      const deadline = Date.now() + 5000;
      const until = async (done: () => boolean) => {
        while (!done()) {
          if (Date.now() > deadline) throw new Error('timed out');
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      await until(() => windowReads > 0); // the worker's first look at the queue, at start
      const readsBefore = windowReads;
      expect(await inbox.acceptEvent(message('fast1', 'ou_fast_0000001', '第一条'))).toBe('accepted');
      await until(() => readsAtFirst >= 0);
      expect(readsAtFirst).toBe(readsBefore);
      expect(await inbox.acceptEvent(message('fast2', 'ou_fast_0000001', '第二条'))).toBe('accepted');
      await new Promise((r) => setTimeout(r, 30));
      expect(handled).toEqual([]); // the second waits for the first
      release();
      await until(() => handled.length === 2);
      expect(handled).toEqual(['第一条', '第二条']);
      await inbox.worker.stop();
      await own.cleanup();
    });
  });
});
