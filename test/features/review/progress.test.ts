// 进度: a declarant sees where each plan of the unit is, who holds it and for how many working days; a
// reviewer sees the queue of plans waiting for a first review, with their ages; 待审 sends their cards again.
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../support/converse.ts';
import { plan } from '../../support/fixtures.ts';
import { FIN, REVIEWER_A, REVIEWER_B, reviewWorld, submitted, UNITS } from './helpers.ts';

let w: World;
afterEach(() => w.lintSentCards());

describe('进度', () => {
  it('tells a declarant where each plan is and for how long; reviewers see their queue with ages', async () => {
    w = await reviewWorld({ start: new Date('2026-07-30T09:00:00+08:00') }); // a Thursday
    const number = await submitted(w, FIN, { title: '2027年度财政票据管理培训班' });
    w.clock.set(new Date('2026-08-03T15:00:00+08:00')); // the next Monday: Fri + Mon = 2 working days
    const mine = (await w.as(FIN).say('进度'))[0]!;
    expect(mine).toContain(`${number}《2027年度财政票据管理培训班》`);
    expect(mine).toContain('已提交，待初审 · 在：市工作领导小组办公室（初审） · 自 7月30日 09:00 起 2 个工作日');
    expect(mine).toContain('下一个截止：申报 2026年8月5日 23:59');
    const queue = (await w.as(REVIEWER_A).say('进度'))[0]!;
    expect(queue).toContain('# 待初审 1 个');
    expect(queue).toContain(`${number} 柳州市财政局《2027年度财政票据管理培训班》 7月30日 09:00 提交，已等待 2 个工作日`);
  });

  it('someone linked to no unit and no reviewer is told how to link', async () => {
    w = await reviewWorld({ people: [] });
    expect(await w.as('ou_rv_stranger01').say('进度')).toEqual(['您还没有关联单位。发送「帮助」查看怎么关联。']);
  });

  it('待审 with nothing waiting says so; otherwise the queue, and that the cards were sent before: none is sent twice', async () => {
    w = await reviewWorld();
    expect(await w.as(REVIEWER_A).say('待审')).toEqual(['没有等待初审的计划。']);
    const number = await submitted(w, FIN);
    const before = reviewCardsTo(REVIEWER_A);
    const queue = await w.as(REVIEWER_A).say('待审');
    expect(queue).toHaveLength(1); // the list, and no card again
    expect(reviewCardsTo(REVIEWER_A)).toBe(before);
    expect(queue[0]).toContain('# 待初审 1 个');
    expect(queue[0]).toContain(`${number} 柳州市财政局《2027年度业务能力提升培训班》`);
    expect(queue[0]).toContain('以上计划的审核卡片之前都已发送过，没有重复发送。');
    expect(queue[0]).not.toContain('审核卡片已发送');
    expect(queue[0]).not.toContain('发送「待审」重新发送这些计划的审核卡片');
  });

  it('待审 sends the cards never sent (a plan imported as submitted) and says how many', async () => {
    w = await reviewWorld();
    const imported = await plan(w.stores, { year: 2027, unitCode: UNITS.hrss.code, status: 'SUBMITTED', data: { budgetCode: UNITS.hrss.code, title: '2027年度人社业务培训班' }, at: w.clock.now() });
    const first = await w.as(REVIEWER_A).say('待审');
    expect(first.map((m) => m.split('\n')[0])).toEqual([`# 待初审 · ${imported.number} · 柳州市人力资源和社会保障局 · 已提交，待初审`, '# 待初审 1 个']);
    expect(first.at(-1)).toContain('以上 1 个计划的审核卡片已发送。');
    expect(reviewCardsTo(REVIEWER_B)).toBe(1); // every reviewer got it, as on a submission

    const number = await submitted(w, FIN);
    await w.stores.plans.update({ id: imported.id, version: imported.version, status: 'SUBMITTED', event: { at: w.clock.now(), actor: 'cli', action: 'set', fromStatus: 'SUBMITTED', toStatus: 'SUBMITTED', comment: null, changes: null, channel: 'cli' } });
    const mixed = await w.as(REVIEWER_A).say('待审'); // the changed plan's card is new (a new version); the other's is not
    expect(mixed.filter((m) => m.startsWith('# 待初审 · '))).toEqual([expect.stringContaining(imported.number)]);
    expect(mixed.at(-1)).toContain(`${number} 柳州市财政局`);
    expect(mixed.at(-1)).toContain('以上 2 个计划中，1 个的审核卡片已发送，其余 1 个之前已发送过。');
  });
});

const reviewCardsTo = (openId: string) => w.messenger.to(openId).filter((m) => m.msgType === 'interactive' && JSON.stringify(m.content).includes('待初审 · ')).length;
