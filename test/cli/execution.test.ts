// 补录 and the completion report from the command line: the wrappers around the use cases that
// test/features/execution runs in-process (arguments, files read and written, exit codes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { createStores } from '../../src/db/stores.ts';
import { tempDb } from '../support/temp-db.ts';

const AT = new Date('2026-11-27T10:00:00+08:00');
let db: Awaited<ReturnType<typeof tempDb>>;
let dir: string;

beforeAll(async () => {
  db = await tempDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-cli-execution-'));
  await createStores(db.db).registry.saveUnits([{ code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 120, contactName: null, contactMobile: null }]);
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

describe('execution commands', () => {
  it('history:template writes the sheet; history:import checks a filled one, imports it once, and names a file it cannot find', async () => {
    const template = path.join(dir, 't.xlsx');
    expect(await cli('history:template', template)).toEqual({ code: 0, out: `已生成补录表：${template}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.getWorksheet('执行数据补录')!;
    const row = { 1: 2024, 3: '102001', 5: '2024年度预算管理培训班', 6: '市内', 7: '线下', 11: 1 } as Record<number, ExcelJS.CellValue>;
    const r = ws.actualRowCount + 1;
    for (const [col, v] of Object.entries(row)) ws.getCell(r, Number(col)).value = v;
    const filled = path.join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);

    const dry = await cli('history:import', filled, '--dry-run');
    expect(dry).toEqual({ code: 0, out: '检查通过：1 行，1 个计划，0 期。\n试运行：没有导入任何内容。' });
    expect((await cli('history:import', filled)).out).toContain('计划：新建 1 个（补录的往年计划），匹配已有 0 个');
    expect((await cli('history:import', filled)).out).toContain('计划：新建 0 个（补录的往年计划），匹配已有 1 个');
    expect(await cli('history:import', path.join(dir, 'missing.xlsx'))).toEqual({ code: 1, out: `错误：找不到文件「${path.join(dir, 'missing.xlsx')}」` });
  });

  it('export completion writes the year\'s report and says what it holds', async () => {
    const out = path.join(dir, 'c.xlsx');
    expect(await cli('export', 'completion', out, '--year', '2024')).toEqual({ code: 0, out: `已导出2024年度单位计划完成情况：1 个单位、1 个计划；压减经费名单 0 个单位：${out}` });
    expect(fs.statSync(out).size).toBeGreaterThan(0);
  });
});
