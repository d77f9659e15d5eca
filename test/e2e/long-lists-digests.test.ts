// The lists that are summaries plus a file or a command: an uploaded form with 150 bad rows (the card shows
// the first 20, the annotated file every problem), one with 150 good rows, and reminders for a unit with
// 150 returned plans and for reviewers with 500 plans waiting. Each card well inside Feishu's limits.
import { createStores } from '../../src/db/stores.ts';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { manyUnits, seedPlans } from '../support/bulk.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { HEADROOM, printMeasured, record, sizeOf } from '../support/pages.ts';
import { cardText, transcript } from '../support/transcript.ts';

const DECL = 'ou_ld_decl_hrss01';
const REVIEWER = 'ou_ld_reviewer001';
const at = (iso: string) => new Date(`${iso}+08:00`);

let h: Harness;
let fileSeq = 0;
beforeAll(async () => {
  h = await startHarness({ start: at('2026-08-03T10:00:00') });
  await createStores(h.db).registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 900, contactName: null, contactMobile: null }, ...manyUnits(70)]);
  await h.db.user.createMany({ data: [{ openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' }, { openId: REVIEWER, name: '审核员甲', role: 'reviewer' }] });
}, 60_000);
afterAll(async () => {
  printMeasured();
  await h.stop();
});
afterEach(() => h.lintSentCards());

const within = (card: unknown, label: string) => {
  const s = sizeOf(card);
  expect(s.bytes, `${label}: bytes`).toBeLessThanOrEqual(HEADROOM.bytes);
  expect(s.elements, `${label}: elements`).toBeLessThanOrEqual(HEADROOM.elements);
  record(label, [s]);
};

/** The template from the bot with `n` rows filled by `row(i)`, sent back as a file; the bot's answers. */
async function upload(n: number, row: (i: number) => Record<number, ExcelJS.CellValue>) {
  const before = h.stub.uploads.length;
  await transcript(h, DECL).say('模板');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(h.stub.uploads[before]!.data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('申报表')!;
  for (let i = 0; i < n; i++) for (const [col, v] of Object.entries(row(i))) ws.getCell(5 + i, Number(col)).value = v;
  const messageId = `om_ld_file_${++fileSeq}`;
  h.stub.addResource(messageId, `file_v3_ld_${fileSeq}`, Buffer.from(await wb.xlsx.writeBuffer()));
  const sent = h.stub.messagesTo(DECL).length;
  await h.say(DECL, '', { messageId, file: { fileKey: `file_v3_ld_${fileSeq}`, fileName: `申报表${fileSeq}.xlsx` } });
  await h.bot.idle();
  return h.stub.messagesTo(DECL).slice(sent);
}

// columns: 1 代码 2 名称 3 培训班名称 4 类别 5 方式 6 对象 7 人数 8 期数 9 天数 10 月份 11 地点 12 承办机构 13 经费 14 是否联合 15 联合单位 16 联系人 17 电话
const GOOD = (i: number): Record<number, ExcelJS.CellValue> => ({ 1: '101001', 3: `2027年度第${i + 1}期业务能力提升培训班`, 4: '市内', 5: '线下', 6: '业务人员', 7: 45, 8: 1, 9: 3, 10: 10, 11: '柳州市城中区', 13: 30000, 14: '否', 16: '李明', 17: '0772-2825472' });

describe('an uploaded form with 150 rows', () => {
  it('with a problem in every row: the card lists the first 20, the annotated file all of them', async () => {
    // 市外 with 80 people: a problem in every row, with the fix and the notice's words (the longest kind of line).
    const answers = await upload(150, (i) => ({ ...GOOD(i), 4: '市外', 7: 80, 10: 12, 11: '江西省井冈山市', 12: '某某培训中心' }));
    const card = answers.find((m) => m.msgType === 'interactive')!;
    const text = cardText(card.content);
    const total = Number(/有 (\d+) 处问题，没有导入/.exec(text)![1]);
    expect(total).toBeGreaterThanOrEqual(150);
    expect(text.match(/^- 第 \d+ 行/gm)).toHaveLength(20);
    expect(text).toContain(`……另有 ${total - 20} 处，见下一条消息中标注好的文件。`);
    within(card.content, 'Excel 问题清单');
    const file = answers.find((m) => m.msgType === 'file')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(h.stub.uploads.find((u) => u.fileKey === file.content.file_key)!.data as unknown as ArrayBuffer);
    const notes: string[] = [];
    wb.getWorksheet('申报表')!.eachRow((r) => r.eachCell((c) => void (c.note && notes.push(JSON.stringify(c.note)))));
    expect(notes.length).toBeGreaterThanOrEqual(150); // every row's problems are in the file, not only the 20 on the card
    expect(notes.some((n) => n.includes('每班次不超过60人'))).toBe(true);
    expect(await h.db.plan.count()).toBe(0);
  });

  it('all good: the card names the first 20 rows and imports all 150', async () => {
    const answers = await upload(150, GOOD);
    const card = answers.find((m) => m.msgType === 'interactive')!;
    const text = cardText(card.content);
    expect(text).toContain('读取 150 行，全部符合要求');
    expect(text.match(/^- 第 \d+ 行《/gm)).toHaveLength(20);
    expect(text).toContain('……另有 130 行，与您发送的文件一致。');
    within(card.content, 'Excel 检查通过');
    const r = await transcript(h, DECL).click('确认导入为草稿');
    expect(r.toast?.content).toBe('已导入 150 个计划');
    within(r.card, 'Excel 已导入');
  });
});

async function job(name: string, now: string) {
  const code = await runCli(['jobs:run', name, '--now', now], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, () => {});
  expect(code).toBe(0);
  await new Promise((r) => setTimeout(r, 250));
  await h.bot.idle();
}

describe('reminders with long lists', () => {
  it('a unit with 150 returned plans gets one card: 7 in full, the rest counted, and what to send', async () => {
    await h.db.plan.updateMany({ where: { unitCode: '101001' }, data: { status: 'RETURNED', submittedAt: at('2026-07-30T10:00:00') } });
    const before = h.stub.messagesTo(DECL).length;
    await job('reminders', '2026-08-07T09:00:00+08:00');
    const cards = h.stub.messagesTo(DECL).slice(before).filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!.content);
    expect(text.match(/\[修改\]/g)).toHaveLength(7);
    expect(text).toMatch(/……另有 143 项：2027-\d{3} 待修改；.* 等。发送「我的申报」查看全部。/);
    expect(text).toContain('发送「我的申报」可重新查看');
    within(cards[0]!.content, '修改提醒（150 个退回）');
  });

  it('reviewers at 16:00 with 500 plans submitted that day: the first 20 named, the rest counted', async () => {
    h.clock.set(at('2026-08-06T10:00:00'));
    await seedPlans(h, { unitCode: '101001', year: 2027, count: 150, status: 'SUBMITTED', at: at('2026-08-06T08:00:00') });
    for (const u of manyUnits(70)) await seedPlans(h, { unitCode: u.code, year: 2027, count: 5, status: 'SUBMITTED', at: at('2026-08-06T09:00:00') });
    await job('review-reminders', '2026-08-06T16:00:00+08:00');
    const card = h.stub.messagesTo(REVIEWER).filter((m) => m.msgType === 'interactive').at(-1)!;
    const text = cardText(card.content);
    expect(text).toContain('今天提交的 500 个计划还没有初审');
    expect(text.match(/^- 2027-\d{3} /gm)).toHaveLength(20);
    expect(text).toContain('……另有 480 个，发送「进度」查看全部待审计划');
    within(card.content, '初审提醒（500 个）');
  });
});
