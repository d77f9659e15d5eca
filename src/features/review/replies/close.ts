// The close in words: what the units whose plans expired hear, what reviewers hear, and what an operator reads.
import { formatDeadline } from '../../../domain/dates.ts';
import type { PlanRecord } from '../../../ports/plans.ts';
import type { CloseResult } from '../types.ts';

export function expiredText(year: number, reviseClosesAt: Date, plans: readonly PlanRecord[]): string {
  const list = plans.map((p) => `${p.number}《${p.data.title ?? '（未填写名称）'}》`).join('、');
  return `${year}年度培训计划的修改期限已于 ${formatDeadline(reviseClosesAt)} 截止，系统已关闭。您单位以下计划未提交，已作逾期处理，不再受理：${list}。如有疑问，请联系市人力资源社会保障局职建科（0772-2825472）。`;
}

export const closedForReviewersText = (year: number, waiting: number, expired: number) =>
  `${year}年度培训计划申报已关闭：${waiting} 个计划等待复审，${expired} 个逾期。发送「复审」开始第二次审核。`;

export function closeReport(r: CloseResult): string[] {
  return [r.closed.length ? `已关闭 ${r.closed.map((y) => `${y}年度`).join('、')}的申报，${r.expired} 个计划作逾期处理。` : '没有到了修改截止、尚未关闭的申报年度。'];
}
