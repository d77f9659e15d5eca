// The working-day calendar in chat: 节假日 shows a year; an admin loads the State Council's notice (pasted,
// or after 导入节假日) and confirms it on a card; admins are reminded weekly while a needed year is missing.
import { command, type Feature } from '../../bot/manifest.ts';
import { yearArg } from '../../bot/commands.ts';
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import { may } from '../../domain/people.ts';
import { looksLikeHolidayNotice } from '../../domain/holiday-notice.ts';
import type { CalendarDeps } from './deps.ts';
import { calendarCardRoutes, receiveNotice } from './index.ts';
import { remindMissingYears } from './missing-year.ts';
import { ADMINS_IMPORT, describeMissingYears, HOW, noticeReply, type MissingYearReport } from './replies.ts';
import { yearCard } from './year-view.ts';

/** 「导入节假日 2027 …全文…」: an optional year, then the text. */
function splitYear(args: string): { year: number | undefined; text: string } {
  const m = /^(\d{4})年?(?:[\s:：，,]+|$)([\s\S]*)$/.exec(args);
  return m ? { year: yearArg(m[1]!), text: m[2]! } : { year: undefined, text: args };
}

function calendarCommands(deps: CalendarDeps) {
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
          if (!may(ctx.person, 'admin')) return ctx.reply.text(ADMINS_IMPORT);
          return noticeReply(await receiveNotice(deps, ctx.person!, text, year, ctx.log), ctx.reply);
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
        return noticeReply(await receiveNotice(deps, ctx.person, text, year, ctx.log), ctx.reply);
      },
    }),
  ];
}

export function calendarFeature(deps: CalendarDeps): Feature {
  return {
    name: 'calendar',
    commands: calendarCommands(deps),
    cards: calendarCardRoutes(deps),
    chat: {
      // The State Council's notice from an admin comes first: pasted mid-declaration it is not an answer.
      intercept: {
        order: 10,
        take: async (person, text, reply, log) => {
          if (!may(person, 'admin') || !looksLikeHolidayNotice(text)) return false;
          await noticeReply(await receiveNotice(deps, person!, text, undefined, log), reply);
          return true;
        },
      },
    },
    jobs: [
      {
        name: 'calendar-check',
        title: '节假日安排检查',
        dryRunnable: true,
        description: '当年或（从11月1日起）下一年的节假日安排尚未导入时，每周提醒管理员一次（工作日 09:00 以后，遇节假日顺延）',
        schedule: '*/15 * * * *',
        atStart: true,
        run: async (now, opts) => ({ ...(await remindMissingYears(deps, now, opts?.dryRun)) }),
        describe: (r, opts) => describeMissingYears(r as unknown as MissingYearReport, !!opts.dryRun),
      },
    ],
  };
}
