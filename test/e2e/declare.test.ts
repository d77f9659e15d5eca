// Declaring through the real webhook and lanes: two messages sent together reach the conversation in order.
// (The declaration's behaviour itself is tested through the container: test/features/declaration/.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/db/stores.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { transcript } from '../support/transcript.ts';

const DECLARING = new Date('2026-08-03T10:00:00+08:00');
describe.each(['sqlite', 'postgresql'] as const)('on %s', (database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: DECLARING, database });
    await createStores(h.db).registry.saveUnits([
      { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: '李明', contactMobile: null },
    ]);
  });
  afterAll(() => h.stop());

  describe('two quick messages', () => {
    it('are processed in order without corrupting the conversation', async () => {
      const who = 'ou_decl_quick_01';
      await h.db.user.create({ data: { openId: who, name: '吴快', role: 'declarant', unitCode: '101001' } });
      const t = transcript(h, who);
      await t.say('申报');
      // sent together: the title, then the scope (typed before the scope question even arrives)
      await Promise.all([h.say(who, '2027年度快速回复测试培训班'), new Promise((r) => setTimeout(r, 5)).then(() => h.say(who, '市外'))]);
      await h.bot.idle();
      const plan = await h.db.plan.findFirst({ where: { createdBy: who }, orderBy: { id: 'desc' } });
      expect(JSON.parse(plan!.data)).toMatchObject({ title: '2027年度快速回复测试培训班', scope: '市外' });
      const conv = await h.db.conversation.findUnique({ where: { openId: who } });
      expect(JSON.parse(conv!.state).step).toBe('mode');
    });
  });
});
