// Loading the reference data through the admin CLI, from real .xlsx and .csv files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAt } from '../support/cli.ts';
import { gbkBytes } from '../support/gbk.ts';
import { startFeishuStub, type FeishuStub } from '../support/feishu-stub.ts';

let dir: string;
let stub: FeishuStub;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-ref-'));
  stub = await startFeishuStub();
  stub.addUser('ou_hrss_contact01', '李明', '13800138000');
  stub.addUser('ou_center_contact', '王芳', '13800138001');
  env = {
    DATABASE_URL: `file:${path.join(dir, 'ref.db')}`,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    FEISHU_APP_ID: stub.appId,
    FEISHU_APP_SECRET: stub.appSecret,
    FEISHU_BASE_URL: stub.url,
  };
});
afterAll(async () => {
  await stub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const { cli, withDb } = cliAt(() => env, new Date('2026-08-01T10:00:00+08:00'));

/** A registry as the finance bureau might send it: a merged title row, headers with odd spacing. */
async function registryXlsx(file: string, rows: (string | number | ExcelJS.CellValue)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位名册');
  ws.addRow(['2027年度预算单位名册（柳州市财政局）']);
  ws.mergeCells('A1:F1');
  ws.addRow([]);
  ws.addRow([' 预算单位代码', '单位 名称', '上级预算单位代码', '在编人数（人）'.replace('（人）', ''), '联系人', '联系电话 ']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

describe('units:import', () => {
  it('imports a registry, resolves contacts by mobile and links competent units\' contacts', async () => {
    const file = path.join(dir, 'units.xlsx');
    await registryXlsx(file, [
      [101001, '柳州市人力资源和社会保障局', '', { formula: '100+50', result: 150 }, '李明', 13800138000],
      ['101002', { richText: [{ text: '柳州市就业' }, { text: '服务中心' }] }, '101001', '３０', '王芳', '138 0013 8001'],
      [],
      ['102001', '柳州市财政局', '', 90, '张伟', '13900000000'],
    ]);
    const r = await cli('units:import', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('表头在第 3 行，3 行数据');
    expect(r.out).toContain('已导入 3 个单位');
    expect(r.out).toContain('在飞书中找到 2 人，其中 1 人已关联为本单位申报人');
    expect(r.out).toContain('102001 柳州市财政局 张伟 13900000000');
    const { units, users } = await withDb(async (db) => ({ units: await db.unit.findMany({ orderBy: { code: 'asc' } }), users: await db.user.findMany() }));
    expect(units.map((u) => [u.code, u.name, u.parentCode, u.staffCount, u.contactOpenId])).toEqual([
      ['101001', '柳州市人力资源和社会保障局', null, 150, 'ou_hrss_contact01'],
      ['101002', '柳州市就业服务中心', '101001', 30, 'ou_center_contact'],
      ['102001', '柳州市财政局', null, 90, null],
    ]);
    // the second-tier unit's contact is known (for reminders) but is not a declarant: the competent unit declares
    expect(users.map((u) => [u.openId, u.role, u.unitCode])).toEqual([['ou_hrss_contact01', 'declarant', '101001']]);
  });

  it('stores nothing when a row is wrong, and names every problem by row and column', async () => {
    const file = path.join(dir, 'bad-units.xlsx');
    await registryXlsx(file, [
      ['103001', '柳州市教育局', '', 200, '赵敏', '13700000000'],
      ['103002', '', '103001', -1, '钱进', '1370000'],
      ['103001', '柳州市教育局重复', '', 10, '', ''],
    ]);
    const r = await cli('units:import', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('有 4 处问题，没有导入任何内容');
    expect(r.out).toContain('第 5 行「单位名称」：单位名称为空');
    expect(r.out).toContain('第 5 行「在编人数」');
    expect(r.out).toContain('第 5 行「联系电话」');
    expect(r.out).toContain('第 6 行「预算单位代码」：代码 103001 与第 4 行重复');
    expect(await withDb((db) => db.unit.count({ where: { code: { startsWith: '103' } } }))).toBe(0);
  });

  it('reads a CSV saved by Chinese Excel (GBK) the same way', async () => {
    const csv = '预算单位代码,单位名称,上级预算单位代码,在编人数,联系人,联系电话\r\n104001,柳州市卫生健康委员会,,300,孙丽,13600000000\r\n';
    const gbk = gbkBytes(csv);
    const file = path.join(dir, 'units.csv');
    fs.writeFileSync(file, gbk);
    const r = await cli('units:import', file);
    expect(r.code).toBe(0);
    expect(await withDb((db) => db.unit.findUnique({ where: { code: '104001' } }))).toMatchObject({ name: '柳州市卫生健康委员会', staffCount: 300 });
  });

  it.each([
    ['units.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), '旧版 Excel（.xls）'],
    ['units.et', Buffer.from('x'), 'WPS 表格（.et）'],
    ['units.docx', Buffer.from('x'), 'Word 文档'],
    ['broken.xlsx', Buffer.from('this is not a zip'), '已损坏'],
    ['locked.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), '设置了打开密码'],
    ['empty.csv', Buffer.alloc(0), '文件是空的'],
    ['noheader.csv', Buffer.from('a,b,c\n1,2,3\n'), '没有找到表头'],
    ['missing.csv', Buffer.from('预算单位代码,单位名称\n101001,某局\n'), '缺少必需的列：「上级预算单位代码」、「在编人数」'],
  ])('refuses %s with what to do', async (name, data, message) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    const r = await cli('units:import', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(message);
  });
});

describe('bases:import, calendar:import, campaign:set', () => {
  it('imports the training-base list with aliases', async () => {
    const file = path.join(dir, 'bases.csv');
    fs.writeFileSync(file, '基地名称,所在城市,别名\n中共柳州市委党校（柳州市行政学院）,柳州,柳州市委党校\n中国井冈山干部学院,井冈山,井冈山干部学院、井冈山学院\n');
    expect(await cli('bases:import', file)).toMatchObject({ code: 0, out: expect.stringContaining('已导入 2 个培训基地') });
    expect((await cli('bases:list')).out).toContain('中国井冈山干部学院（井冈山） 别名：井冈山干部学院、井冈山学院');
  });

  it('imports a year\'s holiday schedule in the shared data format and uses it', async () => {
    const file = path.join(dir, 'holidays-2027.csv');
    fs.writeFileSync(file, 'date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-04,holiday,国庆节\n2027-09-26,workday,国庆节\n');
    expect((await cli('calendar:show', '2027')).out).toContain('没有数据');
    expect(await cli('calendar:import', file)).toMatchObject({ code: 0, out: expect.stringContaining('放假 2 天，调休上班 1 天') });
    // Single days replace those days only: the year itself still has no schedule.
    expect((await cli('calendar:show', '2027')).out).toMatch(/没有数据[\s\S]*管理员逐日设定的 3 天：2027-09-26上班、2027-10-01放假、2027-10-04放假/);
    const shared = path.resolve(import.meta.dirname, '../../../shared/data/holidays-2026.csv');
    if (fs.existsSync(shared)) expect((await cli('calendar:import', shared)).code).toBe(0);
  });

  it('rejects a calendar row with a bad date or kind, naming the row', async () => {
    const file = path.join(dir, 'bad-cal.csv');
    fs.writeFileSync(file, '日期,类型,名称\n2027-02-30,放假,春节\n2027-02-01,请假,春节\n');
    const r = await cli('calendar:import', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('第 2 行「日期」');
    expect(r.out).toContain('第 3 行「类型」');
  });

  it('sets and shows a campaign\'s dates', async () => {
    const r = await cli('campaign:set', '2027', '--declare-by', '2026年8月7日', '--revise-by', '2026-08-12');
    expect(r.code).toBe(0);
    expect(r.out).toContain('申报截止：2026年8月7日 23:59');
    expect(r.out).toContain('修改截止：2026年8月12日 23:59');
    expect((await cli('campaign:show', '2027')).out).toContain('当前阶段：申报中');
    expect(await cli('campaign:set', '2027', '--revise-by', '2026-08-01')).toMatchObject({ code: 1, out: expect.stringContaining('修改截止日期不能早于申报截止日期') });
    expect(await cli('campaign:set', '1999')).toMatchObject({ code: 1, out: expect.stringContaining('不能早于 2020') });
  });
});
