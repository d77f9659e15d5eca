// 补录 since 2020 on the fast seam (the admin's import, a unit's pre-filled sheet and upload, a statement for a
// plan not run), the completion report on a small fixture (card, Excel, export), and the 补录 reminders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import type { World } from '../../support/converse.ts';
import { messageText } from '../../support/transcript.ts';
import { alertsJob, at, BASES, DECL, EDU, executionWorld, exportCompletion, filesTo, FIN, historyImport, historyTemplate, PEOPLE, PLAN, publishedPlan, REV_A, stepCount, textsTo, UNITS } from './helpers.ts';

let w: World;
const approvedPlan = (unitCode: string, year: number, data: Partial<PlanDraft> = {}): Promise<PlanRecord> => publishedPlan(w, unitCode, year, { ...PLAN, ...data });

beforeAll(async () => {
  w = await executionWorld({ start: at('2026-09-14T10:00:00'), units: UNITS, people: PEOPLE, bases: BASES });
});
afterEach(() => w.lintSentCards());

describe('补录 since 2020', () => {
  const ROW = {
    1: 2023, 3: '102001', 5: '2023年度财政业务培训班', 6: '市内', 7: '线下', 9: '柳州市城中区', 10: 45, 11: 2, 12: 50000,
    14: '2023-05-10', 15: '2023-05-12', 16: '2023-04-20', 17: '2023-04-25', 18: 50, 19: 45, 20: 44, 21: '王芳（市委党校）', 22: '政策解读；实操', 23: 18, 24: 24000,
  } as Record<number, ExcelJS.CellValue>;

  async function sheet(rows: Record<number, ExcelJS.CellValue>[], template?: Buffer): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    if (template) await wb.xlsx.load(template as unknown as ArrayBuffer);
    else await wb.xlsx.load((await historyTemplate(w)).data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('执行数据补录')!;
    let r = ws.actualRowCount + 1;
    for (const values of rows) {
      for (const [col, v] of Object.entries(values)) ws.getCell(r, Number(col)).value = v;
      r++;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('history:import names every bad row by its row number and header, imports nothing, then imports a fixed file once', async () => {
    w.clock.set(at('2026-11-27T10:00:00')); // as the admin command ran
    const good = [ROW, { ...ROW, 14: '2023-09-04', 15: '2023-09-06', 16: '2023-08-20', 17: '2023-08-22' }, { 1: 2024, 3: '102001', 5: '2024年度预算管理培训班', 6: '市内', 7: '线下', 11: 1 }];
    const badRows = [
      { ...ROW, 1: 2019, 5: '2019年度往年培训班' },
      { ...ROW, 5: '日期错的班', 14: '2023-06-10', 15: '2023-06-01' },
      { ...ROW, 5: '人数错的班', 18: 30, 19: 35 },
      { ...ROW, 3: '999999', 5: '单位错的班' },
    ];
    const bad = await historyImport(w, await sheet([...good, ...badRows]), 'bad.xlsx');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('有 4 处问题，没有导入任何内容');
    expect(bad.out).toContain('第 7 行「年度」：年度应在 2020–2026 之间');
    expect(bad.out).toContain('第 8 行「结班日期」：结班日期不能早于开班日期');
    expect(bad.out).toContain('第 9 行「③审核通过人数」：审核通过人数（35）多于报名人数（30）。建议：请核对报名人数和审核通过人数。依据：');
    expect(bad.out).toContain('第 10 行「预算单位代码」：单位名册中没有预算单位代码「999999」');
    expect(await w.stores.plans.list({ year: 2023 })).toHaveLength(0);

    const goodFile = await sheet(good);
    expect((await historyImport(w, goodFile, 'good.xlsx', true)).out).toContain('试运行：没有导入任何内容');
    const ok = await historyImport(w, goodFile, 'good.xlsx');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('计划：新建 2 个（补录的往年计划），匹配已有 0 个');
    expect(ok.out).toContain('期次：新登记 2 期，已有 0 期');
    expect(ok.out).toContain('环节：补录 12 项');
    const twice = await historyImport(w, goodFile, 'good.xlsx');
    expect(twice.out).toContain('计划：新建 0 个（补录的往年计划），匹配已有 2 个');
    expect(twice.out).toContain('环节：补录 0 项，已有记录保持不变 12 项');
  });

  it('a unit sees what is missing, gets its pre-filled sheet, uploads the rest, and sends a statement for a plan not run', async () => {
    w.clock.set(at('2026-11-27T10:00:00'));
    const t = w.as(FIN);
    const status = await t.say('补录');
    expect(status[0]).toContain('未开展且未上传情况说明');
    const template = filesTo(w, FIN).at(-1)!;
    expect(template.fileName).toBe('2020年以来培训执行数据补录表（柳州市财政局）.xlsx');
    const pre = new ExcelJS.Workbook();
    await pre.xlsx.load(template.data as unknown as ArrayBuffer);
    expect(pre.getWorksheet('执行数据补录')!.actualRowCount).toBe(3 + 3); // title, note, header + 3 rows on record

    const upload = await sheet([{ 1: 2025, 3: '102001', 5: '2025年度政府采购培训班', 6: '市内', 7: '线上', 11: 1, 14: '2025-06-09', 15: '2025-06-10', 16: '2025-05-20', 17: '2025-05-22', 18: 120, 19: 118, 20: 115 }], template.data);
    await w.as(FIN).send('补录表.xlsx', upload);
    const check = t.all().at(-1)!;
    expect(check).toContain('「补录表.xlsx」检查通过');
    expect(check).toContain('3 个计划、3 期、16 项环节数据');
    const done = await t.click('确认导入');
    expect(done.cardText).toContain('环节：补录 4 项，已有记录保持不变 12 项');
    const steps = await stepCount(w);
    await t.click('确认导入'); // a second click imports nothing more
    expect(await stepCount(w)).toBe(steps);

    const after = await t.say('补录');
    expect(after[0]).toContain('第1期⑤⑥');

    const plan2024 = (await w.stores.plans.list({ year: 2024, unitCode: '102001' }))[0]!;
    const asked = await t.say(`上传情况说明 ${plan2024.number}`);
    expect(asked[0]).toContain('请把盖章的情况说明（PDF、Word 或拍照）直接发给我');
    await w.as(FIN).send('', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image');
    expect(textsTo(w, FIN).at(-1)).toContain(`已收到「${plan2024.number} 情况说明 图片1.jpg」，作为计划 ${plan2024.number}《2024年度预算管理培训班》的情况说明保存`);
    const final = await t.say('补录');
    expect(final[0]).not.toContain('未开展且未上传情况说明');
  });

  it('a 补录 upload with a row of another unit is refused by row and header', async () => {
    await w.as(FIN).send('补录2.xlsx', await sheet([{ ...ROW, 3: '101002', 5: '别人的班' }]));
    const msgs = w.as(FIN).all();
    expect(msgs.at(-2)).toContain('第 4 行「预算单位代码」：「柳州市就业服务中心」不是本单位或本单位的二层单位');
    expect(filesTo(w, FIN).at(-1)!.fileName).toBe('补录2（问题标注）.xlsx');
  });
});

describe('the completion report', () => {
  beforeAll(async () => {
    const ex = w.stores;
    const ev = { at: at('2022-02-01T10:00:00'), actor: 'cli', action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'cli' as const };
    const done = async (classId: number, planId: number, steps: number[], when: (n: number) => string) => {
      for (const n of steps) await ex.steps.put({ classId, step: n as 1, expectedVersion: null, status: 'done', data: { amount: 1000 }, reportedBy: 'ou_x', reportedAt: at(when(n)), at: at(when(n)), source: 'chat', event: { ...ev, planId, action: 'step_report' } });
    };
    // 商务局: one class, all six steps on time.
    const a = await approvedPlan('105001', 2022, { title: '2022年度商务培训班', sessions: 1, scope: '市内', institution: null });
    const a1 = (await ex.classes.add({ planId: a.id, seq: 1, start: '2022-03-07', end: '2022-03-09', source: 'chat', at: ev.at, event: ev }))!.id;
    await done(a1, a.id, [1, 2, 3], () => '2022-02-20T10:00:00');
    await done(a1, a.id, [4, 5, 6], () => '2022-03-10T10:00:00');
    // 教育局: two classes, ⑤⑥ never reported for the first, ⑥ reported late for the second; and a plan not run, with a statement.
    const b = await approvedPlan('103001', 2022, { title: '2022年度校长培训班', sessions: 2, scope: '市内', institution: null });
    const b1 = (await ex.classes.add({ planId: b.id, seq: 1, start: '2022-04-11', end: '2022-04-13', source: 'chat', at: ev.at, event: ev }))!.id;
    await done(b1, b.id, [1, 2, 3], () => '2022-03-25T10:00:00');
    await done(b1, b.id, [4], () => '2022-04-14T10:00:00');
    const b2 = (await ex.classes.add({ planId: b.id, seq: 2, start: '2022-09-05', end: '2022-09-07', source: 'chat', at: ev.at, event: ev }))!.id;
    await done(b2, b.id, [1, 2, 3], () => '2022-08-20T10:00:00');
    await done(b2, b.id, [4, 5, 6], (n) => (n === 6 ? '2022-10-20T10:00:00' : '2022-09-08T10:00:00'));
    const c = await approvedPlan('103001', 2022, { title: '2022年度未开展的班', sessions: 1, scope: '市内', institution: null });
    await ex.attachments.add({ planId: c.id, classId: null, kind: 'statement', fileName: '情况说明.pdf', data: Buffer.from('%PDF 说明'), by: EDU, at: ev.at, event: { ...ev, action: 'statement' } });
  });

  it('counts a small fixture right and names the unit for the budget reduction, on the card and in Excel', async () => {
    w.clock.set(at('2026-11-27T10:00:00'));
    const rv = w.as(REV_A);
    const [card] = await rv.say('完成情况 2022');
    expect(card).toContain('2022年度：2 个单位、3 个计划、批准 4 期；已登记 3 期，六个环节全部完成 2 期；已上传情况说明 1 个');
    expect(card).toContain('**有缺项的单位（1 个）**');
    expect(card).toContain('- 柳州市教育局：1 个计划有缺项，已完成 1/2 期');
    // Only ⑤⑥ still missing is the budget cut [二(一)5]; ⑥ done late is its own list, for the reviewers.
    expect(card).toContain('**⑤⑥逾期未填报、拟压减下一年度培训经费的单位（1 个单位）**');
    expect(card).toContain('依据通知二(一)5：“在培训结束后五个工作日内，各主管单位必须登录系统完成教培管理、结算金额等信息录入。未完成项目信息的单位，将调减该单位下一年度培训预算。”');
    expect(card).toMatch(/柳州市教育局<\/font>：2022-\d{3} 第1期 ⑤教培管理逾期未填报（应于 4月20日 前）；2022-\d{3} 第1期 ⑥结算金额逾期未填报（应于 4月20日 前）\n/);
    expect(card).toContain('**逾期完成的环节（1 个单位，供审核人员研判，不列入压减名单）**');
    expect(card).toContain('依据通知一、二(一)4-5 的期限');
    expect(card).toMatch(/柳州市教育局<\/font>：2022-\d{3} 第2期 ⑥结算金额逾期完成（应于 9月15日 前，2022年10月20日 填报）/);
    expect(card).not.toMatch(/柳州市商务局<\/font>/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filesTo(w, REV_A).at(-1)!.data as unknown as ArrayBuffer);
    const values = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(4).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values('单位汇总')).toEqual([
      ['103001', '柳州市教育局', 2, 3, 2, 1, 1, 1, 0, '是', 1, '有缺项'],
      ['105001', '柳州市商务局', 1, 1, 1, 1, 0, 0, 0, '', 0, '已完成'],
    ]);
    expect(values('压减经费名单').map((r) => [r[1], r[2]])).toEqual([['柳州市教育局', expect.stringMatching(/^2022-\d{3} 第1期 ⑤教培管理逾期未填报（应于 4月20日 前）；2022-\d{3} 第1期 ⑥结算金额逾期未填报（应于 4月20日 前）$/)]]);
    expect(values('逾期完成').map((r) => [r[1], r[2]])).toEqual([['柳州市教育局', expect.stringMatching(/第2期 ⑥结算金额逾期完成（应于 9月15日 前，2022年10月20日 填报）$/)]]);
    // Each list's sheet says the rule it follows under its title.
    expect(String(wb.getWorksheet('压减经费名单')!.getCell('A2').value)).toContain('依据通知二(一)5');
    expect(String(wb.getWorksheet('逾期完成')!.getCell('A1').value)).toContain('逾期完成的环节（供审核人员研判，不列入压减名单）');
    expect(values('完成情况').map((r) => [r[1], r[6], r[14]])).toEqual([
      ['柳州市教育局', '第1期', '有缺项'],
      ['柳州市教育局', '第2期', '有缺项'],
      ['柳州市教育局', '', '未开展（已上传情况说明）'],
      ['柳州市商务局', '第1期', '已完成'],
    ]);

    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cmp-'));
    expect(await exportCompletion(w, 2022, path.join(d, 'c.xlsx'))).toContain('2 个单位、3 个计划；压减经费名单 1 个单位');

    const [own] = await w.as(EDU).say('完成情况 2022');
    expect(own).toContain('# 2022年度计划完成情况 · 柳州市教育局');
    expect(own).toContain('⑤⑥逾期');
    expect(own).toContain('📎 已上传情况说明');
    expect(own).not.toContain('商务局');
  });
});

describe('补录 reminders before Dec 31', () => {
  it('reach the units whose plans since 2020 are incomplete, 30 days before, with what is missing', async () => {
    const out = await alertsJob(w, '2026-12-01T09:00:00');
    const edu = w.messenger.to(EDU).filter((m) => m.msgType === 'interactive').map(messageText).at(-1)!;
    expect(edu).toContain('# 执行数据补录提醒');
    expect(edu).toContain('**柳州市教育局**：2020年以来的培训项目还有 1 个执行数据不全，请于 **2026年12月31日 23:59**（还有 30 天）前补录');
    expect(edu).toMatch(/2022-\d{3}《2022年度校长培训班》第1期⑤⑥/);
    expect(edu).toContain('[获取补录模板]');
    const fin = w.messenger.to(FIN).filter((m) => m.msgType === 'interactive').map(messageText).at(-1)!;
    expect(fin).toMatch(/2025-\d{3}《2025年度政府采购培训班》第1期⑤⑥/);
    // Units with nothing missing hear nothing.
    expect(out).not.toContain(DECL);
  });
});
