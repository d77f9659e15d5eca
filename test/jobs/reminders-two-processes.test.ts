// Two processes running the reminder job at the same moment on one database, SQLite or PostgreSQL (two
// connections, two bots): each reminder goes out once, whichever claims it first. The reminders themselves
// are tested on the fast seam (test/features/reminders/); this is what the reminder log's unique key does
// across connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/db/stores.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';
import { world, type World } from '../support/converse.ts';
import { STORAGE } from '../support/storage.ts';

describe.each(STORAGE)('on %s', (_name, make) => {
  const DECLARANTS = ['ou_rm2_decl_0001', 'ou_rm2_decl_0002', 'ou_rm2_decl_0003'];
  let a: World;
  let b: World;
  let second: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const t = await make();
    cleanup = t.cleanup;
    second = createDb(t.url);
    const start = new Date('2026-07-28T10:00:00+08:00');
    a = await world({ start, stores: createStores(t.db) });
    b = await world({ start, stores: createStores(second) });
    await a.stores.registry.saveUnits(DECLARANTS.map((_, i) => ({ code: `20${i + 1}001`, name: `第${i + 1}局`, parentCode: null, staffCount: 80, contactName: null, contactMobile: null })));
    for (const [i, openId] of DECLARANTS.entries()) await a.stores.roster.bind(openId, `20${i + 1}001`);
  });
  afterAll(async () => {
    await second.$disconnect();
    await cleanup();
  });

  describe('the reminder job on two processes at once', () => {
    it('sends each reminder once in all', async () => {
      const when = new Date('2026-07-27T09:00:00+08:00'); // 7 working days before the 申报 deadline
      await Promise.all([a.job('reminders', when), b.job('reminders', when), a.job('reminders', when), b.job('reminders', when)]);
      for (const openId of DECLARANTS) {
        const cards = [...a.messenger.to(openId), ...b.messenger.to(openId)].filter((m) => m.msgType === 'interactive');
        expect(cards, openId).toHaveLength(1);
        expect(JSON.stringify(cards[0]!.content)).toContain('年度培训计划还没有提交');
      }
    });
  });
});
