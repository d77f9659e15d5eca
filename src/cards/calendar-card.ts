// A year's working-day calendar (「节假日 2027」), the weekly reminder that a year has no schedule yet, and the
// message to a declarant whose classes' due dates a new schedule moved.
import { CIRCLED, classLabel, formatRange } from '../domain/execution.ts';
import { tentativeNote, type YearSource } from '../domain/working-days.ts';
import type { MonthSummary } from '../domain/year-calendar.ts';
import { button } from './actions.ts';
import { monthDay } from './calendar-text.ts';
import { adminDayLines, monthLines, type AdminDay } from './holiday-card.ts';
import { noticeCard } from './notice-card.ts';
import { escapeMarkdown } from './render.ts';

export const HOW_TO_LOAD = [
  '**导入方法**（任选其一）：',
  '1. 把通知全文（从中国政府网复制，连同标题）直接发给我，核对后点「确认导入」；',
  '2. 管理命令：`npm run cli -- calendar:notice 通知.txt`（先加 `--dry-run` 预览）。',
];

export function yearCalendarCard(v: { year: number; source: YearSource; sourceLabel: string; festivalLines: string[]; months: MonthSummary[]; adminDays: AdminDay[]; isAdmin: boolean }) {
  const none = v.source === 'none';
  return noticeCard({
    title: `${v.year}年节假日安排`,
    color: none ? 'orange' : 'blue',
    body: [
      none ? `<font color='orange'>**${tentativeNote([v.year])}**</font>` : `来源：${escapeMarkdown(v.sourceLabel)}`,
      ...(v.festivalLines.length ? ['', ...v.festivalLines] : []),
      '',
      `**按月**（放假：落在周一至周五的休息日；上班：调休上班的周末）${none ? '（暂定）' : ''}`,
      ...monthLines(v.months),
      ...adminDayLines(v.adminDays, v.year),
      ...(none && v.isAdmin ? ['', ...HOW_TO_LOAD] : []),
    ].join('\n'),
    footer: none ? '期限、工作日数都暂按周一至周五计算并标为「暂定」，导入通知后自动重新计算。' : '工作日按国务院节假日安排（含调休上班）计算。',
  });
}

export function missingYearCard(years: readonly number[]) {
  const y = years.join('、');
  return noticeCard({
    title: `${years.map((x) => `${x}年`).join('、')}节假日安排尚未导入`,
    color: 'orange',
    body: [
      `国务院办公厅一般在每年11月发布下一年的《国务院办公厅关于${years[0]}年部分节假日安排的通知》。导入之前，${y}年的工作日暂按周一至周五计算，培训执行的期限、「进度」里的工作日数都标为「暂定」。`,
      '',
      ...HOW_TO_LOAD,
      '',
      '导入后，期限会按新安排重新计算，期限有变化的培训班会通知申报单位。',
    ].join('\n'),
    footer: '每周提醒一次，直到导入为止。',
  });
}

export type MovedClass = {
  planNumber: string;
  seq: number;
  title: string;
  start: string;
  end: string;
  beforeStart: { was: string; now: string } | null;
  afterEnd: { was: string; now: string } | null;
};

/** ①②③ 须在 9月24日 前完成（原为 9月27日，按 2027 年国务院节假日安排重新计算） */
export function movedDatesCard(year: number, classes: readonly MovedClass[]) {
  const why = `按 ${year} 年国务院节假日安排重新计算`;
  const lines = classes.flatMap((c) => [
    `**${escapeMarkdown(classLabel(c.planNumber, c.seq))}《${escapeMarkdown(c.title)}》**　${formatRange(c.start, c.end)}`,
    ...(c.beforeStart ? [`${CIRCLED[1]}${CIRCLED[2]}${CIRCLED[3]} 须在 **${monthDay(c.beforeStart.now, year)}** 前完成（原为 ${monthDay(c.beforeStart.was, year)}，${why}）`] : []),
    ...(c.afterEnd ? [`${CIRCLED[4]}${CIRCLED[5]}${CIRCLED[6]} 须在 **${monthDay(c.afterEnd.now, year)}** 前填报（原为 ${monthDay(c.afterEnd.was, year)}，${why}）`] : []),
  ]);
  return noticeCard({
    title: `培训执行期限调整：${classes.length} 期培训班`,
    color: 'orange',
    body: [`${year}年节假日安排已导入，工作日按国务院安排（含调休上班）计算，以下培训班的期限随之改变：`, '', ...lines].join('\n'),
    buttons: [button('查看执行情况', { a: 'exec_list' }, 'primary_filled')],
    footer: '期限指该环节最晚完成（填报）的日期。发送「执行」查看本单位全部培训班。',
  });
}
