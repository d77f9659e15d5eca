// What the admin commands give the services: the same dependencies as the bot, with messages queued in the
// outbox (the running bot delivers them) and a Feishu client that is only used when credentials are set.
import { systemClock } from '../clock.ts';
import { calendarDeps, executionDeps } from '../compose.ts';
import { createOutboxRepo } from '../db/outbox-repo.ts';
import { createSpreadsheets } from '../excel/spreadsheets.ts';
import { createFeishuApi } from '../feishu/api.ts';
import type { CalendarDeps } from '../features/calendar/deps.ts';
import type { ExecutionDeps } from '../features/execution/deps.ts';
import { createMessenger } from '../runtime/messenger.ts';
import type { CliContext } from './types.ts';

function adapters(ctx: CliContext, now: Date) {
  const messenger = createMessenger(createOutboxRepo(ctx.db), systemClock, () => {}, ctx.logger);
  const api = createFeishuApi({ appId: 'cli', appSecret: 'cli', baseUrl: 'http://127.0.0.1:9', logger: ctx.logger, ...ctx.config?.feishu });
  return { db: ctx.db, messenger, clock: { now: () => now }, logger: ctx.logger, reviewChatId: ctx.config?.reviewChatId, reminders: ctx.config?.reminders, sheets: createSpreadsheets(), api };
}

export function cliDeps(ctx: CliContext, now: Date = ctx.now): ExecutionDeps {
  return executionDeps(adapters(ctx, now));
}

export function cliCalendarDeps(ctx: CliContext, now: Date = ctx.now): CalendarDeps {
  return calendarDeps(adapters(ctx, now));
}
