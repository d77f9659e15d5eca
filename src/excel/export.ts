// The declaration summary for municipal approval: one row per class, grouped by competent unit with
// subtotals of classes, people and budget, and a totals row. Text that could be read as a formula
// (= + - @ at the start) is written as text in a text-formatted cell, so the file can never run it.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';
import type { ExportRecordRow, ExportRow } from '../ports/sheets.ts';

const COLUMNS: { key: keyof ExportRow | 'people'; header: string; width: number }[] = [
  { key: 'number', header: '计划编号', width: 11 },
  { key: 'budgetCode', header: '预算单位代码', width: 13 },
  { key: 'className', header: '单位名称', width: 26 },
  { key: 'title', header: '培训班名称', width: 34 },
  { key: 'scope', header: '培训类别', width: 9 },
  { key: 'mode', header: '培训方式', width: 12 },
  { key: 'audience', header: '培训对象', width: 20 },
  { key: 'headcount', header: '每期人数', width: 9 },
  { key: 'sessions', header: '期数', width: 6 },
  { key: 'people', header: '人次', width: 8 },
  { key: 'days', header: '每期天数', width: 9 },
  { key: 'month', header: '计划月份', width: 9 },
  { key: 'location', header: '培训地点', width: 22 },
  { key: 'institution', header: '承办机构', width: 24 },
  { key: 'budget', header: '经费预算（元）', width: 14 },
  { key: 'jointUnits', header: '联合办班单位', width: 18 },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactPhone', header: '联系电话', width: 15 },
  { key: 'status', header: '状态', width: 14 },
  { key: 'justification', header: '情况说明', width: 30 },
];

const RISKY = /^[=+\-@\t\r]/;

/** A cell value that can never be a formula. */
function put(cell: ExcelJS.Cell, value: string | number) {
  if (typeof value === 'number') {
    cell.value = value;
    return;
  }
  cell.value = value;
  if (RISKY.test(value)) cell.numFmt = '@';
}

const RECORD_COLUMNS: { key: keyof ExportRecordRow; header: string; width: number }[] = [
  { key: 'number', header: '计划编号', width: 11 },
  { key: 'at', header: '时间', width: 20 },
  { key: 'actor', header: '操作人', width: 12 },
  { key: 'action', header: '操作', width: 14 },
  { key: 'field', header: '项目', width: 22 },
  { key: 'from', header: '原值', width: 26 },
  { key: 'to', header: '新值', width: 26 },
  { key: 'comment', header: '意见', width: 30 },
  { key: 'channel', header: '渠道', width: 9 },
];

/** The column headers in bold on the light-blue fill, committed. */
function headerRow(row: ExcelJS.Row, columns: readonly { header: string }[]) {
  columns.forEach((c, i) => {
    row.getCell(i + 1).value = c.header;
    row.getCell(i + 1).font = { bold: true };
    row.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  row.commit();
}

/** 处理记录: every change of a field (old → new) and every decision of every plan exported, oldest first per plan. */
function writeRecords(wb: ExcelJS.stream.xlsx.WorkbookWriter, records: readonly ExportRecordRow[]) {
  const ws = wb.addWorksheet('处理记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = RECORD_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  headerRow(ws.getRow(1), RECORD_COLUMNS);
  records.forEach((r, n) => {
    const row = ws.getRow(n + 2);
    RECORD_COLUMNS.forEach((c, i) => put(row.getCell(i + 1), r[c.key]));
    row.commit();
  });
  ws.commit();
}

/**
 * Written with exceljs' streaming writer: rows are committed as they go, so ten thousand plans take a few
 * megabytes, not hundreds.
 */
export async function exportPlans(title: string, plans: readonly ExportRow[], records?: readonly ExportRecordRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new (await excelJs()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '培训计划申报助手';
  const ws = wb.addWorksheet('报批汇总', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  titleRow.commit();
  headerRow(ws.getRow(2), COLUMNS);
  let next = 3;
  const groups = new Map<string, ExportRow[]>();
  for (const p of plans) groups.set(p.unitCode, [...(groups.get(p.unitCode) ?? []), p]);
  const sum = (list: readonly ExportRow[]) => ({
    classes: list.reduce((s, p) => s + p.sessions, 0),
    people: list.reduce((s, p) => s + p.headcount * p.sessions, 0),
    budget: Math.round(list.reduce((s, p) => s + p.budget, 0) * 100) / 100,
  });
  const subtotal = (label: string, list: readonly ExportRow[], fill: string) => {
    const t = sum(list);
    const row = ws.getRow(next++);
    put(row.getCell(3), label);
    put(row.getCell(4), `${list.length} 个计划`);
    row.getCell(9).value = t.classes;
    row.getCell(10).value = t.people;
    row.getCell(15).value = t.budget;
    row.getCell(15).numFmt = '#,##0.00';
    for (let c = 1; c <= COLUMNS.length; c++) {
      row.getCell(c).font = { bold: true };
      row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    }
    row.commit();
  };
  for (const [, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    for (const p of list) {
      const row = ws.getRow(next++);
      COLUMNS.forEach((c, i) => put(row.getCell(i + 1), c.key === 'people' ? p.headcount * p.sessions : p[c.key]));
      row.getCell(15).numFmt = '#,##0.00';
      row.commit();
    }
    subtotal(`${list[0]!.unitName} 小计`, list, 'FFF2F2F2');
  }
  subtotal('合计', plans, 'FFFFF2CC');
  ws.commit();
  if (records) writeRecords(wb, records);
  await wb.commit();
  return Buffer.concat(chunks);
}
