// 单位年度计划完成情况 as a workbook: one row per class with its six steps, a summary per unit, and the list of
// units whose steps 5–6 were overdue (for the next year's budget reduction [seed 二(一)5]).
import ExcelJS from 'exceljs';
import type { CompletionSheet } from '../services/execution/report.ts';

const RISKY = /^[=+\-@\t\r]/;
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

function sheet(wb: ExcelJS.Workbook, name: string, title: string, asOf: string, columns: { header: string; width: number }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, columns.length);
  ws.getCell(2, 1).value = `统计时间：${asOf}`;
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF666666' } };
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
  const wb = new ExcelJS.Workbook();
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
  ]);
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
    { header: '⑤⑥逾期', width: 9 },
    { header: '完成情况', width: 10 },
  ]);
  for (const u of c.units) {
    addRow(units, [u.unitCode, u.unitName, u.plans, u.sessions, u.classes, u.completeClasses, u.plansWithGaps, u.statements, u.deviations, u.budgetFlag ? '是' : '', u.status]);
  }

  const budget = sheet(wb, '压减经费名单', `${c.title}：⑤教培管理、⑥结算金额逾期的单位（拟压减下一年度培训经费）`, c.asOf, [
    { header: '预算单位代码', width: 13 },
    { header: '单位名称', width: 26 },
    { header: '逾期情况', width: 90 },
  ]);
  for (const b of c.budget) addRow(budget, [b.unitCode, b.unitName, b.items]);
  if (!c.budget.length) addRow(budget, ['', '（无）', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
