// template and export from the command line: the same files as in chat, written where the admin says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { createStores } from '../../src/db/stores.ts';
import { createDraft } from '../../src/model/plans.ts';
import { tempDb } from '../support/temp-db.ts';

const AT = new Date('2026-08-03T10:00:00+08:00');
let db: Awaited<ReturnType<typeof tempDb>>;
let dir: string;

beforeAll(async () => {
  db = await tempDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-cli-excel-'));
  const stores = createStores(db.db);
  await stores.registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
  for (const title of ['2027年度社保经办业务培训班', '2027年度就业服务能力培训班']) {
    await createDraft(stores, { year: 2027, unitCode: '101001', data: { budgetCode: '101001', title, scope: '市内', headcount: 45, sessions: 1 }, actor: 'cli', channel: 'cli', now: AT });
  }
});
afterAll(async () => {
  await db.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { DATABASE_URL: db.url, LOG_LEVEL: 'silent' }, (l) => lines.push(l), AT);
  return { code, out: lines.join('\n') };
}

describe('excel commands', () => {
  it('export plans writes the summary of the statuses asked for, and names a status it does not know', async () => {
    const out = path.join(dir, 'export.xlsx');
    expect(await cli('export', 'plans', out, '--year', '2027', '--status', 'SUBMITTED,DRAFT')).toEqual({ code: 0, out: `已导出2027年度 2 个计划：${out}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(String(wb.getWorksheet('报批汇总')!.getCell('A1').value)).toBe('柳州市机关事业单位2027年度培训计划汇总表');
    expect((await cli('export', 'plans', out, '--status', 'LOST')).out).toContain('不认识的状态：LOST');
  });

  it('template writes the form pre-filled for a competent unit', async () => {
    const out = path.join(dir, 'template.xlsx');
    expect(await cli('template', out, '--unit', '101001')).toEqual({ code: 0, out: `已生成2027年度申报表模板：${out}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('申报表')!.getCell('B5').value).toBe('柳州市人力资源和社会保障局');
  });
});
