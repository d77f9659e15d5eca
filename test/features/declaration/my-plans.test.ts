// 我的申报 (list, 撤回, copy, last year's plans, 继续填写 from the list) and 本年度无培训计划.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanData } from '../../../src/domain/plan.ts';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, unit } from '../../support/fixtures.ts';
import { setStatus, storedPlan } from './setup.ts';

const DECLARANT = 'ou_decl_fin_0001';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
const BASE: Omit<PlanData, 'title'> = { budgetCode: '102001', unitName: '柳州市财政局', scope: '市内', mode: '线下', audience: '财务人员', headcount: 40, sessions: 1, days: 2, month: 9, location: '柳州市城中区', institution: null, budget: 20000, jointUnits: [], contactName: '张伟', contactPhone: '0772-1234567', remarks: null, justification: null };

let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, {
    units: [unit('102001', '柳州市财政局', { staffCount: 90, contactName: '张伟' }), unit('102002', '柳州市财政局票据中心', { parentCode: '102001', staffCount: 8 })],
    people: [declarant(DECLARANT, '102001', '张伟')],
  });
});
afterEach(() => w.lintSentCards());

/** The unit's plans of 2027 that are still there. */
const unitPlans = async () => (await w.stores.plans.list({ unitCode: '102001', year: 2027 })).filter((p) => p.status !== 'DISCARDED');

describe('我的申报', () => {
  it("lists the unit's plans with status and next step; withdraw before the deadline; copy", async () => {
    const draft = await storedPlan(w, { year: 2027, unitCode: '102001', data: { title: '2027年度预算绩效管理培训班', budgetCode: '102001' }, actor: DECLARANT });
    const submitted = await setStatus(w, (await storedPlan(w, { year: 2027, unitCode: '102001', data: { ...BASE, title: '2027年度政府采购实务培训班' }, actor: DECLARANT })).id, 'SUBMITTED');
    await setStatus(w, (await storedPlan(w, { year: 2026, unitCode: '102001', data: { ...BASE, title: '2026年度会计人员继续教育培训班' }, actor: DECLARANT })).id, 'PUBLISHED');

    const t = w.as(DECLARANT);
    const list = (await t.say('我的申报'))[0]!;
    expect(list).toContain('# 2027年度培训计划 · 柳州市财政局');
    expect(list).toContain(`${draft.number}　2027年度预算绩效管理培训班`);
    expect(list).toContain('状态：草稿　下一步：填完后提交（2026年8月5日 23:59 截止）');
    expect(list).toContain('状态：已提交，待初审　下一步：等待市工作领导小组办公室初审（当天完成）');
    expect(list).toContain('[撤回]');

    const listCard = t.lastCard();
    const withdrawValue = JSON.parse(JSON.stringify(listCard.content).match(/\{"a":"plan","plan":\d+,"op":"withdraw","v":\d+\}/)![0]);
    const withdrawn = await t.click('撤回');
    expect(withdrawn.toast).toMatchObject({ type: 'success', content: `已撤回 ${submitted.number}，现在是草稿` });
    expect((await w.stores.plans.get(submitted.id))!.status).toBe('DRAFT');

    // resubmitted; the old 撤回 replayed (a captured request, or an old card) withdraws nothing
    await setStatus(w, submitted.id, 'SUBMITTED');
    const replayed = await t.clickValue(listCard.messageId, withdrawValue);
    expect(replayed.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('卡片已过期') });
    expect(replayed.cardText).toContain('# 2027年度培训计划 · 柳州市财政局'); // the list as it is now, in place
    const older = await t.clickValue('om_older_list_card', withdrawValue); // another copy of the old card
    expect(older.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('卡片已过期') });
    expect((await w.stores.plans.get(submitted.id))!.status).toBe('SUBMITTED');
    await setStatus(w, submitted.id, 'DRAFT');

    // last year's plan copied: this year's title, then the summary to confirm
    expect((await t.say('复制去年')).join('\n')).toContain('# 2026年度培训计划 · 柳州市财政局 · 可复制为2027年度新计划');
    const copied = await t.click('复制为新计划');
    expect(copied.toast).toEqual({ type: 'success', content: '已复制为新计划' });
    expect(copied.messages.join('\n')).toContain('2027年度会计人员继续教育培训班');
    expect(copied.messages.join('\n')).toContain('# 申报汇总');
    expect(copied.messages.at(-1)).toMatch(/^已把 2026-\d{3} 复制为新草稿，请逐项确认（发送「修改 某项」调整）。$/);
    await t.say('保存草稿');
  });

  it('继续填写 from the list picks the draft up at its first open question', async () => {
    const t = w.as(DECLARANT);
    await t.say('我的申报');
    const r = await t.click('继续填写');
    expect(r.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/^继续填写 2027-\d{3}$/) });
    expect(r.messages.join('\n')).toMatch(/培训类别|汇总/);
    await t.say('保存草稿');
  });
});

describe('本年度无培训计划', () => {
  it('is refused while the unit has submitted plans, and recorded after confirmation otherwise', async () => {
    const t = w.as(DECLARANT);
    for (const p of await unitPlans()) await setStatus(w, p.id, 'SUBMITTED');
    await t.say('无计划');
    const refused = await t.click('确认，本年度无培训计划');
    expect(refused.toast?.type).toBe('error');
    expect(refused.toast?.content).toMatch(/已有 \d+ 个已提交的计划，不能登记为无培训计划/);

    for (const p of await unitPlans()) await setStatus(w, p.id, 'DISCARDED');
    await t.say('无计划');
    const ok = await t.click('确认，本年度无培训计划');
    expect(ok.toast).toMatchObject({ type: 'success', content: '已登记' });
    expect(ok.messages[0]).toContain('已登记：柳州市财政局2027年度无培训计划');
    expect(await w.stores.unitYears.noPlan('102001', 2027)).toMatchObject({ by: DECLARANT });
    expect((await t.say('我的申报'))[0]).toContain('已登记：本单位2027年度无培训计划');
  });
});
