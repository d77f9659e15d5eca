// The official declaration template (附件1) as .xlsx: a title with the plan year, the form's headers, the
// unit's code and name pre-filled, dropdowns and input hints, one example row, a frozen header, and a second
// sheet with the notice's rules and the training-base list.
import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';
import type { TrainingBase } from '../domain/training-bases.ts';
import { EXAMPLE_MARK, EXAMPLE_REMARK, SHEET_COLUMNS, type SheetKey } from './plan-sheet.ts';

export type TemplateInput = {
  year: number;
  unit?: { code: string; name: string } | undefined;
  bases: readonly TrainingBase[];
  /** The notice's rules: severity and words. */
  rules: readonly { severity: 'hard' | 'soft'; notice: string }[];
  /** Blank rows prepared (with the unit pre-filled). */
  rows?: number;
};

const HEADER_ROW = 3;
const EXAMPLE: Partial<Record<SheetKey, string | number>> = {
  title: `${EXAMPLE_MARK}2027年度人社业务能力提升培训班`,
  scope: '市内',
  mode: '线下',
  audience: '本系统业务科室工作人员',
  headcount: 45,
  sessions: 1,
  days: 3,
  month: 10,
  location: '柳州市城中区市委党校',
  institution: '中共柳州市委党校（柳州市行政学院）',
  budget: 36000,
  joint: '否',
  contactName: '李明',
  contactPhone: '0772-2825472',
  remarks: EXAMPLE_REMARK,
};

export async function buildTemplate(t: TemplateInput): Promise<Buffer> {
  const wb = new (await excelJs()).Workbook();
  wb.creator = '培训计划申报助手';
  const ws = wb.addWorksheet('申报表', { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }] });
  const last = SHEET_COLUMNS.length;
  ws.columns = SHEET_COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = `柳州市机关事业单位${t.year}年度培训计划申报表`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, last);
  const note = ws.getCell(2, 1);
  note.value =
    '填表说明：一行一个培训班；带 * 的为必填；第 4 行为示例（导入时自动忽略，可删除）；培训类别、培训方式、计划月份请从下拉中选；填好后把本文件直接发给飞书里的“培训计划申报助手”。规则见第二个工作表。';
  note.alignment = { wrapText: true, vertical: 'middle' };
  note.font = { size: 10, color: { argb: 'FF666666' } };
  ws.getRow(2).height = 32;

  const header = ws.getRow(HEADER_ROW);
  SHEET_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = `${c.required ? '*' : ''}${c.header}`;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  header.height = 30;

  const example = ws.getRow(HEADER_ROW + 1);
  SHEET_COLUMNS.forEach((c, i) => {
    const v = c.key === 'budgetCode' ? (t.unit?.code ?? '101001') : c.key === 'unitName' ? (t.unit?.name ?? '柳州市人力资源和社会保障局') : EXAMPLE[c.key];
    const cell = example.getCell(i + 1);
    if (v !== undefined) cell.value = v;
    cell.font = { italic: true, color: { argb: 'FF808080' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });

  const first = HEADER_ROW + 2;
  const lastRow = first + (t.rows ?? 30) - 1;
  for (let r = first; r <= lastRow; r++) {
    if (!t.unit) continue;
    ws.getCell(r, 1).value = t.unit.code;
    ws.getCell(r, 2).value = t.unit.name;
  }
  // exceljs supports ranged validations but its types do not declare them.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  SHEET_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1).letter;
    const range = `${col}${HEADER_ROW + 1}:${col}${lastRow + 200}`;
    const common = { allowBlank: true, showInputMessage: true, promptTitle: c.header, prompt: c.hint.slice(0, 250), showErrorMessage: true, errorTitle: c.header };
    if (c.list) validations.add(range, { ...common, type: 'list', formulae: [`"${c.list.join(',')}"`], error: `请从下拉中选择：${c.list.join('、')}` });
    else if (c.whole) validations.add(range, { ...common, type: 'whole', operator: 'between', formulae: [c.whole.min, c.whole.max], error: `请填 ${c.whole.min} 到 ${c.whole.max} 的整数` });
    else if (c.decimal) validations.add(range, { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: '请填不小于 0 的金额（元）' });
    else validations.add(range, { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [500], error: '内容太长（最多 500 字）' });
    if (c.key === 'budgetCode' || c.key === 'contactPhone') ws.getColumn(i + 1).numFmt = '@';
  });

  rulesSheet(wb, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function rulesSheet(wb: ExcelJS.Workbook, t: TemplateInput) {
  const ws = wb.addWorksheet('填报说明与规则');
  ws.columns = [{ width: 24 }, { width: 90 }, { width: 20 }];
  const add = (a: string, b = '', c = '', bold = false) => {
    const row = ws.addRow([a, b, c]);
    row.font = bold ? { bold: true } : {};
    row.alignment = { wrapText: true, vertical: 'top' };
  };
  add(`柳州市${t.year}年度培训计划申报规则（依据柳人社发〔2022〕65号）`, '', '', true);
  add('');
  add('要求', '通知原文', '', true);
  // Several rules read the same words of the notice (a venue outside Liuzhou, a venue with no district): once each.
  const said = new Set<string>();
  for (const r of t.rules) {
    if (said.has(r.notice)) continue;
    said.add(r.notice);
    add(r.severity === 'hard' ? '必须符合' : '原则性（不符合须填情况说明）', r.notice);
  }
  add('');
  add('各列说明', '', '', true);
  for (const c of SHEET_COLUMNS) add(`${c.required ? '*' : ''}${c.header}`, c.hint);
  add('');
  add('柳州市干部教育培训基地名单', '', '', true);
  if (!t.bases.length) add('（名单尚未导入，请以市工作领导小组公布的名单为准）');
  for (const b of t.bases) add(b.name, b.aliases.length ? `也称：${b.aliases.join('、')}` : '', b.city);
}
