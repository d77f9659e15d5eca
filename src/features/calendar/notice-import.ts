// Loading a year's schedule from the State Council's notice, the same way from the bot and from the CLI: what
// the notice says against what the year has now (days that change, by month, the admin's own days), then,
// on purpose, storing it as the year's schedule in one transaction and telling the people whose due dates
// moved [DOMAIN.md "The campaign calendar"].
import crypto from 'node:crypto';
import type { ImportOutcome, NoticeView } from '../../cards/holiday-card.ts';
import { formatDateTime } from '../../domain/dates.ts';
import type { NoticeProblem, ReadNotice } from '../../domain/holiday-notice.ts';
import { describeProblem } from '../../domain/holiday-notice.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import { calendarChanges, monthSummaries } from '../../domain/year-calendar.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import type { CalendarDeps } from './deps.ts';
import { announceMoves, dueDateMoves } from './moves.ts';
import type { NoticeContent, StoredNotice } from '../../ports/calendar.ts';

export const CLI_ACTOR = 'cli';

export function contentOf(n: ReadNotice): NoticeContent {
  const contentHash = crypto.createHash('sha256').update(JSON.stringify(n.schedule.days)).digest('hex');
  return { year: n.year, contentHash, festivals: n.festivals, days: [...n.schedule.days], notes: n.notes };
}

export async function personName(deps: CalendarDeps, openId: string | null): Promise<string> {
  if (!openId) return '—';
  if (openId === CLI_ACTOR) return '管理员（命令行）';
  return (await deps.people.find(openId))?.name ?? openId;
}

/** Where a year's schedule comes from, for people. */
export async function scheduleLabel(deps: CalendarDeps, year: number, cal: WorkCalendar): Promise<string> {
  const source = cal.yearSource(year);
  if (source === 'official') return '国务院安排（系统内置）';
  if (source === 'none') return '没有安排（暂按周一至周五计算）';
  const n = await deps.holidayNotices.current(year);
  return n ? `国务院办公厅通知，${formatDateTime(n.importedAt!)} 由 ${await personName(deps, n.importedBy)} 导入` : '国务院办公厅通知';
}

/** What storing this content would do to its year. */
export async function viewOf(deps: CalendarDeps, c: NoticeContent): Promise<NoticeView> {
  const before = await loadWorkCalendar(deps);
  const after = await loadWorkCalendar(deps, { year: c.year, days: c.days });
  const none = before.yearSource(c.year) === 'none';
  return {
    year: c.year,
    festivals: c.festivals,
    notes: c.notes,
    months: monthSummaries(after, c.year),
    current: none ? { kind: 'none' } : { kind: 'schedule', label: await scheduleLabel(deps, c.year, before) },
    currentId: (await deps.holidayNotices.current(c.year))?.id ?? 0,
    changes: calendarChanges(before, after, c.year),
    adminDays: (await deps.calendarData.adminDays()).filter((d) => d.date.startsWith(`${c.year}-`)),
  };
}

/** The year's schedule already says exactly this. */
export async function alreadyCurrent(deps: CalendarDeps, c: NoticeContent): Promise<StoredNotice | null> {
  const current = await deps.holidayNotices.current(c.year);
  return current?.contentHash === c.contentHash ? current : null;
}

export async function outcomeOf(deps: CalendarDeps, n: StoredNotice): Promise<ImportOutcome> {
  return {
    by: await personName(deps, n.importedBy),
    at: n.importedAt ?? n.createdAt,
    checked: n.moves?.checked ?? 0,
    moved: n.moves?.moves.length ?? 0,
    people: Object.keys(n.moves?.recipients ?? {}).length,
  };
}

export type ImportResult = { ok: true; notice: StoredNotice; outcome: ImportOutcome } | { ok: false; notice: StoredNotice | null };

/** Makes a pending notice its year's schedule (once: a second call finds it imported) and announces the moves. */
export async function importPending(deps: CalendarDeps, n: StoredNotice, by: string): Promise<ImportResult> {
  if (n.status !== 'pending' || n.year === null) return { ok: false, notice: n };
  const before = await loadWorkCalendar(deps);
  const after = await loadWorkCalendar(deps, { year: n.year, days: n.days });
  const moves = await dueDateMoves(deps, before, after, n.year);
  const stored = await deps.holidayNotices.commit({ id: n.id, version: n.version, by, at: deps.clock.now(), moves });
  if (!stored) return { ok: false, notice: await deps.holidayNotices.get(n.id) };
  deps.logger.info({ notice: stored.id, year: stored.year, by }, 'holiday schedule imported');
  await announceMoves(deps, stored);
  return { ok: true, notice: stored, outcome: await outcomeOf(deps, stored) };
}

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
