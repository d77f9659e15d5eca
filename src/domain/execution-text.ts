// How execution facts read in a line: a class's dates, a due day, an amount, what a reported step says.
import { formatMonthDay, ymdParts, type Ymd } from './dates.ts';
import type { StepData, StepNo } from './execution-steps.ts';

/** 3月2日–3月4日, with the year when it is not `thisYear`. */
export function formatRange(start: Ymd, end: Ymd): string {
  const a = ymdParts(start);
  const b = ymdParts(end);
  const left = `${a.m}月${a.d}日`;
  const right = a.y === b.y ? `${b.m}月${b.d}日` : `${b.y}年${b.m}月${b.d}日`;
  return start === end ? `${a.y}年${left}` : `${a.y}年${left}–${right}`;
}

/** A Ymd as 3月2日. */
export const shortDay = formatMonthDay;

export const yuanText = (n: number) => `${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;

/** What a reported step says, in one short line: 签到 44 人, 结算 35,800.00元. */
export function stepSummary(step: StepNo, d: StepData): string {
  switch (step) {
    case 1:
      return [d.mode, d.scope, d.institution, d.headcount !== null && d.headcount !== undefined ? `${d.headcount}人` : null].filter(Boolean).join(' · ');
    case 2:
      return `${typeof d.publishedOn === 'string' ? shortDay(d.publishedOn) : ''}发布${d.channel ? `（${d.channel}）` : ''}`;
    case 3:
      return `报名 ${d.registered} 人，审核通过 ${d.accepted} 人`;
    case 4:
      return `签到 ${d.attended} 人`;
    case 5:
      return `${d.hours} 学时，教师：${d.teachers}`;
    case 6:
      return `结算 ${typeof d.amount === 'number' ? yuanText(d.amount) : d.amount}`;
  }
}
