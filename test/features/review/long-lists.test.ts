// 复审, 报批 and 公布 of 500 plans from 71 units: every list card pages (上一页 / 下一页 through the card
// callback, the page shown in place), every page passes card-lint and stays well inside Feishu's 30 KB and
// 200 elements (support/pages.ts), and a unit with 150 plans pages its published results.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import { manyUnits, seedPlansIn } from '../../support/bulk.ts';
import type { World } from '../../support/converse.ts';
import { cardIn, pageNumbers, printMeasured, walkPages } from '../../support/pages.ts';
import { cardText } from '../../support/transcript.ts';
import { reviewWorld } from './helpers.ts';

const DECL = 'ou_ll_decl_hrss01';
const OTHER = 'ou_ll_decl_other1';
const REVIEWER = 'ou_ll_reviewer001';
const at = (iso: string) => new Date(`${iso}+08:00`);
const OTHERS = manyUnits(70);
/** Plans that pass every rule (市内, modest): the 复审 list may batch-approve them, and no card is sent for each. */
const GREEN = { scope: '市内' as const, location: '柳州市城中区市委党校', institution: '中共柳州市委党校', headcount: 45, sessions: 1, days: 3, budget: 30000 };

let w: World;
beforeAll(async () => {
  w = await reviewWorld({
    start: at('2026-08-12T09:00:00'),
    units: [{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 900, contactName: null, contactMobile: null }, ...OTHERS],
    people: [
      { openId: DECL, name: '李明', unitCode: '101001' },
      { openId: OTHER, name: '王芳', unitCode: OTHERS[0]!.code },
      { openId: REVIEWER, name: '审核员甲', reviewer: true },
    ],
  });
  await seedPlansIn(w.stores, { unitCode: '101001', year: 2027, count: 150, status: 'FIRST_APPROVED', at: at('2026-07-20T09:00:00'), data: GREEN });
  for (const u of OTHERS) await seedPlansIn(w.stores, { unitCode: u.code, year: 2027, count: 5, status: 'FIRST_APPROVED', at: at('2026-07-21T09:00:00'), data: GREEN });
}, 120_000);
afterAll(() => printMeasured());
afterEach(() => w.lintSentCards());

/** Every plan of 2027 at `status`, as each test's starting point (through the ports; the log records a 'seed' event). */
async function allAt(status: PlanStatus) {
  for (const p of await w.stores.plans.list({ year: 2027 })) {
    if (p.status === status) continue;
    const event = { at: w.clock.now(), actor: 'cli', action: 'seed', fromStatus: p.status, toStatus: status, comment: null, changes: null, channel: 'cli' as const };
    expect(await w.stores.plans.update({ id: p.id, version: p.version, status, event }), p.number).not.toBeNull();
  }
}

/** The plan numbers a page lists (a number in a footer's example is not a listed plan). */
const numbersOn = (card: unknown) => [...new Set([...cardText(card).matchAll(/(2027-\d{3})(?=[《　]| 柳州)/g)].map((m) => m[1]!))];

// Generous: on the Prisma stores, 报批 and 公布 of 500 plans take seconds (on the in-memory twins, milliseconds).
describe('after closing: 复审, 报批 and 公布 of 500 plans from 71 units', { timeout: 120_000 }, () => {
  it('复审 pages 25 units at a time, with the batch approval on every page', async () => {
    await allAt('FIRST_APPROVED');
    const { t, card, cards } = await cardIn(w, REVIEWER, '复审');
    expect(cards).toHaveLength(1); // every plan is green: no card for each
    const pages = await walkPages(t, card, '复审', { pages: 3, total: 71 });
    for (const p of pages) expect(cardText(p)).toContain('[全部通过（500 个全部符合要求的计划）]');
    expect(cardText(pages[0])).toContain('**合计**　500 个计划');
  });

  it('报批 pages 30 plans at a time, a unit continued on the next page headed again (续)', async () => {
    await allAt('SECOND_APPROVED');
    const { t, card } = await cardIn(w, REVIEWER, '报批');
    expect(cardText(card.content)).toContain('本次报批 500 个，共 500 个计划等待市委、市政府审批');
    const pages = await walkPages(t, card, '报批', { pages: 17, total: 500 });
    expect(cardText(pages[1])).toContain('**柳州市人力资源和社会保障局**（101001）（续）');
    expect(pages.flatMap(numbersOn)).toHaveLength(500);
    for (const p of pages) expect(cardText(p)).toContain('[登记：全部审批通过]');
  });

  it('公布 sends each unit its results; the unit with 150 pages them 30 at a time', async () => {
    await allAt('APPROVED');
    const rv = w.as(REVIEWER);
    await rv.say('公布');
    expect((await rv.click('确认公布')).toast?.content).toBe('已向 71 个单位公布');
    const card = w.messenger.to(DECL).filter((m) => cardText(m.content).includes('# 2027年度培训计划审批结果')).at(-1)!;
    expect(cardText(card.content)).toContain('本单位2027年度培训计划审批通过 150 个');
    const pages = await walkPages(w.as(DECL), card, '公布（本单位结果）', { pages: 5, total: 150 });
    expect(pages.flatMap(numbersOn)).toHaveLength(150);
    // another unit pages its own results from the same card: whose list it is comes from who clicks
    const theirs = w.messenger.to(OTHER).filter((m) => cardText(m.content).includes('# 2027年度培训计划审批结果')).at(-1)!;
    expect(cardText(theirs.content)).toContain(OTHERS[0]!.name);
    expect(pageNumbers(theirs.content)).toBeNull(); // their 5 plans fit on one page
  });
});
