// Declaring by upload, on the fast seam: the template from the bot, filled with exceljs, sent back in the
// 1:1 chat, checked row by row with the chat's parsers and rules, imported all or nothing; bad files.
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, reviewer } from '../../support/fixtures.ts';
import { DECLARING, filled, HRSS, JOBS_CENTRE, load, noteOf, ROW, templateWorkbook, type Talk } from './sheets.ts';

const DECL = 'ou_xl_decl_00001';
const REVIEWER = 'ou_xl_reviewer01';

let w: World;
let t: Talk;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, { units: [HRSS, JOBS_CENTRE], bases: [{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }], people: [declarant(DECL, '101001', '李明'), reviewer(REVIEWER, '审核员')] });
  t = w.as(DECL);
});
afterEach(() => w.lintSentCards());

const planCount = async () => (await w.stores.plans.list({})).length;
const ofDecl = async (status: 'DRAFT' | 'SUBMITTED') => (await w.stores.plans.list({ statuses: [status] })).filter((p) => p.createdBy === DECL);

describe('declaring by upload', () => {
  it('round trip: template → filled → uploaded → checked → imported as drafts in one go', async () => {
    const data = await filled(t, [ROW('2027年度社保经办业务培训班'), ROW('2027年度就业服务能力培训班', { 1: '101002', 2: '柳州市就业服务中心', 10: '9月' })]);
    const answers = await t.send('申报表.xlsx', data);
    const card = answers.at(-1)!;
    expect(card).toContain('「申报表.xlsx」检查通过');
    expect(card).toContain('读取 2 行，全部符合要求');
    expect(card).toContain('第 5 行《2027年度社保经办业务培训班》');
    const r = await t.click('确认导入为草稿');
    expect(r.toast).toMatchObject({ type: 'success', content: '已导入 2 个计划' });
    expect(r.cardText).toContain('# 已导入 2 个草稿');
    const plans = await ofDecl('DRAFT');
    expect(plans.map((p) => p.data.title).sort()).toEqual(['2027年度就业服务能力培训班', '2027年度社保经办业务培训班']);
    const events = (await Promise.all(plans.map((p) => w.stores.plans.events(p.id)))).flat();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.channel === 'excel')).toBe(true);
    // a second click imports nothing more (a re-delivered click is answered from the dedupe record: e2e)
    const again = await t.click('确认导入为草稿');
    expect(again.toast).toEqual({ type: 'info', content: `已导入：${plans.map((p) => p.number).sort().join('、')}` });
    expect((await w.stores.plans.list({})).filter((p) => p.createdBy === DECL)).toHaveLength(2);
    // the same content uploaded again is recognised
    const dup = await t.send('申报表（再次）.xlsx', data);
    expect(dup.at(-1)).toMatch(/这个文件的内容已于 2026年8月3日 \d\d:\d\d 导入过（计划编号 2027-\d{3}、2027-\d{3}），没有重复导入/);
  });

  it('one hard error in row 7 stores nothing, names row 7, and sends the file back annotated', async () => {
    const before = await planCount();
    const data = await filled(t, [ROW('2027年度第一个培训班'), ROW('2027年度第二个培训班'), ROW('2027年度第三个培训班', { 4: '市外', 7: 70, 11: '江西井冈山', 12: '中国井冈山干部学院', 10: 9 })]);
    const answers = await t.send('有错.xlsx', data);
    const card = answers.find((m) => m.startsWith('# '))!;
    expect(card).toContain('有 1 处问题，没有导入');
    expect(card).toContain('读取 3 行，其中 2 行无误、1 行有问题');
    expect(card).toContain('第 7 行「每期人数」：市外培训每期 70 人，超过 60 人。建议：可分两期各 35 人，或把人数减到 60 人以内。依据：市外培训项目每班次不超过60人〔二(二)二〕');
    expect(await planCount()).toBe(before);
    const annotated = t.files().at(-1)!;
    expect(annotated.fileName).toBe('有错（问题标注）.xlsx');
    const cell = (await load(annotated.data!)).getWorksheet('申报表')!.getCell('G7');
    expect(JSON.stringify(cell.note)).toContain('超过 60 人。建议：可分两期各 35 人，或把人数减到 60 人以内。依据：市外培训项目每班次不超过60人〔二(二)二〕');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });

  it('venues are read as places: the problem list gives each verdict with its fix and the notice, on the card and in the file', async () => {
    const data = await filled(t, [
      ROW('2027年度在南宁举办的培训班', { 11: '南宁市青秀区柳州大厦' }),
      ROW('2027年度地点不明的培训班', { 11: '市委党校' }),
      ROW('2027年度网上培训班', { 5: '线上', 11: null }), // online: no venue needed
      ROW('2027年度鹿寨培训班', { 11: '鹿寨县党校' }),
    ]);
    const answers = await t.send('地点.xlsx', data);
    const card = answers.find((m) => m.startsWith('# '))!;
    expect(card).toContain('有 2 处问题，没有导入');
    expect(card).toContain(
      '第 5 行「培训地点」：培训地点「南宁市青秀区柳州大厦」在南宁市，不在柳州市行政区域内。建议：市内培训须在柳州市行政区域内举办；在柳州以外举办的，请把培训类别改为「市外」。依据：市内培训项目须在本市行政区域内举办〔二(二)四〕',
    );
    expect(card).toContain('第 6 行「培训地点」：培训地点「市委党校」没有写明在柳州市哪个区县，无法确认在本市行政区域内。建议：请在地点前写明区县，例如「柳州市城中区……」');
    const note = await noteOf(t, 'K5');
    expect(note).toContain('请把培训类别改为「市外」');
    expect(note).toContain('依据：市内培训项目须在本市行政区域内举办〔二(二)四〕');
  });

  it('between campaigns, an upload is told the year is not open yet and stores nothing', async () => {
    const data = await filled(t, [ROW('2028年度提前上传的培训班')]);
    w.clock.set(new Date('2026-12-01T10:00:00+08:00'));
    try {
      const before = await planCount();
      const answers = await t.send('提前.xlsx', data);
      expect(answers.at(-1)).toContain('2028年度培训计划申报尚未开放，开始和截止日期以当年的申报通知为准');
      expect(await planCount()).toBe(before);
    } finally {
      w.clock.set(DECLARING);
    }
  });

  it('a soft finding needs the 情况说明 column; with it the file passes', async () => {
    const soft = ROW('2027年度赴井冈山学习培训班', { 4: '市外', 7: 40, 10: 5, 11: '江西井冈山', 12: '中国井冈山干部学院' });
    const without = await t.send('软性.xlsx', await filled(t, [soft]));
    expect(without.find((m) => m.startsWith('# '))).toContain(
      '第 5 行「情况说明」：市外培训安排在 5 月，5-6 月和 11-12 月原则上不安排外出项目：这是原则性要求，须在「情况说明」列写明理由。建议：可改在 4 月；确需此时外出的，请填写情况说明。依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕',
    );
    const withIt = await t.send('软性2.xlsx', await filled(t, [{ ...soft, 19: '配合全国会议安排，只能5月外出学习' }]));
    expect(withIt.at(-1)).toContain('全部符合要求（其中 1 行附情况说明）');
    const r = await t.click(/^确认导入并提交/);
    expect(r.toast?.content).toBe('已导入 1 个计划');
    expect(r.cardText).toContain('市工作领导小组办公室将在当天完成初审，结果会通知您。');
    const [plan] = await ofDecl('SUBMITTED');
    expect(plan!.data.justification).toBe('配合全国会议安排，只能5月外出学习');
    // reaches the reviewers through the hub
    expect(w.as(REVIEWER).all().at(-1)).toContain(`# 待初审 · ${plan!.number}`);
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
    const before = await planCount();
    const answers = await t.send(name, data);
    expect(answers.join('\n')).toContain(message);
    expect(answers.join('\n')).toContain('需要模板请发送「模板」');
    expect(await planCount()).toBe(before);
  });

  it('a file that is no table at all is asked about: a package attachment or a statement', async () => {
    const answers = await t.send('说明.docx', Buffer.from('PK'));
    expect(answers.join('\n')).toContain('如果这是培训包的附件：请先发送「执行」');
    expect((await t.send('表格.et', Buffer.from('et'))).join('\n')).not.toContain('培训包的附件');
  });

  it('refuses an empty sheet, missing columns, too many rows, and a file over 5 MB', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    expect((await t.send('空.xlsx', Buffer.from(await empty.xlsx.writeBuffer()))).join()).toContain('表格是空的');

    const missing = new ExcelJS.Workbook();
    missing.addWorksheet('Sheet1').addRows([['预算单位代码', '培训班名称'], ['101001', '某培训班']]);
    expect((await t.send('缺列.xlsx', Buffer.from(await missing.xlsx.writeBuffer()))).join()).toContain('缺少必需的列：「培训类别」');

    const big = await templateWorkbook(t);
    const ws = big.getWorksheet('申报表')!;
    for (let r = 5; r < 5 + 2001; r++) ws.getRow(r).values = ['101001', '', `第${r}个培训班的名称`, '市内', '线下', '人员', 40, 1, 1, 10, '柳州市', '', 1000];
    expect((await t.send('太多.xlsx', Buffer.from(await big.xlsx.writeBuffer()))).join()).toContain('超过 2000 行上限');

    const huge = Buffer.concat([Buffer.from('PK'), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    expect((await t.send('巨大.xlsx', huge)).join()).toContain('「巨大.xlsx」超过 5 MB 上限，没有导入。请删除多余的工作表、图片和空行后再发送。');
  });

  it('the template sent back with only the example row and the unit is not imported', async () => {
    const data = await filled(t, []);
    expect(await t.send('空模板.xlsx', data)).toEqual(['没有导入「空模板.xlsx」：表头下面没有数据行。 需要模板请发送「模板」。']);
  });
});
