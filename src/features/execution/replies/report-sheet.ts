// The completion report in words: each list item, each step's cell, and the Excel sheet (completionSheet).
import { formatDate, formatDateTime } from '../../../domain/dates.ts';
import { CIRCLED, classLabel, dueText, formatRange, OUTCOME_LABELS, REPORT_LISTS, stepSummary, STEPS, type StepNo } from '../../../domain/execution.ts';
import { displayValue } from '../../../domain/plan.ts';
import { tentativeNote } from '../../../domain/working-days.ts';
import type { CompletionSheet, SheetList } from '../../../ports/sheets.ts';
import type { Completion, ListEntry, ReportItem } from '../report.ts';
import type { PlanExecution } from '../view.ts';

const stepName = (n: StepNo) => `${CIRCLED[n]}${STEPS[n].name}`;

/** One item of a list, as the card and the Excel file say it. */
export function itemText(i: ReportItem): string {
  switch (i.kind) {
    case 'budget':
      return `${classLabel(i.number, i.mark.seq)} ${stepName(i.mark.step)}逾期未填报（应于 ${dueText(i.mark)} 前）`;
    case 'late':
      return `${classLabel(i.number, i.mark.seq)} ${stepName(i.mark.step)}逾期完成（应于 ${dueText(i.mark)} 前${i.at ? `，${formatDate(i.at)} ${i.mark.step === 1 ? '报送' : '填报'}` : ''}）`;
    case 'backfill':
      return `${classLabel(i.number, i.seq)}（${formatRange(i.start, i.end)}）缺${i.open.map((n) => CIRCLED[n]).join('')}`;
  }
}

/** A unit's items in a list, as text. */
export const itemTexts = (e: ListEntry) => e.items.map(itemText);

function stepCell(c: PlanExecution['classes'][number], n: StepNo): string {
  const s = c.outcome.steps[n - 1]!;
  const r = c.records.get(n);
  if (s.done && r) return `${s.late ? `逾期完成（应于 ${dueText(s)} 前）` : '完成'}：${stepSummary(n, r.data)}`;
  if (s.pending === 'submitted') return s.overdue ? `审核中（报送已逾期，应于 ${dueText(s)} 前）` : '审核中（已按期报送）';
  if (s.pending === 'returned') return s.overdue ? `已退回（应于 ${dueText(s)} 前报送）` : '已退回';
  return s.overdue ? `缺（应于 ${dueText(s)} 前）` : `未到期（${dueText(s)} 前）`;
}

const sheetList = (key: keyof typeof REPORT_LISTS, entries: ListEntry[]): SheetList => ({
  ...REPORT_LISTS[key],
  rows: entries.map((b) => ({ unitCode: b.unitCode, unitName: b.unitName, items: itemTexts(b).join('；'), tentative: b.tentative ? '暂定' : '' })),
});

export function completionSheet(c: Completion): CompletionSheet {
  const classes: CompletionSheet['classes'] = [];
  for (const p of c.plans) {
    const base = {
      unitCode: p.plan.unitCode,
      unitName: c.names.get(p.plan.unitCode) ?? p.plan.unitCode,
      planNumber: p.plan.number,
      title: p.plan.data.title ?? '',
      scope: p.plan.data.scope ?? '',
      budget: p.plan.data.budget !== undefined ? displayValue('budget', p.plan.data.budget) : '',
      status: OUTCOME_LABELS[p.outcome.status],
      missing: p.outcome.missing.join('；'),
      statement: p.statement ? '已上传' : '',
    };
    if (!p.classes.length) classes.push({ ...base, seq: '', dates: '', steps: ['', '', '', '', '', ''], deviations: '' });
    for (const cl of p.classes) {
      classes.push({
        ...base,
        seq: `第${cl.cls.seq}期${cl.outcome.backfill ? '（补录）' : ''}`,
        dates: formatRange(cl.cls.start, cl.cls.end),
        steps: ([1, 2, 3, 4, 5, 6] as StepNo[]).map((n) => stepCell(cl, n)),
        deviations: cl.outcome.deviations.map((d) => `${d.message}（${d.notice}）`).join('；'),
      });
    }
  }
  return {
    title: `${c.year}年度单位计划完成情况`,
    asOf: formatDateTime(c.asOf),
    tentativeNote: c.tentativeYears.length ? `标「暂定」的期限：${tentativeNote(c.tentativeYears)}，导入后重新计算。` : '',
    classes,
    units: c.units.map((u) => ({ ...u, status: u.plansWithGaps ? '有缺项' : u.completeClasses === u.classes && u.classes ? '已完成' : '进行中' })),
    budget: sheetList('budget', c.budget),
    late: sheetList('late', c.late),
    backfill: sheetList('backfill', c.backfill),
  };
}
