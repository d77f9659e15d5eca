// A card Feishu refuses for good (230099 "element exceeds the limit") is not retried for two minutes and
// then dropped: the outbox gives up on it at once and tells the person in plain text what it was and what
// to send to get it again, once, however often the card is tried.
import { createStores } from '../../src/db/stores.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedPlans } from '../support/bulk.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const DECL = 'ou_refused_decl01';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
const REFUSED = { kind: 'status' as const, status: 400, code: 230099, msg: 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: element exceeds the limit; ErrorValue: 213; ' };
const FALLBACK = ['「2027年度培训计划」（柳州市人力资源和社会保障局）没能显示：飞书拒收了这张卡片。', '请发送「我的申报」重新查看（长的列表会分页显示）；如果仍然不行，请联系系统管理员。'].join('\n');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  await createStores(h.db).registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
  await h.db.user.create({ data: { openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' } });
  await seedPlans(h, { unitCode: '101001', year: 2027, count: 3, status: 'SUBMITTED', at: new Date('2026-07-20T09:00:00+08:00') });
});
afterAll(() => h.stop());
beforeEach(() => h.stub.calls.splice(0));

const creates = () => h.stub.calls.filter((c) => c.op === 'message.create');
const cardRow = () => h.db.outboxMessage.findFirst({ where: { msgType: 'interactive', receiveId: DECL }, orderBy: { id: 'desc' } });

describe('a card Feishu refuses', () => {
  it('is tried once, and the person gets the essentials in text, once', async () => {
    h.stub.inject('message.create', REFUSED);
    await h.say(DECL, '我的申报');
    await h.bot.idle();
    await new Promise((r) => setTimeout(r, 500)); // a retry would come after 50 ms (the harness's backoff)
    await h.bot.idle();
    expect(creates().map((c) => [(c.body as { msg_type: string }).msg_type, c.status])).toEqual([
      ['interactive', 400],
      ['text', 200],
    ]);
    expect(h.stub.textsTo(DECL)).toEqual([FALLBACK]);
    const row = await cardRow();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/^card_rejected: .*230099/);
  });

  it('a second try of the same card (a crash before it was marked failed) does not send the text again', async () => {
    const row = (await cardRow())!;
    h.stub.inject('message.create', REFUSED);
    await h.db.outboxMessage.update({ where: { id: row.id }, data: { status: 'pending', availableAt: new Date(0) } });
    await h.stub.waitFor(() => creates().length === 1, 5000, 'the card tried again');
    await h.bot.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(creates().map((c) => (c.body as { msg_type: string }).msg_type)).toEqual(['interactive']);
    expect(h.stub.textsTo(DECL)).toEqual([FALLBACK]);
    expect(await h.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'fallback:' } } })).toBe(1);
  });

  it('a card that is only busy (11310 "card action is lock") is retried and delivered, with no text', async () => {
    h.stub.inject('message.create', { kind: 'status', status: 400, code: 11310, msg: 'card action is lock' });
    await h.say(DECL, '我的申报');
    await h.stub.waitFor(() => h.stub.messagesTo(DECL).some((m) => m.msgType === 'interactive'), 5000, 'the card after the retry');
    await h.bot.idle();
    expect(creates().map((c) => c.status)).toEqual([400, 200]);
    expect(h.stub.textsTo(DECL)).toEqual([FALLBACK]); // still only the one from before
    h.lintSentCards();
  });
});
