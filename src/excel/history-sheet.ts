// The 补录 sheet [seed 一]: one row per class since 2020 with its six steps. The same column definitions write
// the template (pre-filled with what the unit already has on record) and read an upload.
import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';
import type { HistoryKey } from '../domain/execution-history.ts';
import { HISTORY_COLUMNS } from './history-columns.ts';

export { HISTORY_COLUMNS, HISTORY_SPECS, historyHeaderOf, type HistoryColumn } from './history-columns.ts';

const HEADER_ROW = 3;

export async function buildHistoryTemplate(p: { unitName?: string | undefined; rows: Partial<Record<HistoryKey, string | number>>[]; fromYear: number }): Promise<Buffer> {
  const wb = new (await excelJs()).Workbook();
  wb.creator = '培训计划申报助手';
  const ws = wb.addWorksheet('执行数据补录', { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }] });
  ws.columns = HISTORY_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = HISTORY_COLUMNS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `${p.fromYear}年以来培训项目执行数据补录表${p.unitName ? `（${p.unitName}）` : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value =
    '填表说明：一行一期培训；已在系统中的计划和期次已预填，只需补齐空白的环节；同一计划的多期各占一行；审批通过但未开展的计划不填日期，并在飞书中把盖章的情况说明发给“培训计划申报助手”。填好后把本文件直接发给助手。';
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'middle' };
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF666666' } };
  ws.getRow(2).height = 32;
  const header = ws.getRow(HEADER_ROW);
  HISTORY_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = `${c.required ? '*' : ''}${c.header}`;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: i >= 15 ? 'FFFFF2CC' : 'FFDDEBF7' } };
  });
  header.height = 32;
  p.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    HISTORY_COLUMNS.forEach((c, j) => {
      const v = r[c.key];
      if (v !== undefined && v !== '') row.getCell(j + 1).value = v;
    });
  });
  const lastRow = HEADER_ROW + p.rows.length + 300;
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  HISTORY_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1).letter;
    const range = `${col}${HEADER_ROW + 1}:${col}${lastRow}`;
    const common = { allowBlank: true, showInputMessage: !!c.hint, promptTitle: c.header, prompt: c.hint, showErrorMessage: true, errorTitle: c.header };
    if (c.list) validations.add(range, { ...common, type: 'list', formulae: [`"${c.list.join(',')}"`], error: `请从下拉中选择：${c.list.join('、')}` });
    if (c.key === 'budgetCode' || c.key === 'number' || c.date) ws.getColumn(i + 1).numFmt = '@';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
