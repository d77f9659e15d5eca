// What the admin commands use: the same container as the bot, with messages queued in the outbox (the running
// bot delivers them) and a Feishu client that is only used when credentials are set.
import { systemClock } from '../clock.ts';
import { settingsOf } from '../config.ts';
import { createContainer, type Container } from '../container.ts';
import { DEFAULT_SCHEDULE } from '../domain/reminders.ts';
import { createOutboxRepo } from '../db/outbox-repo.ts';
import { createStores } from '../db/stores.ts';
import { createSpreadsheets } from '../excel/spreadsheets.ts';
import { createFeishuApi } from '../feishu/api.ts';
import { createMessenger } from '../runtime/messenger.ts';
import type { CliContext } from './types.ts';

/** The features as of `now` (a command may run "as of" another instant). */
export function cliApp(ctx: CliContext, now: Date = ctx.now): Container {
  const api = createFeishuApi({ appId: 'cli', appSecret: 'cli', baseUrl: 'http://127.0.0.1:9', logger: ctx.logger, ...ctx.config?.feishu });
  return createContainer({
    stores: createStores(ctx.db),
    messenger: createMessenger(createOutboxRepo(ctx.db), systemClock, () => {}, ctx.logger),
    sheets: createSpreadsheets(),
    feishu: api,
    clock: { now: () => now },
    logger: ctx.logger,
    settings: ctx.config ? settingsOf(ctx.config) : { reviewChatId: undefined, reminders: DEFAULT_SCHEDULE },
  });
}

/** Every port, and the hub (a plan submitted from the CLI reaches the reviewers as from chat). */
export function cliDeps(ctx: CliContext, now: Date = ctx.now) {
  const app = cliApp(ctx, now);
  return { ...app.ports, hub: app.hub };
}
