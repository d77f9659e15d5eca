// The report 单位年度计划完成情况 as cards: a declarant's own unit, and every unit for a reviewer, each list
// with the rule it follows (REPORT_LISTS) and 暂定 wherever a date rests on a year with no holiday schedule.
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { formatRange, OUTCOME_LABELS, REPORT_LISTS } from '../../domain/execution.ts';
import { tentativeNote } from '../../domain/working-days.ts';
import type { Completion, ListEntry, UnitSummary } from './report.ts';
import type { PlanExecution } from './view.ts';

const stepMarks = (p: PlanExecution['classes'][number]) =>
  p.outcome.steps.map((s) => (s.done ? (s.late ? '🟡' : '✅') : s.pending === 'submitted' && !s.overdue ? '⏳' : s.overdue ? '🔴' : '⚪')).join('');

function planLines(p: PlanExecution): string {
  const o = p.outcome;
  const head = `**${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》** ${p.plan.data.scope ?? ''} · ${OUTCOME_LABELS[o.status]} · 已登记 ${o.classes}/${o.sessions} 期`;
  const lines = [o.status === 'missing' ? `<font color='red'>${head}</font>` : head];
  for (const c of p.classes) {
    const judged = c.outcome.steps.some((s) => (s.overdue || s.late) && s.tentative);
    lines.push(`　第${c.cls.seq}期 ${formatRange(c.cls.start, c.cls.end)}　${stepMarks(c)}${judged ? '（期限暂定）' : ''}${c.outcome.backfill ? '（补录）' : ''}${c.outcome.deviations.length ? '　⚠️与计划或通知的要求不一致' : ''}`);
  }
  if (o.missing.length) lines.push(`　<font color='red'>缺：${escapeMarkdown(o.missing.join('；'))}</font>`);
  if (p.statement) lines.push('　📎 已上传情况说明');
  return lines.join('\n');
}

const LEGEND = '①培训包审核 ②发布 ③报名审核 ④签到 ⑤教培管理 ⑥结算　✅按时 🟡逾期完成 ⏳已报送待审核 🔴逾期未报 ⚪未到期';
const SHOWN = 20;

/** One list: its title and count, the rule it follows, and the units (暂定 marked). */
function listLines(key: keyof typeof REPORT_LISTS, entries: ListEntry[], color: 'red' | 'orange' | 'grey', perUnit = 3): string[] {
  const l = REPORT_LISTS[key];
  const item = (b: ListEntry) =>
    `- <font color='${color}'>${escapeMarkdown(b.unitName)}</font>${b.tentative ? '（暂定）' : ''}：${escapeMarkdown(b.items.slice(0, perUnit).join('；'))}${b.items.length > perUnit ? ` 等 ${b.items.length} 项` : ''}`;
  return [
    `**${l.title}（${entries.length} 个单位${key === 'budget' ? '' : `，${l.use}`}）**`,
    `<font color='grey'>${escapeMarkdown(l.rule)}</font>`,
    ...(entries.length ? entries.slice(0, SHOWN).map(item) : ['（无）']),
    ...(entries.length > SHOWN ? [`……另有 ${entries.length - SHOWN} 个，见 Excel`] : []),
  ];
}

const tentativeLine = (c: Completion) => (c.tentativeYears.length ? [`<font color='grey'>※ 标「暂定」的：${escapeMarkdown(tentativeNote(c.tentativeYears))}，导入后重新计算。</font>`] : []);

/** The declarant's card: each approved plan of their unit, its classes and steps, and where it stands in the lists. */
export function unitCompletionCard(c: Completion, unitName: string) {
  const u = c.units[0];
  const own = (key: 'budget' | 'late', entries: ListEntry[], color: 'red' | 'orange') =>
    entries.length ? [`<font color='${color}'>**${REPORT_LISTS[key].title}：**${escapeMarkdown(entries[0]!.items.join('；'))}${entries[0]!.tentative ? '（期限暂定）' : ''}</font>`, `<font color='grey'>${escapeMarkdown(REPORT_LISTS[key].rule)}</font>`] : [];
  const body = c.plans.length
    ? [
        `${c.year}年度审批通过 ${u?.plans ?? 0} 个计划、${u?.sessions ?? 0} 期，已登记 ${u?.classes ?? 0} 期，六个环节全部完成 ${u?.completeClasses ?? 0} 期。`,
        ...own('budget', c.budget, 'red'),
        ...own('late', c.late, 'orange'),
        '',
        ...c.plans.map(planLines),
        ...tentativeLine(c),
      ].join('\n')
    : `${c.year}年度没有审批通过的计划。`;
  return noticeCard({
    title: `${c.year}年度计划完成情况 · ${unitName}`,
    color: c.budget.length || c.plans.some((p) => p.outcome.status === 'missing') ? 'red' : 'blue',
    body,
    buttons: c.plans.length ? [button('导出 Excel', { a: 'completion_file', year: c.year }), button('填报执行情况', { a: 'exec_list' }, 'primary')] : [],
    footer: `${LEGEND}\n统计时间：${formatDateTime(c.asOf)}`,
  });
}

/** The reviewer's card: totals, the units with gaps, and the three lists with their rules. */
export function allCompletionCard(c: Completion) {
  const total = (k: keyof UnitSummary) => c.units.reduce((n, u) => n + (u[k] as number), 0);
  const gaps = c.units.filter((u) => u.plansWithGaps > 0);
  const body = [
    `${c.year}年度：${c.units.length} 个单位、${total('plans')} 个计划、批准 ${total('sessions')} 期；已登记 ${total('classes')} 期，六个环节全部完成 ${total('completeClasses')} 期；已上传情况说明 ${total('statements')} 个；与计划或通知的要求不一致 ${total('deviations')} 处。`,
    '',
    `**有缺项的单位（${gaps.length} 个）**`,
    ...(gaps.length ? gaps.slice(0, SHOWN).map((u) => `- ${escapeMarkdown(u.unitName)}：${u.plansWithGaps} 个计划有缺项，已完成 ${u.completeClasses}/${u.classes} 期`) : ['（无）']),
    ...(gaps.length > SHOWN ? [`……另有 ${gaps.length - SHOWN} 个，见 Excel`] : []),
    '',
    ...listLines('budget', c.budget, 'red'),
    '',
    ...listLines('late', c.late, 'orange'),
    ...(c.backfill.length ? ['', ...listLines('backfill', c.backfill, 'grey')] : []),
    ...tentativeLine(c),
  ].join('\n');
  return noticeCard({
    title: `${c.year}年度单位计划完成情况`,
    color: c.budget.length ? 'red' : gaps.length || c.late.length ? 'orange' : 'green',
    body,
    buttons: [button('导出 Excel', { a: 'completion_file', year: c.year }, 'primary')],
    footer: `统计时间：${formatDateTime(c.asOf)}。Excel 含每一期的六个环节、单位汇总、压减经费名单、逾期完成和补录缺项。`,
  });
}
