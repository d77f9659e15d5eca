// Declaring by spreadsheet, end to end: the template from the bot, filled by a test with exceljs, sent back
// through the real webhook (the Feishu stand-in serves the file), checked, imported; bad files; exports.
import { createStores } from '../../src/db/stores.ts';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { messageText, transcript } from '../support/transcript.ts';

const DECL = 'ou_xl_decl_00001';
const REVIEWER = 'ou_xl_reviewer01';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
let h: Harness;
let fileSeq = 0;

beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  await createStores(h.db).registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 30, contactName: null, contactMobile: null },
  ]);
  await createStores(h.db).bases.save([{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }], false);
  await h.db.user.createMany({ data: [{ openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' }, { openId: REVIEWER, name: '审核员', role: 'reviewer' }] });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

/** Sends a file to the bot as Feishu would: a file message whose resource the stand-in serves. */
async function sendFile(fileName: string, data: Buffer) {
  const messageId = `om_file_${++fileSeq}`;
  const fileKey = `file_v3_${fileSeq}`;
  h.stub.addResource(messageId, fileKey, data);
  const before = h.stub.messagesTo(DECL).length;
  const res = await h.say(DECL, '', { messageId, file: { fileKey, fileName } });
  expect(res.status).toBe(200);
  await h.bot.idle();
  return h.stub.messagesTo(DECL).slice(before);
}

async function templateWorkbook(): Promise<ExcelJS.Workbook> {
  const before = h.stub.uploads.length;
  await transcript(h, DECL).say('模板');
  const upload = h.stub.uploads[before]!;
  expect(upload.fileName).toBe('2027年度培训计划申报表（柳州市人力资源和社会保障局）.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
  return wb;
}

const ROW = (title: string, over: Record<number, ExcelJS.CellValue> = {}) => {
  // columns: 1 代码 2 名称 3 培训班名称 4 类别 5 方式 6 对象 7 人数 8 期数 9 天数 10 月份 11 地点 12 承办机构 13 经费 14 是否联合 15 联合单位 16 联系人 17 电话 18 备注 19 情况说明
  const base: Record<number, ExcelJS.CellValue> = { 3: title, 4: '市内', 5: '线下', 6: '业务人员', 7: 45, 8: 1, 9: 3, 10: 10, 11: '柳州市城中区', 13: 30000, 14: '否', 16: '李明', 17: '0772-2825472' };
  return { ...base, ...over };
};

async function filled(rows: Record<number, ExcelJS.CellValue>[]): Promise<Buffer> {
  const wb = await templateWorkbook();
  const ws = wb.getWorksheet('申报表')!;
  rows.forEach((r, i) => {
    for (const [col, v] of Object.entries(r)) ws.getCell(5 + i, Number(col)).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the template', () => {
  it('has the year, the form headers, the unit pre-filled, dropdowns, an example row, a frozen header and the rules sheet', async () => {
    const wb = await templateWorkbook();
    const ws = wb.getWorksheet('申报表')!;
    expect(ws.getCell('A1').value).toBe('柳州市机关事业单位2027年度培训计划申报表');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['*预算单位代码', '单位名称', '*培训班名称', '*培训类别', '*每期人数', '是否联合办班', '情况说明']));
    expect(ws.getCell('A5').value).toBe('101001');
    expect(ws.getCell('B5').value).toBe('柳州市人力资源和社会保障局');
    expect(String(ws.getCell('C4').value)).toContain('【示例】');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(dv).find((v) => v.type === 'list' && v.formulae[0] === '"市内,市外"')).toBeDefined();
    const rules = wb.getWorksheet('填报说明与规则')!;
    const text = rules.getSheetValues().flat().join(' ');
    expect(text).toContain('市外培训项目每班次不超过60人');
    expect(text).toContain('中国井冈山干部学院');
  });
});

describe('declaring by upload', () => {
  it('round trip: template → filled → uploaded → checked → imported as drafts in one go', async () => {
    const data = await filled([ROW('2027年度社保经办业务培训班'), ROW('2027年度就业服务能力培训班', { 1: '101002', 2: '柳州市就业服务中心', 10: '9月' })]);
    const answers = await sendFile('申报表.xlsx', data);
    const card = messageText(answers.at(-1)!);
    expect(card).toContain('「申报表.xlsx」检查通过');
    expect(card).toContain('读取 2 行，全部符合要求');
    expect(card).toContain('第 5 行《2027年度社保经办业务培训班》');
    const r = await transcript(h, DECL).click('确认导入为草稿');
    expect(r.toast).toMatchObject({ type: 'success', content: '已导入 2 个计划' });
    const plans = await h.db.plan.findMany({ where: { createdBy: DECL, status: 'DRAFT' } });
    expect(plans.map((p) => JSON.parse(p.data).title).sort()).toEqual(['2027年度就业服务能力培训班', '2027年度社保经办业务培训班']);
    const events = await h.db.planEvent.findMany({ where: { planId: { in: plans.map((p) => p.id) } } });
    expect(events.every((e) => e.channel === 'excel')).toBe(true);
    // a second click does nothing more (the same click answers the same)
    const again = await transcript(h, DECL).click('确认导入为草稿');
    expect(again.toast?.content).toBe('已导入 2 个计划');
    expect(await h.db.plan.count({ where: { createdBy: DECL } })).toBe(2);
    // the same content uploaded again is recognised
    const dup = await sendFile('申报表（再次）.xlsx', data);
    expect(messageText(dup.at(-1)!)).toMatch(/这个文件的内容已于 2026年8月3日 \d\d:\d\d 导入过（计划编号 2027-\d{3}、2027-\d{3}），没有重复导入/);
  });

  it('one hard error in row 7 stores nothing, names row 7, and sends the file back annotated', async () => {
    const before = await h.db.plan.count();
    const data = await filled([ROW('2027年度第一个培训班'), ROW('2027年度第二个培训班'), ROW('2027年度第三个培训班', { 4: '市外', 7: 70, 11: '江西井冈山', 12: '中国井冈山干部学院', 10: 9 })]);
    const answers = await sendFile('有错.xlsx', data);
    const card = messageText(answers.find((m) => m.msgType === 'interactive')!);
    expect(card).toContain('有 1 处问题，没有导入');
    expect(card).toContain('读取 3 行，其中 2 行无误、1 行有问题');
    expect(card).toContain('第 7 行「每期人数」：市外培训每期 70 人，超过 60 人。建议：可分两期各 35 人，或把人数减到 60 人以内。依据：市外培训项目每班次不超过60人〔二(二)二〕');
    expect(await h.db.plan.count()).toBe(before);
    const annotated = h.stub.uploads.at(-1)!;
    expect(annotated.fileName).toBe('有错（问题标注）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.data as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('申报表')!.getCell('G7');
    expect(JSON.stringify(cell.note)).toContain('超过 60 人。建议：可分两期各 35 人，或把人数减到 60 人以内。依据：市外培训项目每班次不超过60人〔二(二)二〕');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });

  it('venues are read as places: the problem list gives each verdict with its fix and the notice, on the card and in the file', async () => {
    const data = await filled([
      ROW('2027年度在南宁举办的培训班', { 11: '南宁市青秀区柳州大厦' }),
      ROW('2027年度地点不明的培训班', { 11: '市委党校' }),
      ROW('2027年度网上培训班', { 5: '线上', 11: null }), // online: no venue needed
      ROW('2027年度鹿寨培训班', { 11: '鹿寨县党校' }),
    ]);
    const answers = await sendFile('地点.xlsx', data);
    const card = messageText(answers.find((m) => m.msgType === 'interactive')!);
    expect(card).toContain('有 2 处问题，没有导入');
    expect(card).toContain(
      '第 5 行「培训地点」：培训地点「南宁市青秀区柳州大厦」在南宁市，不在柳州市行政区域内。建议：市内培训须在柳州市行政区域内举办；在柳州以外举办的，请把培训类别改为「市外」。依据：市内培训项目须在本市行政区域内举办〔二(二)四〕',
    );
    expect(card).toContain('第 6 行「培训地点」：培训地点「市委党校」没有写明在柳州市哪个区县，无法确认在本市行政区域内。建议：请在地点前写明区县，例如「柳州市城中区……」');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(h.stub.uploads.at(-1)!.data as unknown as ArrayBuffer);
    const note = JSON.stringify(wb.getWorksheet('申报表')!.getCell('K5').note);
    expect(note).toContain('请把培训类别改为「市外」');
    expect(note).toContain('依据：市内培训项目须在本市行政区域内举办〔二(二)四〕');
  });

  it('between campaigns, an upload is told the year is not open yet and stores nothing', async () => {
    const data = await filled([ROW('2028年度提前上传的培训班')]);
    h.clock.set(new Date('2026-12-01T10:00:00+08:00'));
    const before = await h.db.plan.count();
    const answers = await sendFile('提前.xlsx', data);
    expect(messageText(answers.at(-1)!)).toContain('2028年度培训计划申报尚未开放，开始和截止日期以当年的申报通知为准');
    expect(await h.db.plan.count()).toBe(before);
    h.clock.set(DECLARING);
  });

  it('a soft finding needs the 情况说明 column; with it the file passes', async () => {
    const soft = ROW('2027年度赴井冈山学习培训班', { 4: '市外', 7: 40, 10: 5, 11: '江西井冈山', 12: '中国井冈山干部学院' });
    const without = await sendFile('软性.xlsx', await filled([soft]));
    expect(messageText(without.find((m) => m.msgType === 'interactive')!)).toContain(
      '第 5 行「情况说明」：市外培训安排在 5 月，5-6 月和 11-12 月原则上不安排外出项目：这是原则性要求，须在「情况说明」列写明理由。建议：可改在 4 月；确需此时外出的，请填写情况说明。依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕',
    );
    const withIt = await sendFile('软性2.xlsx', await filled([{ ...soft, 19: '配合全国会议安排，只能5月外出学习' }]));
    expect(messageText(withIt.at(-1)!)).toContain('全部符合要求（其中 1 行附情况说明）');
    const r = await transcript(h, DECL).click(/^确认导入并提交/);
    expect(r.toast?.content).toBe('已导入 1 个计划');
    const plan = await h.db.plan.findFirst({ where: { createdBy: DECL, status: 'SUBMITTED' } });
    expect(JSON.parse(plan!.data).justification).toBe('配合全国会议安排，只能5月外出学习');
    await h.bot.idle();
    expect(transcript(h, REVIEWER).all().at(-1)).toContain(`# 待初审 · ${plan!.number}`);
  });

  it.each([
    ['旧表.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '旧版 Excel（.xls）'],
    ['表格.et', Buffer.from('et'), 'WPS 表格（.et）'],
    ['表格.csv', Buffer.from('预算单位代码,单位名称\n'), 'CSV 文件'],
    ['说明.docx', Buffer.from('PK'), 'Word 文档'],
    ['坏的.xlsx', Buffer.from('not a zip at all'), '已损坏'],
    // An encrypted workbook is an OLE file whose directory names its EncryptedPackage stream.
    ['加密.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('EncryptedPackage\0', 'utf16le')]), '设置了打开密码'],
    ['改名的旧表.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook\0', 'utf16le')]), '旧版 Excel（.xls）'],
  ])('refuses %s and says what to do', async (name, data, message) => {
    const before = await h.db.plan.count();
    const answers = await sendFile(name, data);
    expect(answers.map(messageText).join('\n')).toContain(message);
    expect(await h.db.plan.count()).toBe(before);
  });

  it('refuses an empty sheet, missing columns, too many rows, and a file over 5 MB', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    expect((await sendFile('空.xlsx', Buffer.from(await empty.xlsx.writeBuffer()))).map(messageText).join()).toContain('表格是空的');

    const missing = new ExcelJS.Workbook();
    missing.addWorksheet('Sheet1').addRows([['预算单位代码', '培训班名称'], ['101001', '某培训班']]);
    expect((await sendFile('缺列.xlsx', Buffer.from(await missing.xlsx.writeBuffer()))).map(messageText).join()).toContain('缺少必需的列：「培训类别」');

    const big = await templateWorkbook();
    const ws = big.getWorksheet('申报表')!;
    for (let r = 5; r < 5 + 2001; r++) ws.getRow(r).values = ['101001', '', `第${r}个培训班的名称`, '市内', '线下', '人员', 40, 1, 1, 10, '柳州市', '', 1000];
    expect((await sendFile('太多.xlsx', Buffer.from(await big.xlsx.writeBuffer()))).map(messageText).join()).toContain('超过 2000 行上限');

    const huge = Buffer.concat([Buffer.from('PK'), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    expect((await sendFile('巨大.xlsx', huge)).map(messageText).join()).toContain('超过 5 MB 上限');
  });
});

describe('exports', () => {
  it('the summary groups classes by competent unit with subtotals and totals, and never runs a typed formula', async () => {
    const out = path.join(h.dir, 'export.xlsx');
    // a title someone typed as a formula
    const p = await h.db.plan.findFirst({ where: { status: 'SUBMITTED' } });
    await h.db.plan.update({ where: { id: p!.id }, data: { data: JSON.stringify({ ...JSON.parse(p!.data), title: '=HYPERLINK("http://evil","点我")' }) } });
    const lines: string[] = [];
    expect(await runCli(['export', 'plans', out, '--year', '2027', '--status', 'SUBMITTED,DRAFT'], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => lines.push(l))).toBe(0);
    expect(lines.join()).toMatch(/已导出2027年度 \d+ 个计划/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('报批汇总')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const flat = rows.map((r) => r.filter((x) => x !== undefined && x !== null).join('|'));
    expect(flat[0]).toContain('2027年度培训计划汇总表');
    expect(flat.some((r) => r.startsWith('柳州市人力资源和社会保障局 小计|'))).toBe(true);
    expect(flat.at(-1)).toMatch(/^合计\|\d+ 个计划\|/);
    let formulaCell: ExcelJS.Cell | undefined;
    ws.eachRow((row) => row.eachCell((cell) => {
      if (String(cell.value).startsWith('=HYPERLINK')) formulaCell = cell;
    }));
    expect(formulaCell!.type).toBe(ExcelJS.ValueType.String);
    expect(formulaCell!.numFmt).toBe('@');
    expect(fs.existsSync(out)).toBe(true);

    // 处理记录: every change and decision of every exported plan, for audits
    const rec = wb.getWorksheet('处理记录')!;
    const recRows = (rec.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1).map((x) => (x === undefined || x === null ? '' : String(x))));
    expect(recRows[0]).toEqual(['计划编号', '时间', '操作人', '操作', '项目', '原值', '新值', '意见', '渠道']);
    const exported = await h.db.plan.findMany({ where: { year: 2027, status: { in: ['SUBMITTED', 'DRAFT'] } }, select: { number: true } });
    expect(new Set(recRows.slice(1).map((r) => r[0]))).toEqual(new Set(exported.map((x) => x.number)));
    expect(recRows.slice(1).every((r) => /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/.test(r[1]!))).toBe(true);
    const submittedRow = recRows.find((r) => r[0] === p!.number && r[3] === '提交');
    expect(submittedRow).toMatchObject({ 5: '草稿', 6: '已提交，待初审' });
    // how the plan began: each value it was created or filled with
    expect(recRows.filter((r) => r[0] === p!.number && /^(创建草稿|填写)$/.test(r[3]!) && r[4] === '培训班名称')).toHaveLength(1);
  });

  it('a reviewer gets it as a file with 导出', async () => {
    const before = h.stub.uploads.length;
    expect((await transcript(h, REVIEWER).say('导出')).join('\n')).toMatch(/已发送2027年度汇总表（\d+ 个计划）/);
    expect(h.stub.uploads[before]!.fileName).toBe('2027年度培训计划汇总表.xlsx');
    expect(h.stub.messagesTo(REVIEWER).some((m) => m.msgType === 'file')).toBe(true);
  });
});
