// The working-day calendar in chat: 节假日 shows a year; an admin loads the State Council's notice (pasted,
// or after 导入节假日) and confirms it on a card; admins are reminded weekly while a needed year is missing.
import type { Feature } from '../../bot/manifest.ts';
import { may } from '../../domain/people.ts';
import { looksLikeHolidayNotice } from '../../domain/holiday-notice.ts';
import type { CalendarDeps } from './deps.ts';
import { calendarCardRoutes, calendarCommands, receiveNotice } from './index.ts';
import { describeMissingYears, remindMissingYears, type MissingYearReport } from './missing-year.ts';

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
          await receiveNotice(deps, person!, text, undefined, reply, log);
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
