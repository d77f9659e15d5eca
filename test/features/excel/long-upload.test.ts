// An uploaded form with 150 rows: with a problem in every row the card shows the first 20 and the annotated
// file every problem; all good, the card names the first 20 and 确认导入 imports all 150. Each card well
// inside Feishu's limits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../../support/converse.ts';
import { HEADROOM, printMeasured, record, sizeOf } from '../../support/pages.ts';
import { cardText } from '../../support/transcript.ts';
import { DECLARING, filled, HRSS, load, type Row, type Talk } from './sheets.ts';

const DECL = 'ou_ld_decl_hrss01';

let w: World;
let t: Talk;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await w.stores.registry.saveUnits([{ ...HRSS, staffCount: 900 }]);
  await w.stores.roster.bind(DECL, '101001', '李明');
  t = w.as(DECL);
});
afterAll(() => printMeasured());
afterEach(() => w.lintSentCards());

const within = (card: unknown, label: string) => {
  const s = sizeOf(card);
  expect(s.bytes, `${label}: bytes`).toBeLessThanOrEqual(HEADROOM.bytes);
  expect(s.elements, `${label}: elements`).toBeLessThanOrEqual(HEADROOM.elements);
  record(label, [s]);
};

let fileSeq = 0;
/** The template from the bot with `n` rows filled by `row(i)`, sent back as a file; what the bot sent. */
async function upload(n: number, row: (i: number) => Row) {
  const data = await filled(t, Array.from({ length: n }, (_, i) => row(i)));
  const before = w.messenger.to(DECL).length;
  await t.send(`申报表${++fileSeq}.xlsx`, data);
  return w.messenger.to(DECL).slice(before);
}

// columns: 1 代码 2 名称 3 培训班名称 4 类别 5 方式 6 对象 7 人数 8 期数 9 天数 10 月份 11 地点 12 承办机构 13 经费 14 是否联合 15 联合单位 16 联系人 17 电话
const GOOD = (i: number): Row => ({ 1: '101001', 3: `2027年度第${i + 1}期业务能力提升培训班`, 4: '市内', 5: '线下', 6: '业务人员', 7: 45, 8: 1, 9: 3, 10: 10, 11: '柳州市城中区', 13: 30000, 14: '否', 16: '李明', 17: '0772-2825472' });

describe('an uploaded form with 150 rows', () => {
  it('with a problem in every row: the card lists the first 20, the annotated file all of them', async () => {
    // 市外 with 80 people: a problem in every row, with the fix and the notice's words (the longest kind of line).
    const sent = await upload(150, (i) => ({ ...GOOD(i), 4: '市外', 7: 80, 10: 12, 11: '江西省井冈山市', 12: '某某培训中心' }));
    const card = sent.find((m) => m.msgType === 'interactive')!;
    const text = cardText(card.content);
    const total = Number(/有 (\d+) 处问题，没有导入/.exec(text)![1]);
    expect(total).toBeGreaterThanOrEqual(150);
    expect(text.match(/^- 第 \d+ 行/gm)).toHaveLength(20);
    expect(text).toContain(`……另有 ${total - 20} 处，见下一条消息中标注好的文件。`);
    within(card.content, 'Excel 问题清单');
    const file = sent.find((m) => m.msgType === 'file')!;
    const notes: string[] = [];
    (await load(file.data!)).getWorksheet('申报表')!.eachRow((r) => r.eachCell((c) => void (c.note && notes.push(JSON.stringify(c.note)))));
    expect(notes.length).toBeGreaterThanOrEqual(150); // every row's problems are in the file, not only the 20 on the card
    expect(notes.some((n) => n.includes('每班次不超过60人'))).toBe(true);
    expect(await w.stores.plans.list({})).toHaveLength(0);
  });

  it('all good: the card names the first 20 rows and imports all 150', async () => {
    const sent = await upload(150, GOOD);
    const card = sent.find((m) => m.msgType === 'interactive')!;
    const text = cardText(card.content);
    expect(text).toContain('读取 150 行，全部符合要求');
    expect(text.match(/^- 第 \d+ 行《/gm)).toHaveLength(20);
    expect(text).toContain('……另有 130 行，与您发送的文件一致。');
    within(card.content, 'Excel 检查通过');
    const r = await t.click('确认导入为草稿');
    expect(r.toast?.content).toBe('已导入 150 个计划');
    within(r.card, 'Excel 已导入');
    expect(await w.stores.plans.list({ unitCode: '101001', statuses: ['DRAFT'] })).toHaveLength(150);
  });
});
