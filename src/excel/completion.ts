// 单位年度计划完成情况 as a workbook: one row per class with its six steps, a summary per unit, and the report's
// three lists, each sheet saying the rule it follows: units whose ⑤⑥ are still missing after their window
// (next year's budget reduction [seed 二(一)5]), steps done late (for the reviewers), backfilled gaps.
import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';
import type { CompletionSheet, SheetList } from '../ports/sheets.ts';

const RISKY = /^[=+\-@\t\r]/;
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

function sheet(wb: ExcelJS.Workbook, name: string, title: string, asOf: string, columns: { header: string; width: number }[], note = '') {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, columns.length);
  ws.getCell(2, 1).value = [`统计时间：${asOf}`, note].filter(Boolean).join('　');
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF666666' } };
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  if (note) ws.getRow(2).height = 15 * Math.ceil(note.length / 80 + 1);
  const header = ws.getRow(3);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
    header.getCell(i + 1).fill = HEAD_FILL;
    header.getCell(i + 1).alignment = { wrapText: true, vertical: 'middle' };
  });
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, values: (string | number)[]) {
  const row = ws.addRow(values);
  row.eachCell((cell) => {
    if (typeof cell.value === 'string' && RISKY.test(cell.value)) cell.numFmt = '@';
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  return row;
}

export async function exportCompletion(c: CompletionSheet): Promise<Buffer> {
  const wb = new (await excelJs()).Workbook();
  wb.creator = '培训计划申报助手';
  const steps = ['①培训包审核', '②发布培训项目', '③培训报名审核', '④学员签到', '⑤教培管理', '⑥结算金额'];
  const detail = sheet(wb, '完成情况', c.title, c.asOf, [
    { header: '预算单位代码', width: 13 },
    { header: '单位名称', width: 24 },
    { header: '计划编号', width: 11 },
    { header: '培训班名称', width: 30 },
    { header: '培训类别', width: 9 },
    { header: '批准经费', width: 14 },
    { header: '期次', width: 7 },
    { header: '培训日期', width: 20 },
    ...steps.map((s) => ({ header: s, width: 22 })),
    { header: '完成情况', width: 12 },
    { header: '缺项', width: 30 },
    { header: '与计划不一致', width: 30 },
    { header: '情况说明', width: 10 },
  ], c.tentativeNote);
  for (const r of c.classes) {
    const row = addRow(detail, [r.unitCode, r.unitName, r.planNumber, r.title, r.scope, r.budget, r.seq, r.dates, ...r.steps, r.status, r.missing, r.deviations, r.statement]);
    r.steps.forEach((s, i) => {
      if (s.startsWith('缺')) row.getCell(9 + i).font = { color: { argb: 'FFC00000' } };
    });
    if (r.missing) row.getCell(16).font = { color: { argb: 'FFC00000' } };
  }

  const units = sheet(wb, '单位汇总', `${c.title}（单位汇总）`, c.asOf, [
    { header: '预算单位代码', width: 13 },
    { header: '单位名称', width: 26 },
    { header: '审批通过计划', width: 10 },
    { header: '批准期数', width: 9 },
    { header: '已登记期数', width: 9 },
    { header: '六个环节全部完成', width: 10 },
    { header: '有缺项的计划', width: 10 },
    { header: '情况说明', width: 9 },
    { header: '与计划不一致', width: 10 },
    { header: '⑤⑥逾期未填报（拟压减）', width: 12 },
    { header: '逾期完成的环节', width: 10 },
    { header: '完成情况', width: 10 },
  ], c.tentativeNote);
  for (const u of c.units) {
    addRow(units, [u.unitCode, u.unitName, u.plans, u.sessions, u.classes, u.completeClasses, u.plansWithGaps, u.statements, u.deviations, u.budgetFlag ? '是' : '', u.lateSteps, u.status]);
  }

  listSheet(wb, '压减经费名单', c, c.budget, '逾期未填报');
  listSheet(wb, '逾期完成', c, c.late, '逾期完成的环节');
  listSheet(wb, '补录缺项', c, c.backfill, '缺项');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One of the report's lists: the rule it follows under the title, one row per unit, 暂定 marked. */
function listSheet(wb: ExcelJS.Workbook, name: string, c: CompletionSheet, list: SheetList, what: string) {
  const ws = sheet(wb, name, `${c.title}：${list.title}（${list.use}）`, c.asOf, [
    { header: '预算单位代码', width: 13 },
    { header: '单位名称', width: 26 },
    { header: what, width: 90 },
    { header: '期限', width: 8 },
  ], [list.rule, list.rows.some((r) => r.tentative) ? c.tentativeNote : ''].filter(Boolean).join('　'));
  for (const r of list.rows) addRow(ws, [r.unitCode, r.unitName, r.items, r.tentative]);
  if (!list.rows.length) addRow(ws, ['', '（无）', '', '']);
}
