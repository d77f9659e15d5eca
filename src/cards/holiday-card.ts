// The cards of a holiday notice an admin sent: what it says (festivals, by month, what changes), with
// 确认导入 / 取消; the same card once imported or cancelled; and the question of its year when it names none.
import { formatDateTime } from '../domain/dates.ts';
import type { Festival, NoticeNote } from '../domain/holiday-notice.ts';
import type { DayKind } from '../domain/working-days.ts';
import { yearWorkingDays, type DayChange, type MonthSummary } from '../domain/year-calendar.ts';
import { button } from './actions.ts';
import { changeLine, festivalLine, monthDay, monthLine } from './calendar-text.ts';
import { noticeCard } from './notice-card.ts';
import { escapeMarkdown } from './render.ts';

export type AdminDay = { date: string; kind: DayKind; name?: string | undefined };

export type NoticeView = {
  year: number;
  festivals: Festival[];
  notes: NoticeNote[];
  months: MonthSummary[];
  /** What the year has now: 'none' (Monday–Friday, tentative), or a label of its schedule. */
  current: { kind: 'none' } | { kind: 'schedule'; label: string };
  /** The year's imported notice the changes are counted against (0: none), so a stale card is caught. */
  currentId: number;
  changes: DayChange[];
  adminDays: AdminDay[];
};

const SHOWN_CHANGES = 30;

export function festivalLines(festivals: readonly Festival[], year: number): string[] {
  return festivals.map((f) => `**${escapeMarkdown(f.name)}**　${festivalLine(f, year)}`);
}

export function monthLines(months: readonly MonthSummary[]): string[] {
  return [...months.map(monthLine), `全年工作日 **${yearWorkingDays(months)}** 天`];
}

export function adminDayLines(days: readonly AdminDay[], year: number): string[] {
  if (!days.length) return [];
  const list = days.map((d) => `${monthDay(d.date, year)}${d.kind === 'holiday' ? '放假' : '上班'}${d.name ? `（${escapeMarkdown(d.name)}）` : ''}`).join('、');
  return ['', `管理员单独设定的 ${days.length} 天仍然有效：${list}`];
}

function changeLines(v: NoticeView): string[] {
  const off = v.changes.filter((c) => c.after === 'off').length;
  if (v.current.kind === 'none') {
    return [`${v.year}年目前没有节假日安排，暂按周一至周五计算；导入后 ${v.changes.length} 天改变（放假 ${off} 天，调休上班 ${v.changes.length - off} 天）。`];
  }
  const now = `现有安排：${escapeMarkdown(v.current.label)}。`;
  if (!v.changes.length) return [`${now}这份通知与之完全相同。`];
  const lines = v.changes.slice(0, SHOWN_CHANGES).map((c) => `- ${changeLine(c, v.year)}`);
  const more = v.changes.length > SHOWN_CHANGES ? [`……另有 ${v.changes.length - SHOWN_CHANGES} 天`] : [];
  return [now, `<font color='orange'>**与之相比，${v.changes.length} 天有变化：**</font>`, ...lines, ...more];
}

function body(v: NoticeView): string {
  return [
    `读自《国务院办公厅关于${v.year}年部分节假日安排的通知》，共 ${v.festivals.length} 个节日：`,
    ...festivalLines(v.festivals, v.year),
    '',
    '**按月**（放假：落在周一至周五的休息日；上班：调休上班的周末）',
    ...monthLines(v.months),
    ...(v.notes.length ? ['', `已忽略（倡导性内容，不是放假安排）：${v.notes.map((n) => `「${escapeMarkdown(n.sentence)}」`).join('')}`] : []),
    '',
    ...changeLines(v),
    ...adminDayLines(v.adminDays, v.year),
  ].join('\n');
}

export function pendingNoticeCard(id: number, v: NoticeView) {
  return noticeCard({
    title: `${v.year}年节假日安排（待确认）`,
    color: v.changes.length && v.current.kind === 'schedule' ? 'orange' : 'blue',
    body: body(v),
    buttons: [button('确认导入', { a: 'hol_import', id, v: v.currentId }, 'primary_filled'), button('取消', { a: 'hol_cancel', id }, 'danger_text')],
    footer: `请与通知原文核对。确认后，${v.year}年的工作日按此计算；培训执行的期限随之重新计算，期限有变化的培训班会通知申报单位。`,
  });
}

export type ImportOutcome = { by: string; at: Date; checked: number; moved: number; people: number };

export function importedNoticeCard(v: Pick<NoticeView, 'year' | 'festivals'>, o: ImportOutcome) {
  const moved = o.moved
    ? `已按新安排重新计算 ${o.checked} 期培训班的期限：${o.moved} 期有变化，已通知 ${o.people} 人。`
    : `已按新安排重新计算 ${o.checked} 期培训班的期限，没有期限因此改变。`;
  return noticeCard({
    title: `${v.year}年节假日安排已导入`,
    color: 'green',
    body: [`由 ${escapeMarkdown(o.by)} 于 ${formatDateTime(o.at)} 导入。`, '', ...festivalLines(v.festivals, v.year), '', moved].join('\n'),
    footer: `发送「节假日 ${v.year}」随时查看全年安排。`,
  });
}

export function cancelledNoticeCard(year: number | null) {
  return noticeCard({ title: `${year ? `${year}年` : ''}节假日安排：已取消`, color: 'grey', body: '没有导入任何内容，工作日的计算没有改变。需要时请重新发送通知全文。' });
}

/** A notice whose text names no year: which year is it? */
export function needsYearCard(id: number, years: readonly number[]) {
  return noticeCard({
    title: '这份节假日通知是哪一年的？',
    color: 'orange',
    body: '通知里没有找到年份（标题应为《国务院办公厅关于2027年部分节假日安排的通知》）。请选择年份，我按那一年核对每个日期和星期；您发来的内容已保存，不必重新发送。',
    buttons: [...years.map((y, i) => button(`${y}年`, { a: 'hol_year', id, year: y }, i === 0 ? 'primary_filled' : 'default')), button('取消', { a: 'hol_cancel', id }, 'danger_text')],
    footer: '也可以连同标题重新发送通知全文。',
  });
}
