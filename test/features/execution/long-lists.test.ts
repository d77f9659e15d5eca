// The execution lists with 150 approved plans in one unit and 500 in the city, three classes each, every
// class past its ⑤⑥ window, on the fast seam: 执行 and the unit's 完成情况 page by plans (a plan with 45
// classes has a page to itself), the reviewers' 完成情况 is a summary whose lists page; the Excel still holds
// everything.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manyUnits, seedPlansIn } from '../../support/bulk.ts';
import type { World } from '../../support/converse.ts';
import { cardIn, HEADROOM, pageNumbers, printMeasured, record, sizeOf, walkPages } from '../../support/pages.ts';
import { cardText } from '../../support/transcript.ts';
import { at, executionWorld, unit, valueIn } from './helpers.ts';

const DECL = 'ou_lx_decl_hrss01';
const REVIEWER = 'ou_lx_reviewer001';
const OTHERS = manyUnits(70);

let w: World;
beforeAll(async () => {
  w = await executionWorld({
    start: at('2026-12-15T10:00:00'),
    units: [unit('101001', '柳州市人力资源和社会保障局', 900), ...OTHERS],
    people: [{ openId: DECL, name: '李明', unitCode: '101001' }, { openId: REVIEWER, name: '审核员甲', reviewer: true }],
  });
  const published = at('2025-09-30T10:00:00');
  const [big] = await seedPlansIn(w.stores, { unitCode: '101001', year: 2026, count: 1, status: 'PUBLISHED', at: published, data: { sessions: 50 } });
  await seedPlansIn(w.stores, { unitCode: '101001', year: 2026, count: 149, status: 'PUBLISHED', at: published });
  for (const u of OTHERS) await seedPlansIn(w.stores, { unitCode: u.code, year: 2026, count: 5, status: 'PUBLISHED', at: published });
  const plans = await w.stores.plans.list({ year: 2026 });
  const made = at('2026-03-01T10:00:00');
  // Other units signed in their first class late: the 逾期完成 list has them all.
  const signedIn = at('2026-09-20T10:00:00');
  for (const p of plans) {
    const event = { at: made, actor: DECL, action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'card' as const };
    for (let i = 0; i < (p.id === big ? 45 : 3); i++) {
      const m = String(4 + (i % 6)).padStart(2, '0');
      const start = `2026-${m}-${String(6 + (i % 20)).padStart(2, '0')}`;
      const end = `2026-${m}-${String(8 + (i % 20)).padStart(2, '0')}`;
      const cls = (await w.stores.classes.add({ planId: p.id, seq: i + 1, start, end, source: 'live', at: made, event }))!;
      if (i === 0 && p.unitCode !== '101001') {
        await w.stores.steps.put({ classId: cls.id, step: 4, expectedVersion: null, status: 'done', data: { attended: 44 }, reportedAt: signedIn, reportedBy: DECL, at: signedIn, source: 'live', event: { ...event, planId: p.id, at: signedIn, action: 'step_report' } });
      }
    }
  }
}, 120_000);
afterAll(() => printMeasured());
afterEach(() => w.lintSentCards());


type Menu = { tag: string; options: { value: string }[]; behaviors: { value: { a: string } }[] };
/** The select menu whose callback is `a`. */
function menuOf(card: unknown, a: string): Menu {
  const elements = (card as { body: { elements: Menu[] } }).body.elements;
  return elements.find((e) => e.tag === 'select_static' && e.behaviors[0]!.value.a === a)!;
}

const numbersOn = (card: unknown) => [...new Set([...cardText(card).matchAll(/\*\*(2026-\d{3})《/g)].map((m) => m[1]!))];

describe('a unit with 150 approved plans', () => {
  it('执行 pages at most 8 plans and 40 classes; the plan with 45 classes has its own page, its menu the first 40', async () => {
    const { t, card } = await cardIn(w, DECL, '执行 2026');
    const pages = await walkPages(t, card, '执行', { pages: 20, total: 150 });
    expect(pages.flatMap(numbersOn)).toHaveLength(150);
    const first = pages[0]!;
    expect(numbersOn(first)).toEqual(['2026-001']);
    expect(cardText(first)).toContain('……另有 35 期，菜单列出前 40 期，其余各期请发送「完成情况」查看');
    expect(menuOf(first, 'class_pick').options).toHaveLength(40);
    expect(numbersOn(pages[1])).toHaveLength(8);
    expect(cardText(pages[1])).toContain('发送「执行 2026」可重新查看');
    // The menu on page 2 opens a class of page 2.
    const opened = await t.clickValue(card.messageId, { a: 'class_pick' }, { option: menuOf(pages[1], 'class_pick').options[0]!.value });
    expect(opened.toast?.content).toBe('已发送这一期的卡片');
    expect(opened.messages[0]).toContain(numbersOn(pages[1])[0]!);
  });

  it('完成情况 of the unit pages the same way, the unit\'s own budget-cut items counted', async () => {
    const { t, card } = await cardIn(w, DECL, '完成情况 2026');
    expect(cardText(card.content)).toMatch(/⑤⑥逾期未填报、拟压减下一年度培训经费的单位：\*\*.+ 等 \d+ 项/);
    const pages = await walkPages(t, card, '完成情况（本单位）', { pages: 20, total: 150 });
    expect(pages.flatMap(numbersOn)).toHaveLength(150);
  });
});

describe('the reviewers\' 完成情况 of 71 units', () => {
  it('is a summary with the first 5 of each list; each list pages 20 units at a time and goes back to the summary', async () => {
    const before = w.messenger.to(REVIEWER).length;
    const { t, card } = await cardIn(w, REVIEWER, '完成情况 2026');
    const summary = cardText(card.content);
    expect(sizeOf(card.content).bytes).toBeLessThanOrEqual(HEADROOM.bytes);
    expect(sizeOf(card.content).elements).toBeLessThanOrEqual(HEADROOM.elements);
    record('完成情况（审核人员汇总）', [sizeOf(card.content)]);
    expect(summary).toContain('**有缺项的单位（71 个）**');
    expect(summary).toContain('……另有 66 个，点「压减经费名单」查看全部');
    expect(summary).toContain('[压减经费名单（71）]');
    expect(summary).toContain('[逾期完成（70）]');
    for (const [label, list, pages, total] of [['有缺项的单位', 'completion_gaps', 4, 71], ['压减经费名单', 'completion_budget', 4, 71], ['逾期完成', 'completion_late', 4, 70]] as const) {
      const first = await t.clickValue(card.messageId, valueIn(card.content, 'page', { list }));
      expect(pageNumbers(first.card)).toEqual({ page: 1, pages, total });
      await walkPages(t, { messageId: card.messageId, content: first.card }, `完成情况（${label}）`, { pages, total });
      const back = await t.clickValue(card.messageId, valueIn(first.card, 'page', { list: 'completion' }));
      expect(cardText(back.card)).toEqual(summary);
    }
    // The Excel came with the card, with every unit in the budget-cut list.
    const file = w.messenger.to(REVIEWER).slice(before).find((m) => m.msgType === 'file')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.data!) as unknown as ArrayBuffer);
    const budget = wb.worksheets.find((w) => /压减/.test(w.name))!;
    const codes = budget.getSheetValues().filter(Array.isArray).map((r) => String((r as unknown[])[1])).filter((v) => /^\d{6}$/.test(v));
    expect(codes).toHaveLength(71);
  });

  it('a declarant cannot page the reviewers\' lists', async () => {
    const card = w.messenger.to(REVIEWER).filter((m) => cardText(m.content).includes('# 2026年度单位计划完成情况')).at(-1)!;
    const r = await w.as(DECL).clickValue(card.messageId, valueIn(card.content, 'page', { list: 'completion_budget' }));
    expect(r.toast).toEqual({ type: 'error', content: '只有市工作领导小组办公室的审核人员可以操作' });
    expect(r.card).toBeUndefined();
  });
});
