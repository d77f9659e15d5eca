// Each answer says what actually happened: a click the chat would refuse is not answered with success.
import { beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, unit } from '../../support/fixtures.ts';
import { storedPlan } from './setup.ts';

const LIMING = 'ou_honest_decl01';
const ZHAO = 'ou_honest_decl02';
let w: World;
let submittedId: number;
let othersDraftId: number;

beforeAll(async () => {
  w = await world({ start: new Date('2026-08-03T10:00:00+08:00') });
  await city(w.stores, {
    units: [unit('101001', '柳州市人力资源和社会保障局', { staffCount: 150 }), unit('103001', '柳州市教育局', { staffCount: 200 })],
    people: [declarant(LIMING, '101001', '李明'), declarant(ZHAO, '103001', '赵敏')],
  });
  const at = new Date('2026-08-01T10:00:00+08:00');
  submittedId = (await storedPlan(w, { year: 2027, unitCode: '101001', status: 'SUBMITTED', data: { budgetCode: '101001', title: '2027年度人社业务培训班' }, actor: LIMING, at })).id;
  othersDraftId = (await storedPlan(w, { year: 2027, unitCode: '103001', data: { budgetCode: '103001', title: '2027年度教育局草稿' }, actor: ZHAO, at })).id;
});

describe('「继续填写」 on a plan that cannot be filled', () => {
  it('a submitted plan: the toast says why, like the chat would, and no conversation starts', async () => {
    const r = await w.as(LIMING).clickValue('om_myplans_0001', { a: 'plan', plan: submittedId, op: 'edit' });
    expect(r.toast).toMatchObject({ type: 'error', content: expect.stringContaining('已提交，不能再修改') });
    expect(r.messages).toEqual([]);
    expect(await w.stores.conversations.get(LIMING)).toBeNull();
  });

  it("another unit's draft (a forged click): refused", async () => {
    const r = await w.as(LIMING).clickValue('om_myplans_0002', { a: 'plan', plan: othersDraftId, op: 'edit' });
    expect(r.toast).toMatchObject({ type: 'error', content: '找不到这个计划' });
    expect((await w.stores.plans.get(othersDraftId))!.status).toBe('DRAFT');
  });
});
