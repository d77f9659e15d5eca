// One SQLite connection: a statement issued outside a transaction while one is open must not become part
// of it. An event stored (and acknowledged) during some use case's transaction survives that transaction's
// rollback, and waits for its commit instead of running inside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxRepo } from '../../src/db/inbox-repo.ts';
import { migrateSqlite } from '../../src/db/migrate.ts';
import { createDb } from '../../src/db/prisma.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-txbarrier-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fresh(name: string) {
  const url = `file:${path.join(dir, `${name}.db`)}`;
  migrateSqlite(url);
  const db = createDb(url);
  return { db, inbox: createInboxRepo(db) };
}

const row = (key: string) => ({ dedupKey: key, kind: 'message', eventId: `e-${key}`, lane: 'user:ou_a', payload: '{}', receivedAt: new Date() });

describe('statements outside a transaction', () => {
  it('an event stored while another transaction is open survives its rollback', async () => {
    const { db, inbox } = fresh('rollback');
    let inside!: () => void;
    const began = new Promise<void>((r) => (inside = r));
    const tx = db.$transaction(async (t) => {
      await t.user.create({ data: { openId: 'ou_inside', name: '甲' } });
      inside();
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('rolled back');
    });
    await began;
    const stored = inbox.insert(row('msg:during'));
    await expect(tx).rejects.toThrow('rolled back');
    expect(await stored).toEqual({ id: expect.any(Number) });
    expect((await inbox.findByKey('msg:during'))?.status).toBe('pending');
    expect(await db.user.findUnique({ where: { openId: 'ou_inside' } })).toBeNull();
    await db.$disconnect();
  });

  it('waits for the open transaction to commit, then runs; transactions still run one after another', async () => {
    const { db, inbox } = fresh('commit');
    const order: string[] = [];
    let inside!: () => void;
    const began = new Promise<void>((r) => (inside = r));
    const first = db.$transaction(async (t) => {
      await t.user.create({ data: { openId: 'ou_1', name: '甲' } });
      inside();
      await new Promise((r) => setTimeout(r, 30));
      order.push('first committed');
    });
    await began;
    const stored = inbox.insert(row('msg:after')).then((r) => (order.push('event stored'), r));
    const second = db.$transaction(async (t) => {
      await t.user.create({ data: { openId: 'ou_2', name: '乙' } });
      order.push('second committed');
    });
    await Promise.all([first, stored, second]);
    expect(order[0]).toBe('first committed');
    expect(order).toContain('event stored');
    expect(order).toContain('second committed');
    expect(await db.user.count()).toBe(2);
    expect((await inbox.findByKey('msg:after'))?.status).toBe('pending');
    await db.$disconnect();
  });

  it('with two transactions begun at once, an event stored meanwhile survives the second one rolling back', async () => {
    const { db, inbox } = fresh('two');
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const first = db.$transaction(async (t) => {
      await t.user.create({ data: { openId: 'ou_1', name: '甲' } });
      await sleep(10);
    });
    const second = db.$transaction(async (t) => {
      await t.user.create({ data: { openId: 'ou_2', name: '乙' } });
      await sleep(30);
      throw new Error('second rolled back');
    });
    await sleep(15); // the first has committed; the second is open or about to be
    const stored = [inbox.insert(row('msg:a')), sleep(5).then(() => inbox.insert(row('msg:b')))];
    await first;
    await expect(second).rejects.toThrow('second rolled back');
    await Promise.all(stored);
    expect((await inbox.findByKey('msg:a'))?.status).toBe('pending');
    expect((await inbox.findByKey('msg:b'))?.status).toBe('pending');
    expect((await db.user.findMany({ select: { openId: true } })).map((u) => u.openId)).toEqual(['ou_1']);
    await db.$disconnect();
  });
});
