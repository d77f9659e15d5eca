// Loading a year's schedule from the State Council's notice, the same way from the bot and from the CLI: what
// the notice says against what the year has now (days that change, by month, the admin's own days), then,
// on purpose, storing it as the year's schedule in one transaction and telling the people whose due dates
// moved [DOMAIN.md "The campaign calendar"].
import crypto from 'node:crypto';
import type { ImportOutcome, NoticeView } from '../../cards/holiday-card.ts';
import type { ReadNotice } from '../../domain/holiday-notice.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import { calendarChanges, monthSummaries } from '../../domain/year-calendar.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import type { CalendarDeps } from './deps.ts';
import { announceMoves, dueDateMoves } from './moves.ts';
import type { NoticeContent, StoredNotice } from '../../ports/calendar.ts';
import { CLI_ACTOR_NAME, scheduleLabelText } from './replies.ts';

export const CLI_ACTOR = 'cli';

export function contentOf(n: ReadNotice): NoticeContent {
  const contentHash = crypto.createHash('sha256').update(JSON.stringify(n.schedule.days)).digest('hex');
  return { year: n.year, contentHash, festivals: n.festivals, days: [...n.schedule.days], notes: n.notes };
}

export async function personName(deps: CalendarDeps, openId: string | null): Promise<string> {
  if (!openId) return '—';
  if (openId === CLI_ACTOR) return CLI_ACTOR_NAME;
  return (await deps.people.find(openId))?.name ?? openId;
}

/** Where a year's schedule comes from, for people. */
export async function scheduleLabel(deps: CalendarDeps, year: number, cal: WorkCalendar): Promise<string> {
  const source = cal.yearSource(year);
  if (source !== 'notice') return scheduleLabelText({ kind: source });
  const n = await deps.holidayNotices.current(year);
  return scheduleLabelText(n ? { kind: 'notice', importedAt: n.importedAt!, by: await personName(deps, n.importedBy) } : { kind: 'notice_unknown' });
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
