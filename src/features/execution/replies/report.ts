// The report 单位年度计划完成情况 as cards: a declarant's own unit, and every unit for a reviewer, each list
// with the rule it follows (REPORT_LISTS) and 暂定 wherever a date rests on a year with no holiday schedule.
// Long lists page (上一页 / 下一页); the Excel file holds everything.
import { button, type ListId } from '../../../cards/actions.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { pageOf, pageValue, weightedPageOf } from '../../../cards/paging.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDateTime } from '../../../domain/dates.ts';
import { formatRange, OUTCOME_LABELS, REPORT_LISTS } from '../../../domain/execution.ts';
import { tentativeNote } from '../../../domain/working-days.ts';
import type { Completion, ListEntry } from '../report.ts';
import type { PlanExecution } from '../view.ts';
import { itemTexts } from './report-sheet.ts';
import type { CompletionUnit } from '../../../ports/sheets.ts';

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

const LEGEND = '①培训包审核 ②发布 ③报名审核 ④签到 ⑤教培管理 ⑥结算　✅按时 🟡逾期完成 ⏳已报送待审核 🔴逾期未报 ⚪未到期（退回修改的按未报计）';
/** Entries of each list on the reviewer's summary card; 查看全部 pages through the rest. */
const ON_SUMMARY = 5;
/** Entries on a page of one list: about 600 bytes each. */
const LIST_PAGE = 20;
/** Items of one unit in a list entry, and of the unit's own lists on its card. */
const PER_UNIT = 3;
/** A page of the unit's card: at most 8 plans and 40 class lines (about 120 bytes each). */
const UNIT_PAGE = { max: 8, budget: 40, weight: (p: PlanExecution) => 1 + p.classes.length };

type ListKey = 'gaps' | keyof typeof REPORT_LISTS;
const LIST_IDS: Record<ListKey, ListId> = { gaps: 'completion_gaps', budget: 'completion_budget', late: 'completion_late', backfill: 'completion_backfill' };
const COLORS: Record<ListKey, 'red' | 'orange' | 'grey'> = { gaps: 'red', budget: 'red', late: 'orange', backfill: 'grey' };

const itemsText = (items: string[], n: number) => `${escapeMarkdown(items.slice(0, n).join('；'))}${items.length > n ? ` 等 ${items.length} 项` : ''}`;
const entryLine = (b: ListEntry, color: string) => `- <font color='${color}'>${escapeMarkdown(b.unitName)}</font>${b.tentative ? '（暂定）' : ''}：${itemsText(itemTexts(b), PER_UNIT)}`;

/** Each list as entries: the units with gaps, and the three lists of REPORT_LISTS. */
function entriesOf(c: Completion, key: ListKey): string[] {
  if (key === 'gaps') return c.units.filter((u) => u.plansWithGaps > 0).map((u) => `- ${escapeMarkdown(u.unitName)}：${u.plansWithGaps} 个计划有缺项，已完成 ${u.completeClasses}/${u.classes} 期`);
  return c[key].map((b) => entryLine(b, COLORS[key]));
}

function listHead(key: ListKey, count: number): string[] {
  if (key === 'gaps') return [`**有缺项的单位（${count} 个）**`];
  const l = REPORT_LISTS[key];
  return [`**${l.title}（${count} 个单位${key === 'budget' ? '' : `，${l.use}`}）**`, `<font color='grey'>${escapeMarkdown(l.rule)}</font>`];
}

const tentativeLine = (c: Completion) => (c.tentativeYears.length ? [`<font color='grey'>※ 标「暂定」的：${escapeMarkdown(tentativeNote(c.tentativeYears))}，导入后重新计算。</font>`] : []);

/** The declarant's card: each approved plan of their unit, its classes and steps, and where it stands in the lists; a page of plans at a time. */
export function unitCompletionCard(c: Completion, unitName: string, page = 1) {
  const u = c.units[0];
  const own = (key: 'budget' | 'late', entries: ListEntry[], color: 'red' | 'orange') =>
    entries.length ? [`<font color='${color}'>**${REPORT_LISTS[key].title}：**${itemsText(itemTexts(entries[0]!), PER_UNIT)}${entries[0]!.tentative ? '（期限暂定）' : ''}</font>`, `<font color='grey'>${escapeMarkdown(REPORT_LISTS[key].rule)}</font>`] : [];
  const shown = weightedPageOf(c.plans, page, UNIT_PAGE);
  const body = c.plans.length
    ? [
        `${c.year}年度审批通过 ${u?.plans ?? 0} 个计划、${u?.sessions ?? 0} 期，已登记 ${u?.classes ?? 0} 期，六个环节全部完成 ${u?.completeClasses ?? 0} 期。`,
        ...own('budget', c.budget, 'red'),
        ...own('late', c.late, 'orange'),
        '',
        ...shown.items.map(planLines),
        ...tentativeLine(c),
      ].join('\n')
    : `${c.year}年度没有审批通过的计划。`;
  return noticeCard({
    title: `${c.year}年度计划完成情况 · ${unitName}`,
    color: c.budget.length || c.plans.some((p) => p.outcome.status === 'missing') ? 'red' : 'blue',
    body,
    buttons: c.plans.length ? [button('导出 Excel', { a: 'completion_file', year: c.year }), button('填报执行情况', { a: 'exec_list' }, 'primary')] : [],
    footer: `${LEGEND}\n统计时间：${formatDateTime(c.asOf)}。Excel 含每一期的六个环节。`,
    paging: { page: shown, list: 'completion_unit', noun: '个计划', year: c.year, at: c.asOf },
    resend: `完成情况 ${c.year}`,
  });
}

const listKeys = (c: Completion): ListKey[] => ['gaps', 'budget', 'late', ...(c.backfill.length ? (['backfill'] as const) : [])];
const listName: Record<ListKey, string> = { gaps: '有缺项的单位', budget: '压减经费名单', late: '逾期完成', backfill: '补录缺项' };

/** The reviewer's card: totals, then each list with its rule and its first entries; 查看全部 pages through a list. */
export function allCompletionCard(c: Completion) {
  const total = (k: keyof CompletionUnit) => c.units.reduce((n, u) => n + (u[k] as number), 0);
  const sections = listKeys(c).flatMap((key) => {
    const all = entriesOf(c, key);
    return ['', ...listHead(key, all.length), ...(all.length ? all.slice(0, ON_SUMMARY) : ['（无）']), ...(all.length > ON_SUMMARY ? [`……另有 ${all.length - ON_SUMMARY} 个，点「${listName[key]}」查看全部`] : [])];
  });
  const more = listKeys(c).filter((key) => entriesOf(c, key).length > ON_SUMMARY);
  const gaps = c.units.filter((u) => u.plansWithGaps > 0);
  return noticeCard({
    title: `${c.year}年度单位计划完成情况`,
    color: c.budget.length ? 'red' : gaps.length || c.late.length ? 'orange' : 'green',
    body: [
      `${c.year}年度：${c.units.length} 个单位、${total('plans')} 个计划、批准 ${total('sessions')} 期；已登记 ${total('classes')} 期，六个环节全部完成 ${total('completeClasses')} 期；已上传情况说明 ${total('statements')} 个；与计划或通知的要求不一致 ${total('deviations')} 处。`,
      ...sections,
      ...tentativeLine(c),
    ].join('\n'),
    buttons: [button('导出 Excel', { a: 'completion_file', year: c.year }, 'primary'), ...more.map((key) => button(`${listName[key]}（${entriesOf(c, key).length}）`, pageValue(LIST_IDS[key], 1, c.asOf, c.year)))],
    footer: `统计时间：${formatDateTime(c.asOf)}。Excel 含每一期的六个环节、单位汇总、压减经费名单、逾期完成和补录缺项。`,
    resend: `完成情况 ${c.year}`,
  });
}

/** One list of the reviewer's report, a page at a time, with its rule; back to the summary. */
export function completionListCard(c: Completion, key: ListKey, page = 1) {
  const shown = pageOf(entriesOf(c, key), page, LIST_PAGE);
  return noticeCard({
    title: `${c.year}年度完成情况 · ${listName[key]}`,
    color: COLORS[key] === 'grey' ? 'grey' : COLORS[key],
    body: [...listHead(key, shown.total), ...(shown.items.length ? shown.items : ['（无）']), ...tentativeLine(c)].join('\n'),
    buttons: [button('返回汇总', pageValue('completion', 1, c.asOf, c.year)), button('导出 Excel', { a: 'completion_file', year: c.year })],
    footer: `统计时间：${formatDateTime(c.asOf)}。`,
    paging: { page: shown, list: LIST_IDS[key], noun: '个单位', year: c.year, at: c.asOf },
    resend: `完成情况 ${c.year}`,
  });
}

/** The lists one can page through, by the id their buttons carry. */
export const COMPLETION_LISTS = { completion_gaps: 'gaps', completion_budget: 'budget', completion_late: 'late', completion_backfill: 'backfill' } as const satisfies Partial<Record<ListId, ListKey>>;
