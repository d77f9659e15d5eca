// The calendar feature's use cases in chat: an admin sends the State Council's notice (its text, or
// 「导入节假日」 and the text) and gets a card of what it says, with 确认导入 / 取消; the parsed schedule waits
// server-side, the buttons carry only its id. Each returns what happened; replies.ts says it.
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import { readHolidayNotice } from '../../domain/holiday-notice.ts';
import type { Person } from '../../domain/people.ts';
import type { Logger } from '../../logger.ts';
import { valueOf } from '../../cards/actions.ts';
import { route } from '../../bot/manifest.ts';
import type { StoredNotice } from '../../ports/calendar.ts';
import type { CalendarDeps } from './deps.ts';
import { alreadyCurrent, contentOf, importPending, outcomeOf, personName, viewOf } from './notice-import.ts';
import { announceMoves } from './moves.ts';
import { clickResponse, problemsText, type NoticeClick, type NoticeResult } from './replies.ts';

/** The years a notice without a title is likely for: next year from July on, else this year first. */
function likelyYears(now: Date): number[] {
  const { y, m } = ymdParts(beijingYmd(now));
  return m >= 7 ? [y + 1, y] : [y, y + 1];
}

/** A notice an admin sent: checked, and held for confirmation, or every problem named. */
export async function receiveNotice(deps: CalendarDeps, person: Person, text: string, year: number | undefined, log: Logger): Promise<NoticeResult> {
  const r = readHolidayNotice(text, { year });
  const at = deps.clock.now();
  if (!r.ok && r.problems.every((p) => p.code === 'no_year')) {
    const n = await deps.holidayNotices.create({ text, content: null, channel: 'chat', by: person.openId, at });
    return { status: 'needs_year', id: n.id, years: likelyYears(at) };
  }
  if (!r.ok) {
    log.info({ problems: r.problems.length }, 'holiday notice refused');
    return { status: 'refused', problems: r.problems };
  }
  const content = contentOf(r.notice);
  const same = await alreadyCurrent(deps, content);
  if (same) return { status: 'same', year: content.year, at: same.importedAt!, by: await personName(deps, same.importedBy) };
  const n = await deps.holidayNotices.create({ text, content, channel: 'chat', by: person.openId, at });
  return { status: 'pending', id: n.id, view: await viewOf(deps, content) };
}

/** A click on a notice no longer waiting for it: what became of it. */
async function doneState(deps: CalendarDeps, n: StoredNotice | null): Promise<NoticeClick> {
  if (!n) return { status: 'gone' };
  if (n.status === 'imported') {
    await announceMoves(deps, n); // a retry after a crash between storing and queueing: the keys keep it once
    return { status: 'imported_before', year: n.year!, festivals: n.festivals, outcome: await outcomeOf(deps, n) };
  }
  if (n.status === 'replaced') return { status: 'replaced', year: n.year };
  if (n.status === 'cancelled') return { status: 'cancelled_before' };
  return { status: 'no_year_yet' };
}

/** 确认导入: the notice becomes its year's schedule, unless the year changed since the card was drawn. */
async function confirmImport(deps: CalendarDeps, id: number, shownCurrent: number, by: string): Promise<NoticeClick> {
  const n = await deps.holidayNotices.get(id);
  if (n?.status !== 'pending') return doneState(deps, n);
  const current = await deps.holidayNotices.current(n.year!);
  if ((current?.id ?? 0) !== shownCurrent) {
    // The year's schedule changed since this card compared against it: show what this notice changes now.
    const view = await viewOf(deps, { year: n.year!, contentHash: n.contentHash ?? '', festivals: n.festivals, days: n.days, notes: n.notes });
    return { status: 'changed_meanwhile', year: n.year!, by: await personName(deps, current?.importedBy ?? null), id: n.id, view };
  }
  const r = await importPending(deps, n, by);
  if (!r.ok) return doneState(deps, r.notice);
  return { status: 'imported', year: n.year!, festivals: n.festivals, outcome: r.outcome };
}

async function cancelNotice(deps: CalendarDeps, id: number): Promise<NoticeClick> {
  const n = await deps.holidayNotices.get(id);
  if (!n || !(await deps.holidayNotices.cancel(n.id, n.version))) return doneState(deps, n && (await deps.holidayNotices.get(n.id)));
  return { status: 'cancelled', year: n.year };
}

/** A year picked for a notice without a title: checked against that year. */
async function pickYear(deps: CalendarDeps, id: number, year: number): Promise<NoticeClick> {
  const n = await deps.holidayNotices.get(id);
  if (n?.status !== 'needs_year') return doneState(deps, n);
  const r = readHolidayNotice(n.text, { year });
  if (!r.ok) return { status: 'problems', year, problems: r.problems };
  const content = contentOf(r.notice);
  if (!(await deps.holidayNotices.setContent(n.id, n.version, content))) return doneState(deps, await deps.holidayNotices.get(n.id));
  return { status: 'checked', year: content.year, id: n.id, view: await viewOf(deps, content) };
}

export function calendarCardRoutes(deps: CalendarDeps) {
  return {
    hol_import: route({
      audience: 'admin',
      value: valueOf('hol_import'),
      run: async (ctx) => clickResponse(await confirmImport(deps, ctx.value.id, ctx.value.v, ctx.person.openId)),
    }),
    hol_cancel: route({
      audience: 'admin',
      value: valueOf('hol_cancel'),
      run: async (ctx) => clickResponse(await cancelNotice(deps, ctx.value.id)),
    }),
    hol_year: route({
      audience: 'admin',
      value: valueOf('hol_year'),
      run: async (ctx) => {
        const r = await pickYear(deps, ctx.value.id, ctx.value.year);
        if (r.status === 'problems') await ctx.reply.text(problemsText(r.problems).join('\n'));
        return clickResponse(r);
      },
    }),
  };
}
