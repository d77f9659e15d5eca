// Each answer says what actually happened: a click the chat would refuse is not answered with success.
import { createStores } from '../../src/db/stores.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';

const LIMING = 'ou_honest_decl01';
const ZHAO = 'ou_honest_decl02';
let h: Harness;
let submittedId: number;
let othersDraftId: number;

beforeAll(async () => {
  h = await startHarness({ start: new Date('2026-08-03T10:00:00+08:00') });
  await createStores(h.db).registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '103001', name: '柳州市教育局', parentCode: null, staffCount: 200, contactName: null, contactMobile: null },
  ]);
  await h.db.user.createMany({ data: [{ openId: LIMING, name: '李明', role: 'declarant', unitCode: '101001' }, { openId: ZHAO, name: '赵敏', role: 'declarant', unitCode: '103001' }] });
  const plans = createStores(h.db).plans;
  const ev = { at: new Date('2026-08-01T10:00:00+08:00'), actor: LIMING, action: 'create', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'cli' as const };
  const mine = await plans.create({ year: 2027, unitCode: '101001', status: 'SUBMITTED', data: { budgetCode: '101001', title: '2027年度人社业务培训班' }, event: ev });
  submittedId = mine.id;
  othersDraftId = (await plans.create({ year: 2027, unitCode: '103001', data: { budgetCode: '103001', title: '2027年度教育局草稿' }, event: { ...ev, actor: ZHAO } })).id;
});
afterAll(() => h.stop());

describe('「继续填写」 on a plan that cannot be filled', () => {
  it('a submitted plan: the toast says why, like the chat would, and no conversation starts', async () => {
    const before = h.stub.messagesTo(LIMING).length;
    const r = await h.click(LIMING, 'om_myplans_0001', { a: 'plan', plan: submittedId, op: 'edit' });
    expect(r.json).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('已提交，不能再修改') } });
    await h.bot.idle();
    expect(h.stub.messagesTo(LIMING).length).toBe(before);
  });

  it('another unit\'s draft (a forged click): refused', async () => {
    const r = await h.click(LIMING, 'om_myplans_0002', { a: 'plan', plan: othersDraftId, op: 'edit' });
    expect(r.json).toMatchObject({ toast: { type: 'error', content: '找不到这个计划' } });
    expect((await h.db.plan.findUniqueOrThrow({ where: { id: othersDraftId } })).status).toBe('DRAFT');
  });
});
