// The streaming reader gives the texts exceljs's full load gave (the reader it replaces, kept here as the
// reference), for every kind of cell people send; and it refuses, with what to do, each thing beyond a limit.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS, type UploadLimits } from '../../src/excel/limits.ts';
import { readXlsxGrid, type Grid } from '../../src/excel/xlsx-grid.ts';
import { filledTemplate, hugeString, plainRows, plainRowsXml, VALID_CLASS, withBordersDownTo, xlsxPackage, zipBomb } from '../support/hostile-files.ts';

/** The reader before: exceljs load, first visible sheet with rows, every cell through the old cellText. */
async function exceljsRows(data: Buffer): Promise<{ sheetName: string; rows: { row: number; cells: string[] }[] }> {
  const text = (value: ExcelJS.CellValue): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e9) / 1e9);
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}-${String(value.getUTCDate()).padStart(2, '0')}`;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return text((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text;
    return '';
  };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.actualRowCount > 0) ?? wb.worksheets[0]!;
  const rows: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = text(cell.value).replace(/\s+$/u, '').replace(/^\s+/u, '');
    });
    if (cells.some((c) => c)) rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { sheetName: ws.name, rows };
}

const dense = (g: Grid | { error: string }) => {
  if ('error' in g) throw new Error(g.error);
  const width = Math.max(0, ...g.rows.map((r) => r.cells.length));
  return { sheetName: g.sheetName, rows: g.rows.map((r) => ({ row: r.row, cells: Array.from({ length: Math.min(width, r.cells.length) }, (_v, i) => r.cells[i] ?? '') })) };
};
const trimRight = (x: { sheetName: string; rows: { row: number; cells: string[] }[] }) => ({
  ...x,
  rows: x.rows.map((r) => {
    const cells = [...r.cells];
    while (cells.length && cells.at(-1) === '') cells.pop();
    return { row: r.row, cells };
  }),
});

async function same(wb: ExcelJS.Workbook) {
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  const mine = trimRight(dense(await readXlsxGrid(data)));
  expect(mine).toEqual(trimRight(await exceljsRows(data)));
  return mine;
}

describe('the streaming reader reads what exceljs read', () => {
  it('text, numbers, float noise, dates, booleans, rich text, hyperlinks, errors, formulas and their results, spaces', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报表');
    ws.addRow(['  培训班名称 ', 45, 0.1 + 0.2, new Date(Date.UTC(2026, 7, 3)), true, false]);
    ws.addRow([{ richText: [{ text: '2027年度', font: { bold: true } }, { text: '社保培训班' }] }, { text: '链接', hyperlink: 'http://example.com' }, { error: '#N/A' } as ExcelJS.CellErrorValue]);
    ws.addRow([{ formula: 'A1&"x"', result: '培训班名称x' }, { formula: '1+1', result: 2 }, { formula: 'TODAY()', result: new Date(Date.UTC(2027, 0, 15)) }, { formula: 'B1*2' }]);
    ws.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow(['　全角空格　', 1e21, -3.5, '', null, '0772-2825472']);
    ws.getRow(6).values = ['after a gap'];
    const rows = (await same(wb)).rows;
    expect(rows[0]!.cells.slice(0, 6)).toEqual(['培训班名称', '45', '0.3', '2026-08-03', '是', '否']);
    expect(rows.at(-1)).toEqual({ row: 6, cells: ['after a gap'] });
  });

  it('merged cells repeat their master (the template\'s title), hidden sheets are skipped, empty sheets passed over', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['秘密']);
    wb.addWorksheet('空白').getCell('C3').border = { top: { style: 'thin' } };
    const ws = wb.addWorksheet('申报表');
    ws.mergeCells('A1:D1');
    ws.getCell('A1').value = '标题';
    ws.addRow([]);
    ws.getRow(3).values = ['单位', '名称'];
    ws.getRow(4).values = ['101001', '甲'];
    ws.getRow(5).values = [null, '乙'];
    ws.mergeCells('A4:A5');
    const mine = await same(wb);
    expect(mine.sheetName).toBe('申报表');
    expect(mine.rows.map((r) => r.cells.join('|'))).toEqual(['标题|标题|标题|标题', '单位|名称', '101001|甲', '101001|乙']);
  });

  it('the template the bot sends, filled in', async () => {
    const data = await filledTemplate([VALID_CLASS, { ...VALID_CLASS, 3: '第二个班', 10: '9月', 13: 12345.67 }]);
    expect(trimRight(dense(await readXlsxGrid(data)))).toEqual(trimRight(await exceljsRows(data)));
  });

  it('inline strings, shared strings written by other tools (phonetic runs, _x000D_), formula strings, date styles', async () => {
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sheet = (extra: string) => `<worksheet xmlns="${MAIN}"><sheetData><row r="2"><c r="B2" t="inlineStr"><is><r><t>行</t></r><r><t xml:space="preserve"> 内 </t></r></is></c><c r="C2" t="s"><v>0</v></c><c r="D2" s="1"><v>46237</v></c><c r="E2" s="2"><v>46237.75</v></c><c r="F2" t="str"><f>X</f><v>公式</v></c><c r="G2" t="e"><v>#DIV/0!</v></c>${extra}</row></sheetData></worksheet>`;
    const pack = (extra: string) =>
      xlsxPackage({ sheets: [{ name: 'S', xml: () => [sheet(extra)] }], sharedStrings: `<sst xmlns="${MAIN}"><si><t>共享_x000D_</t><rPh><t>ひらがな</t></rPh></si></sst>` });
    const data = await pack('');
    expect(dense(await readXlsxGrid(data)).rows).toEqual([{ row: 2, cells: ['', '行 内', '共享', '2026-08-03', '2026-08-03', '公式'] }]);
    expect(trimRight(dense(await readXlsxGrid(data)))).toEqual(trimRight(await exceljsRows(data)));
    // 31 is zh-CN's built-in yyyy"年"m"月"d"日": a date (exceljs read it as the serial number 46237).
    expect(dense(await readXlsxGrid(await pack('<c r="H2" s="3"><v>46237</v></c>'))).rows[0]!.cells[7]).toBe('2026-08-03');
  });

  it('dates in a workbook using the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('S').addRow([new Date(Date.UTC(2026, 7, 3)), 12]);
    expect((await same(wb)).rows[0]!.cells).toEqual(['2026-08-03', '12']);
  });
});

describe('limits, each with what to do', () => {
  let bordered: Buffer;
  beforeAll(async () => {
    bordered = await withBordersDownTo(await filledTemplate([VALID_CLASS]), 60_000);
  });

  it('the honest template with borders to row 60,000 is read as its one class (the empty rows are not kept)', async () => {
    const g = await readXlsxGrid(bordered);
    if ('error' in g) throw new Error(g.error);
    expect(g.rows.filter((r) => r.row >= 5 && r.cells[2])).toEqual([expect.objectContaining({ row: 5 })]);
    expect(g.rows.at(-1)!.row).toBeLessThan(40);
    expect(g.stats.cells).toBeGreaterThan(60_000 * 19 - 1000);
  });

  it('a zip bomb is refused before inflating; one whose directory lies is stopped by the byte counter', async () => {
    expect(await readXlsxGrid(await zipBomb())).toEqual({ error: expect.stringMatching(/^文件解压后是压缩时的 \d+ 倍，不像正常的表格.*请只保留填写的行，另存为新文件后再发送。$/) });
    expect(await readXlsxGrid(await zipBomb({ lie: true }))).toEqual({ error: expect.stringContaining('文件已损坏') });
  });

  it('a 300 MB string is refused by its declared size; declared small, it is stopped at the cell limit', async () => {
    expect(await readXlsxGrid(await hugeString({ mb: 120 }))).toEqual({ error: '表格解压后超过 100 MB，可能含有大量空白格式。请只保留填写的行，另存为新文件后再发送。' });
    expect(await readXlsxGrid(await hugeString({ mb: 120, lie: true }))).toEqual({ error: expect.stringContaining('超过 32767 个字符（Excel 单元格的上限）') });
  });

  it('rows past the kept ones are counted, not kept; cells and text have a ceiling', async () => {
    const small = (over: Partial<UploadLimits>): UploadLimits => ({ ...UPLOAD_LIMITS, ...over });
    const g = await readXlsxGrid(await plainRows(300), small({ keptRows: 100 }));
    if ('error' in g) throw new Error(g.error);
    expect([g.rows.length, g.moreRows]).toEqual([100, 202]);
    expect(await readXlsxGrid(await plainRows(300), small({ cells: 2000 }))).toEqual({ error: '表格中的单元格超过 0.2 万个（多为空白格式），无法读取。请只保留填写的行，另存为新文件后再发送。' });
    expect(await readXlsxGrid(await plainRows(300), small({ textChars: 5000 }))).toEqual({ error: expect.stringContaining('表格中的文字超过 0.5 万字') });
    const many = await xlsxPackage({ sheets: [{ name: 'S', xml: plainRowsXml(2) }], sharedStrings: `<sst>${'<si><t>x</t></si>'.repeat(50)}</sst>` });
    expect(await readXlsxGrid(many, small({ sharedStrings: 10 }))).toEqual({ error: expect.stringContaining('表格中的文字超过') });
  });
});
