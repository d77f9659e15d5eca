// What the calendar feature says: the answer to a notice an admin sent, the toasts of 确认导入 / 取消 / a
// year picked, a notice's problems, where a year's schedule comes from, and the missing-year job's report.
import { cancelledNoticeCard, importedNoticeCard, needsYearCard, pendingNoticeCard, type ImportOutcome, type NoticeView } from '../../cards/holiday-card.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { describeProblem, type Festival, type NoticeProblem } from '../../domain/holiday-notice.ts';
import type { Reply } from '../../bot/reply.ts';
import type { CardResponse } from '../../inbound.ts';

/** 导入节假日 with nothing after it. */
export const HOW = '请把《国务院办公厅关于YYYY年部分节假日安排的通知》全文（从中国政府网复制，连同标题）直接发给我，或发送「导入节假日」并在后面粘贴全文。';
/** A notice pasted by someone who is not an admin. */
export const ADMINS_IMPORT = '节假日安排由系统管理员导入。发送「节假日」查看已有的安排。';
/** Who imported from the command line. */
export const CLI_ACTOR_NAME = '管理员（命令行）';

const SHOWN = 10;

/** A notice that cannot be stored, for people: every sentence named, and what to do. */
export function problemsText(problems: readonly NoticeProblem[]): string[] {
  return [
    `没有导入：这份节假日通知有 ${problems.length} 处读不懂或与日期矛盾：`,
    ...problems.slice(0, SHOWN).map((p, i) => `${i + 1}. ${describeProblem(p)}`),
    ...(problems.length > SHOWN ? [`……另有 ${problems.length - SHOWN} 处`] : []),
    '请对照中国政府网（www.gov.cn）发布的通知原文核对这些句子，改正后把通知全文重新发送。这次什么都没有保存，工作日的计算没有改变。',
  ];
}

export type ScheduleSource = { kind: 'official' } | { kind: 'none' } | { kind: 'notice'; importedAt: Date; by: string } | { kind: 'notice_unknown' };

/** Where a year's schedule comes from, for people. */
export function scheduleLabelText(s: ScheduleSource): string {
  if (s.kind === 'official') return '国务院安排（系统内置）';
  if (s.kind === 'none') return '没有安排（暂按周一至周五计算）';
  return s.kind === 'notice' ? `国务院办公厅通知，${formatDateTime(s.importedAt)} 由 ${s.by} 导入` : '国务院办公厅通知';
}

/** What became of a notice an admin sent. */
export type NoticeResult =
  | { status: 'needs_year'; id: number; years: number[] }
  | { status: 'refused'; problems: readonly NoticeProblem[] }
  | { status: 'same'; year: number; at: Date; by: string }
  | { status: 'pending'; id: number; view: NoticeView };

export function noticeReply(r: NoticeResult, reply: Reply): Promise<void> {
  switch (r.status) {
    case 'needs_year':
      return reply.card(needsYearCard(r.id, r.years));
    case 'refused':
      return reply.text(problemsText(r.problems).join('\n'));
    case 'same':
      return reply.text(`${r.year}年的节假日安排已于 ${formatDateTime(r.at)} 由 ${r.by} 导入，与这份通知内容相同，无需再次导入。发送「节假日 ${r.year}」查看。`);
    case 'pending':
      return reply.card(pendingNoticeCard(r.id, r.view));
  }
}

/** What a click on a notice's card found or did. */
export type NoticeClick =
  | { status: 'gone' }
  | { status: 'imported_before'; year: number; festivals: Festival[]; outcome: ImportOutcome }
  | { status: 'replaced'; year: number | null }
  | { status: 'cancelled_before' }
  | { status: 'no_year_yet' }
  | { status: 'changed_meanwhile'; year: number; by: string; id: number; view: NoticeView }
  | { status: 'imported'; year: number; festivals: Festival[]; outcome: ImportOutcome }
  | { status: 'cancelled'; year: number | null }
  | { status: 'problems'; year: number; problems: readonly NoticeProblem[] }
  | { status: 'checked'; year: number; id: number; view: NoticeView };

export function clickResponse(r: NoticeClick): CardResponse {
  switch (r.status) {
    case 'gone':
      return { toast: { type: 'error', content: '找不到这份通知，请重新发送通知全文' } };
    case 'imported_before':
      return { toast: { type: 'info', content: `已由 ${r.outcome.by} 于 ${formatDateTime(r.outcome.at)} 导入` }, card: importedNoticeCard({ year: r.year, festivals: r.festivals }, r.outcome) };
    case 'replaced':
      return { toast: { type: 'info', content: `这份通知已导入过，${r.year}年的安排后来又重新导入。发送「节假日 ${r.year}」查看。` } };
    case 'cancelled_before':
      return { toast: { type: 'info', content: '这份通知已取消，没有导入。需要时请重新发送全文' } };
    case 'no_year_yet':
      return { toast: { type: 'info', content: '请先选择这份通知的年份' } };
    case 'changed_meanwhile':
      return { toast: { type: 'warning', content: `这期间${r.year}年的安排已由 ${r.by} 重新导入，卡片已按现有安排更新，请核对后再确认` }, card: pendingNoticeCard(r.id, r.view) };
    case 'imported':
      return { toast: { type: 'success', content: `已导入${r.year}年节假日安排` }, card: importedNoticeCard({ year: r.year, festivals: r.festivals }, r.outcome) };
    case 'cancelled':
      return { toast: { type: 'info', content: '已取消，没有导入任何内容' }, card: cancelledNoticeCard(r.year) };
    case 'problems':
      return { toast: { type: 'error', content: `按${r.year}年核对有 ${r.problems.length} 处问题，详见消息` } };
    case 'checked':
      return { toast: { type: 'info', content: `已按${r.year}年核对，请确认` }, card: pendingNoticeCard(r.id, r.view) };
  }
}

/** The missing-year reminder's log items. */
export const missingItem = (year: number) => `${year}年节假日安排未导入`;

export type MissingYearReport = { missing: number[]; due: boolean; week: string; time: string; sent: number; alreadySent: number; admins: number };

export function describeMissingYears(r: MissingYearReport, dryRun: boolean): string[] {
  if (!r.missing.length) return ['所需年份的节假日安排都已就绪，不需要提醒。'];
  const years = r.missing.map((y) => `${y}年`).join('、');
  if (!r.due) return [`${years}节假日安排尚未导入；现在不是提醒时间（工作日 ${r.time} 以后、夜间以外），本周稍后提醒。`];
  if (dryRun) return [`${years}节假日安排尚未导入：将提醒 ${r.admins} 位管理员（试运行，未发送）。`];
  return [`${years}节假日安排尚未导入：本周（${r.week} 起）已提醒 ${r.sent} 位管理员${r.alreadySent ? `，此前已提醒 ${r.alreadySent} 位` : ''}。`];
}
