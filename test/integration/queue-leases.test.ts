// The queue tables on a real SQLite file: a claim counts the attempt before the work starts, a lease is
// renewed while it runs, a lease that ran out counts a crash, a row handed back at shutdown does not; an
// event that ended the process three times is quarantined, its sender and the admins told, and the sender's
// next event goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createInboxRepo } from '../../src/db/inbox-repo.ts';
import type { Db } from '../../src/db/prisma.ts';
import { createLogger } from '../../src/logger.ts';
import type { InboundEvent } from '../../src/services/inbound.ts';
import { createInbox, type QuarantineInfo } from '../../src/services/inbox.ts';
import { tempDb } from '../support/temp-db.ts';

let t: Awaited<ReturnType<typeof tempDb>>;
let db: Db;
beforeAll(async () => {
  t = await tempDb();
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
});
