// The 补录 sheet [seed 一]: one row per class since 2020 with its six steps. The same column definitions write
// the template (pre-filled with what the unit already has on record) and read an upload.
import ExcelJS from 'exceljs';
import type { HistoryKey } from '../domain/execution-history.ts';
import type { ColumnSpec } from './table-reader.ts';

export type HistoryColumn = { key: HistoryKey; header: string; aliases: string[]; required: boolean; width: number; hint: string; list?: string[]; date?: boolean };

export const HISTORY_COLUMNS: HistoryColumn[] = [
  { key: 'year', header: '年度', aliases: ['计划年度'], required: true, width: 7, hint: '培训计划所属年度，2020 年起' },
  { key: 'number', header: '计划编号', aliases: [], required: false, width: 11, hint: '系统中已有的计划编号（如 2024-015）；没有可不填' },
  { key: 'budgetCode', header: '预算单位代码', aliases: ['单位代码'], required: true, width: 13, hint: '本单位或二层单位的预算单位代码' },
  { key: 'unitName', header: '单位名称', aliases: [], required: false, width: 24, hint: '选填，按代码识别' },
  { key: 'title', header: '培训班名称', aliases: ['项目名称', '班次名称'], required: true, width: 30, hint: '与当年批准的计划一致' },
  { key: 'scope', header: '培训类别', aliases: [], required: true, width: 9, hint: '市内 / 市外', list: ['市内', '市外'] },
  { key: 'mode', header: '培训方式', aliases: [], required: true, width: 12, hint: '线下 / 线上 / 线上线下结合', list: ['线下', '线上', '线上线下结合'] },
  { key: 'institution', header: '承办机构', aliases: ['承办单位'], required: false, width: 24, hint: '市外培训填写承办机构' },
  { key: 'location', header: '培训地点', aliases: [], required: false, width: 18, hint: '选填' },
  { key: 'headcount', header: '每期人数', aliases: ['人数'], required: false, width: 9, hint: '批准的每期人数' },
  { key: 'sessions', header: '期数', aliases: ['批准期数'], required: false, width: 6, hint: '批准的期数' },
  { key: 'budget', header: '经费预算（元）', aliases: ['经费预算', '批准经费'], required: false, width: 13, hint: '批准的经费预算' },
  { key: 'seq', header: '期次', aliases: ['第几期'], required: false, width: 6, hint: '第几期；不填按行的顺序' },
  { key: 'start', header: '开班日期', aliases: ['开始日期'], required: false, width: 12, hint: '未开展的计划不填日期，另上传情况说明', date: true },
  { key: 'end', header: '结班日期', aliases: ['结束日期'], required: false, width: 12, hint: '', date: true },
  { key: 'packageOn', header: '①培训包审核通过日期', aliases: ['培训包审核日期', '培训包审核'], required: false, width: 14, hint: '', date: true },
  { key: 'publishedOn', header: '②发布日期', aliases: ['发布培训项目日期', '发布日期'], required: false, width: 12, hint: '', date: true },
  { key: 'registered', header: '③报名人数', aliases: ['报名人数'], required: false, width: 9, hint: '' },
  { key: 'accepted', header: '③审核通过人数', aliases: ['审核通过人数'], required: false, width: 11, hint: '' },
  { key: 'attended', header: '④签到人数', aliases: ['签到人数'], required: false, width: 9, hint: '' },
  { key: 'teachers', header: '⑤授课教师', aliases: ['授课教师', '师资'], required: false, width: 20, hint: '姓名（单位），多人用顿号分隔' },
  { key: 'courses', header: '⑤课程', aliases: ['课程', '课程名称'], required: false, width: 24, hint: '' },
  { key: 'hours', header: '⑤学时', aliases: ['学时'], required: false, width: 7, hint: '' },
  { key: 'amount', header: '⑥结算金额（元）', aliases: ['结算金额', '结算金额(元)'], required: false, width: 13, hint: '' },
  { key: 'remarks', header: '备注', aliases: [], required: false, width: 18, hint: '' },
];

export const HISTORY_SPECS: ColumnSpec<HistoryKey>[] = HISTORY_COLUMNS.map((c) => ({ key: c.key, header: c.header, aliases: c.aliases, required: c.required }));

export function historyHeaderOf(key: string): string {
  return HISTORY_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

const HEADER_ROW = 3;

export async function buildHistoryTemplate(p: { unitName?: string | undefined; rows: Partial<Record<HistoryKey, string | number>>[]; fromYear: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
