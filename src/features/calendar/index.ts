// The calendar feature in chat: 「节假日 2027」 shows a year; an admin sends the State Council's notice (its
// text, or 「导入节假日」 and the text) and gets a card of what it says, with 确认导入 / 取消; the parsed
// schedule waits server-side, the buttons carry only its id.
import { cancelledNoticeCard, importedNoticeCard, needsYearCard, pendingNoticeCard } from '../../cards/holiday-card.ts';
import { beijingYmd, formatDateTime, ymdParts } from '../../domain/dates.ts';
import { looksLikeHolidayNotice, readHolidayNotice } from '../../domain/holiday-notice.ts';
import { may, type Person } from '../../domain/people.ts';
import type { Logger } from '../../logger.ts';
import { valueOf } from '../../cards/actions.ts';
import { yearArg } from '../../bot/commands.ts';
import type { CardResponse } from '../../inbound.ts';
import type { CalendarDeps } from './deps.ts';
import { alreadyCurrent, contentOf, importPending, outcomeOf, personName, problemsText, viewOf } from './notice-import.ts';
import { announceMoves } from './moves.ts';
import { yearCard } from './year-view.ts';
import type { Reply } from '../../bot/reply.ts';
import { command, route } from '../../bot/manifest.ts';
import type { StoredNotice } from '../../ports/calendar.ts';

/** The years a notice without a title is likely for: next year from July on, else this year first. */
function likelyYears(now: Date): number[] {
  const { y, m } = ymdParts(beijingYmd(now));
  return m >= 7 ? [y + 1, y] : [y, y + 1];
}

/** A notice an admin sent: checked, and a card to confirm, or every problem named. */
export async function receiveNotice(deps: CalendarDeps, person: Person, text: string, year: number | undefined, reply: Reply, log: Logger): Promise<void> {
  const r = readHolidayNotice(text, { year });
  const at = deps.clock.now();
  if (!r.ok && r.problems.every((p) => p.code === 'no_year')) {
    const n = await deps.holidayNotices.create({ text, content: null, channel: 'chat', by: person.openId, at });
    return reply.card(needsYearCard(n.id, likelyYears(at)));
  }
  if (!r.ok) {
    log.info({ problems: r.problems.length }, 'holiday notice refused');
    return reply.text(problemsText(r.problems).join('\n'));
  }
  const content = contentOf(r.notice);
  const same = await alreadyCurrent(deps, content);
  if (same) {
    return reply.text(`${content.year}年的节假日安排已于 ${formatDateTime(same.importedAt!)} 由 ${await personName(deps, same.importedBy)} 导入，与这份通知内容相同，无需再次导入。发送「节假日 ${content.year}」查看。`);
  }
  const n = await deps.holidayNotices.create({ text, content, channel: 'chat', by: person.openId, at });
  await reply.card(pendingNoticeCard(n.id, await viewOf(deps, content)));
}

/** 「导入节假日 2027 …全文…」: an optional year, then the text. */
function splitYear(args: string): { year: number | undefined; text: string } {
  const m = /^(\d{4})年?(?:[\s:：，,]+|$)([\s\S]*)$/.exec(args);
  return m ? { year: yearArg(m[1]!), text: m[2]! } : { year: undefined, text: args };
}

const HOW = '请把《国务院办公厅关于YYYY年部分节假日安排的通知》全文（从中国政府网复制，连同标题）直接发给我，或发送「导入节假日」并在后面粘贴全文。';

export function calendarCommands(deps: CalendarDeps) {
  return [
    command({
      id: 'holidays',
      words: ['节假日', '节假日安排', '工作日安排'],
      phrases: ['放假', '放几天假', '调休', '上班安排', '休息日', '是不是工作日', '假期安排'],
      audience: 'anyone',
      summary: '查看某年的节假日安排和每月工作日数',
      usage: '节假日 2027',
      run: async (ctx) => {
        const { year, text } = splitYear(ctx.args);
        if (text && looksLikeHolidayNotice(text)) {
          if (!may(ctx.person, 'admin')) return ctx.reply.text('节假日安排由系统管理员导入。发送「节假日」查看已有的安排。');
          return receiveNotice(deps, ctx.person!, text, year, ctx.reply, ctx.log);
        }
        await ctx.reply.card(await yearCard(deps, year ?? yearArg(ctx.args) ?? ymdParts(beijingYmd(ctx.now)).y, ctx.person));
      },
    }),
    command({
      id: 'holiday_import',
      words: ['导入节假日', '导入节假日安排', '节假日导入'],
      phrases: ['导入放假通知', '放假通知导入'],
      audience: 'admin' as const,
      summary: '导入国务院节假日安排：发送《国务院办公厅关于YYYY年部分节假日安排的通知》全文',
      usage: '导入节假日（后接通知全文）',
      run: async (ctx) => {
        const { year, text } = splitYear(ctx.args);
        if (!text.trim()) return ctx.reply.text(HOW);
        return receiveNotice(deps, ctx.person, text, year, ctx.reply, ctx.log);
      },
    }),
  ];
}

async function answerDone(deps: CalendarDeps, n: StoredNotice | null): Promise<CardResponse> {
  if (!n) return { toast: { type: 'error', content: '找不到这份通知，请重新发送通知全文' } };
  if (n.status === 'imported') {
    await announceMoves(deps, n); // a retry after a crash between storing and queueing: the keys keep it once
    const o = await outcomeOf(deps, n);
    return { toast: { type: 'info', content: `已由 ${o.by} 于 ${formatDateTime(o.at)} 导入` }, card: importedNoticeCard({ year: n.year!, festivals: n.festivals }, o) };
  }
  if (n.status === 'replaced') return { toast: { type: 'info', content: `这份通知已导入过，${n.year}年的安排后来又重新导入。发送「节假日 ${n.year}」查看。` } };
  if (n.status === 'cancelled') return { toast: { type: 'info', content: '这份通知已取消，没有导入。需要时请重新发送全文' } };
  return { toast: { type: 'info', content: '请先选择这份通知的年份' } };
}

export function calendarCardRoutes(deps: CalendarDeps) {
  return {
    hol_import: route({
      audience: 'admin',
      value: valueOf('hol_import'),
      run: async (ctx) => {
        const n = await deps.holidayNotices.get(ctx.value.id);
        if (n?.status !== 'pending') return answerDone(deps, n);
        const current = await deps.holidayNotices.current(n.year!);
        if ((current?.id ?? 0) !== ctx.value.v) {
          // The year's schedule changed since this card compared against it: show what this notice changes now.
          const by = await personName(deps, current?.importedBy ?? null);
          const view = await viewOf(deps, { year: n.year!, contentHash: n.contentHash ?? '', festivals: n.festivals, days: n.days, notes: n.notes });
          return { toast: { type: 'warning', content: `这期间${n.year}年的安排已由 ${by} 重新导入，卡片已按现有安排更新，请核对后再确认` }, card: pendingNoticeCard(n.id, view) };
        }
        const r = await importPending(deps, n, ctx.person.openId);
        if (!r.ok) return answerDone(deps, r.notice);
        return { toast: { type: 'success', content: `已导入${n.year}年节假日安排` }, card: importedNoticeCard({ year: n.year!, festivals: n.festivals }, r.outcome) };
      },
    }),
    hol_cancel: route({
      audience: 'admin',
      value: valueOf('hol_cancel'),
      run: async (ctx) => {
        const n = await deps.holidayNotices.get(ctx.value.id);
        if (!n || !(await deps.holidayNotices.cancel(n.id, n.version))) return answerDone(deps, n && (await deps.holidayNotices.get(n.id)));
        return { toast: { type: 'info', content: '已取消，没有导入任何内容' }, card: cancelledNoticeCard(n.year) };
      },
    }),
    hol_year: route({
      audience: 'admin',
      value: valueOf('hol_year'),
      run: async (ctx) => {
        const n = await deps.holidayNotices.get(ctx.value.id);
        if (n?.status !== 'needs_year') return answerDone(deps, n);
        const r = readHolidayNotice(n.text, { year: ctx.value.year });
        if (!r.ok) {
          await ctx.reply.text(problemsText(r.problems).join('\n'));
          return { toast: { type: 'error', content: `按${ctx.value.year}年核对有 ${r.problems.length} 处问题，详见消息` } };
        }
        const content = contentOf(r.notice);
        if (!(await deps.holidayNotices.setContent(n.id, n.version, content))) return answerDone(deps, await deps.holidayNotices.get(n.id));
        return { toast: { type: 'info', content: `已按${content.year}年核对，请确认` }, card: pendingNoticeCard(n.id, await viewOf(deps, content)) };
      },
    }),
  };
}
