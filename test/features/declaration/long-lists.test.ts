// Lists with 150 plans in one unit and 500 across the city: every list card pages (上一页 / 下一页 through the
// card callback, the page shown in place), every page passes card-lint and stays well inside Feishu's 30 KB
// and 200 elements, and whose list it is comes from the person who clicks.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manyUnits, seedPlansIn } from '../../support/bulk.ts';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, reviewer, unit } from '../../support/fixtures.ts';
import { valueIn } from '../../support/execution.ts';
import { cardIn, HEADROOM, pageNumbers, printMeasured, record, sizeOf, walkPages } from '../../support/pages.ts';
import { cardText } from '../../support/transcript.ts';

const DECL = 'ou_ll_decl_hrss01';
const OTHER = 'ou_ll_decl_other1';
const REVIEWER = 'ou_ll_reviewer001';
const at = (iso: string) => new Date(`${iso}+08:00`);
const DECLARING = at('2026-08-03T10:00:00');
const OTHERS = manyUnits(70);
/** Plans that pass every rule (市内, modest). */
const GREEN = { scope: '市内' as const, location: '柳州市城中区市委党校', institution: '中共柳州市委党校', headcount: 45, sessions: 1, days: 3, budget: 30000 };

let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, {
    units: [unit('101001', '柳州市人力资源和社会保障局', { staffCount: 900 }), ...OTHERS],
    people: [declarant(DECL, '101001', '李明'), declarant(OTHER, OTHERS[0]!.code, '王芳'), reviewer(REVIEWER, '审核员甲')],
  });
  await seedPlansIn(w.stores, { unitCode: '101001', year: 2027, count: 150, status: 'SUBMITTED', at: at('2026-07-20T09:00:00'), data: GREEN });
  for (const u of OTHERS) await seedPlansIn(w.stores, { unitCode: u.code, year: 2027, count: 5, status: 'SUBMITTED', at: at('2026-07-21T09:00:00'), data: GREEN });
}, 120_000);
afterAll(() => printMeasured());
afterEach(() => w.lintSentCards());

/** The plan numbers a page lists (a number in a footer's example is not a listed plan). */
const numbersOn = (card: unknown) => [...new Set([...cardText(card).matchAll(/(2027-\d{3})(?=[《　]| 柳州)/g)].map((m) => m[1]!))];
/** The last card a person was sent whose text contains `text`. */
const lastCardWith = (openId: string, text: string) => w.messenger.to(openId).filter((m) => cardText(m.content).includes(text)).at(-1)!;

describe('declaring: 150 plans of one unit, 500 in the city', () => {
  it('我的申报 pages 8 plans at a time; every plan is on exactly one page', async () => {
    const { t, card } = await cardIn(w, DECL, '我的申报');
    const pages = await walkPages(t, card, '我的申报', { pages: 19, total: 150 });
    const seen = pages.flatMap(numbersOn);
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
    expect(cardText(pages[1])).toContain('第 2/19 页，共 150 个计划');
    expect(cardText(pages[1])).toContain('发送「我的申报」可重新查看');
  });

  it("进度 pages a unit's plans 15 at a time, and the reviewers' queue 20 at a time", async () => {
    const mine = await cardIn(w, DECL, '进度');
    await walkPages(mine.t, mine.card, '进度（本单位）', { pages: 10, total: 150 });
    const queue = await cardIn(w, REVIEWER, '进度');
    const pages = await walkPages(queue.t, queue.card, '进度（待审队列）', { pages: 25, total: 500 });
    expect(cardText(pages[0])).toContain('# 待初审 500 个');
    expect(pages.flatMap(numbersOn)).toHaveLength(500);
  });

  it("paging is decided by who clicks: a declarant cannot page the reviewers' queue; another unit sees its own plans", async () => {
    const queue = lastCardWith(REVIEWER, '# 待初审 500 个');
    const refused = await w.as(DECL).clickValue(queue.messageId, valueIn(queue.content, 'page', { p: 2 }));
    expect(refused.toast).toEqual({ type: 'error', content: '只有市工作领导小组办公室的审核人员可以操作' });
    expect(refused.card).toBeUndefined();
    const mine = lastCardWith(DECL, '# 2027年度培训计划');
    const theirs = await w.as(OTHER).clickValue(mine.messageId, valueIn(mine.content, 'page', { p: 2 }));
    expect(cardText(theirs.card)).toContain(OTHERS[0]!.name);
    expect(cardText(theirs.card)).not.toContain('柳州市人力资源和社会保障局');
    expect(pageNumbers(theirs.card)).toBeNull(); // their 5 plans fit on one page: page 2 is their page 1
  });

  it('待审 sends the review cards 10 at a time: 下一页 shows the next 10 and sends theirs', async () => {
    const before = w.messenger.to(REVIEWER).length;
    const { t, cards } = await cardIn(w, REVIEWER, '待审');
    const review = cards.filter((c) => cardText(c.content).startsWith('# 待初审 · '));
    expect(review).toHaveLength(10);
    const list = cards.at(-1)!;
    expect(cardText(list.content)).toContain('以上 10 个计划的审核卡片已发送。点「下一页」发送后面的计划的卡片。');
    expect(numbersOn(list.content)).toEqual(review.map((c) => /2027-\d{3}/.exec(cardText(c.content))![0]));
    const next = await t.clickValue(list.messageId, valueIn(list.content, 'page', { p: 2 }));
    expect(pageNumbers(next.card)).toEqual({ page: 2, pages: 50, total: 500 });
    const sent = w.messenger.to(REVIEWER).slice(before).filter((c) => cardText(c.content).startsWith('# 待初审 · '));
    expect(sent).toHaveLength(20);
    expect(numbersOn(next.card)).toEqual(sent.slice(10).map((c) => /2027-\d{3}/.exec(cardText(c.content))![0]));
    // A review card of a plan of the unit with 150: its other plans are counted, not all listed.
    const ownUnit = sent.find((c) => cardText(c.content).includes('柳州市人力资源和社会保障局'))!;
    expect(cardText(ownUnit.content)).toContain('……另有 139 个（共 149 个；全部计划见「导出」的汇总表）');
    expect(sizeOf(ownUnit.content).bytes).toBeLessThanOrEqual(HEADROOM.bytes);
    record('审核卡片（本单位另有 149 个计划）', [sizeOf(ownUnit.content)]);
  });

  it('撤回 on page 3 answers with page 3 again, the plan now a draft', async () => {
    const { t, card } = await cardIn(w, DECL, '我的申报');
    const page2 = (await t.clickValue(card.messageId, valueIn(card.content, 'page', { p: 2 }))).card;
    const page3 = (await t.clickValue(card.messageId, valueIn(page2, 'page', { p: 3 }))).card;
    const withdraw = valueIn(page3, 'plan', { op: 'withdraw' });
    expect(withdraw.pg).toBe(3);
    const r = await t.clickValue(card.messageId, withdraw);
    expect(r.toast?.content).toMatch(/^已撤回 2027-\d{3}，现在是草稿$/);
    expect(pageNumbers(r.card)).toEqual({ page: 3, pages: 19, total: 150 });
    expect(numbersOn(r.card)).toEqual(numbersOn(page3));
    expect(cardText(r.card)).toContain('状态：草稿');
    // Back to page 2 and forward again: page 3 as it is now, not as it was first drawn.
    const again2 = (await t.clickValue(card.messageId, valueIn(r.card, 'page', { p: 2 }))).card;
    const again3 = (await t.clickValue(card.messageId, valueIn(again2, 'page', { p: 3 }))).card;
    expect(cardText(again3)).toEqual(cardText(r.card));
    expect(cardText(again3)).not.toEqual(cardText(page3));
  });
});
