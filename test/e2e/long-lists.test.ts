// Lists with 150 plans in one unit and 500 across the city, end to end: every list card pages (上一页 /
// 下一页 through the real callback, the page shown in place), every page passes card-lint and stays well
// inside Feishu's 30 KB and 200 elements, and whose list it is comes from the person who clicks.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceRepo } from '../../src/db/reference-repo.ts';
import { manyUnits, seedPlans } from '../support/bulk.ts';
import { valueIn } from '../support/execution.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { pageNumbers, printMeasured, sizeOf, walkPages, HEADROOM } from '../support/pages.ts';
import { cardText, transcript } from '../support/transcript.ts';

const DECL = 'ou_ll_decl_hrss01';
const OTHER = 'ou_ll_decl_other1';
const REVIEWER = 'ou_ll_reviewer001';
const at = (iso: string) => new Date(`${iso}+08:00`);
const DECLARING = at('2026-08-03T10:00:00');
const OTHERS = manyUnits(70);
/** Plans that pass every rule (市内, modest): the 复审 list may batch-approve them, and no card is sent for each. */
const GREEN = { scope: '市内' as const, location: '柳州市城中区市委党校', institution: '中共柳州市委党校', headcount: 45, sessions: 1, days: 3, budget: 30000 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  await createReferenceRepo(h.db).saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 900, contactName: null, contactMobile: null }, ...OTHERS]);
  await h.db.user.createMany({
    data: [
      { openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' },
      { openId: OTHER, name: '王芳', role: 'declarant', unitCode: OTHERS[0]!.code },
      { openId: REVIEWER, name: '审核员甲', role: 'reviewer' },
    ],
  });
  await seedPlans(h, { unitCode: '101001', year: 2027, count: 150, status: 'SUBMITTED', at: at('2026-07-20T09:00:00'), data: GREEN });
  for (const u of OTHERS) await seedPlans(h, { unitCode: u.code, year: 2027, count: 5, status: 'SUBMITTED', at: at('2026-07-21T09:00:00'), data: GREEN });
}, 60_000);
afterAll(async () => {
  printMeasured();
  await h.stop();
});
afterEach(() => h.lintSentCards());

/** Says `text` and returns the one card the bot answered with. */
async function cardFor(openId: string, text: string) {
  const t = transcript(h, openId);
  const before = h.stub.messagesTo(openId).length;
  await t.say(text);
  const cards = h.stub.messagesTo(openId).slice(before).filter((m) => m.msgType === 'interactive');
  return { t, card: cards.at(-1)!, cards };
}

/** The plan numbers a page lists (a number in a footer's example is not a listed plan). */
const numbersOn = (card: unknown) => [...new Set([...cardText(card).matchAll(/(2027-\d{3})(?=[《　]| 柳州)/g)].map((m) => m[1]!))];

describe('declaring: 150 plans of one unit, 500 in the city', () => {
  it('我的申报 pages 8 plans at a time; every plan is on exactly one page', async () => {
    const { t, card } = await cardFor(DECL, '我的申报');
    const pages = await walkPages(t, card, '我的申报', { pages: 19, total: 150 });
    const seen = pages.flatMap(numbersOn);
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
    expect(cardText(pages[1])).toContain('第 2/19 页，共 150 个计划');
    expect(cardText(pages[1])).toContain('发送「我的申报」可重新查看');
  });

  it('撤回 on page 3 answers with page 3 again, the plan now a draft', async () => {
    const { t, card } = await cardFor(DECL, '我的申报');
    const page2 = (await t.clickValue(card.messageId, valueIn(card.content, 'page', { p: 2 }))).card;
    const page3 = (await t.clickValue(card.messageId, valueIn(page2, 'page', { p: 3 }))).card;
    const withdraw = valueIn(page3, 'plan', { op: 'withdraw' });
    expect(withdraw.pg).toBe(3);
    const r = await t.clickValue(card.messageId, withdraw);
    expect(r.toast?.content).toMatch(/^已撤回 2027-\d{3}，现在是草稿$/);
    expect(pageNumbers(r.card)).toEqual({ page: 3, pages: 19, total: 150 });
    expect(numbersOn(r.card)).toEqual(numbersOn(page3));
    expect(cardText(r.card)).toContain('状态：草稿');
  });
});
