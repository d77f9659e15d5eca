// The one place the features are put together: the bot, the CLI, the sandbox and the tests all call
// createContainer with their adapters (Prisma stores or in-memory twins, the outbox messenger or a recorder,
// the spreadsheet reader, Feishu or a stand-in) and get the same features wired the same way.
import { CommandRegistry, menuOf } from './bot/commands.ts';
import { createHub } from './bot/hub.ts';
import { createBot } from './bot/kernel.ts';
import type { Feature, Kit } from './bot/manifest.ts';
import { calendarFeature } from './features/calendar/manifest.ts';
import { declarationFeature } from './features/declaration/manifest.ts';
import { excelFeature } from './features/excel/manifest.ts';
import { executionFeature } from './features/execution/manifest.ts';
import { helpFeature } from './features/help/manifest.ts';
import { linkingFeature } from './features/linking/manifest.ts';
import { referenceFeature } from './features/reference/manifest.ts';
import { remindersFeature } from './features/reminders/manifest.ts';
import { reviewFeature } from './features/review/manifest.ts';
import type { Ports, Settings, Stores } from './ports/index.ts';
import type { FeishuApi } from './ports/feishu.ts';
import type { Messenger } from './ports/messenger.ts';
import type { Spreadsheets } from './ports/sheets.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/**
 * Every feature, in the order their commands are listed in help and their jobs run (a time travel in the
 * sandbox runs the reminders before the close).
 */
export const FEATURES: readonly ((ports: Ports, kit: Kit) => Feature)[] = [
  helpFeature,
  linkingFeature,
  declarationFeature,
  excelFeature,
  remindersFeature,
  reviewFeature,
  executionFeature,
  calendarFeature,
  referenceFeature,
];

export type ContainerOptions = {
  stores: Stores;
  messenger: Messenger;
  sheets: Spreadsheets;
  feishu: Pick<FeishuApi, 'downloadResource' | 'getUser' | 'resolveMobiles'>;
  clock: Clock;
  logger: Logger;
  settings: Settings;
  /** The bot's own open_id, to tell "@bot" from other mentions in group chats (unknown: null). */
  botOpenId?: () => Promise<string | null>;
};

export type Container = ReturnType<typeof createContainer>;

export function createContainer(o: ContainerOptions) {
  const ports: Ports = {
    ...o.stores,
    messenger: o.messenger,
    declarationSheets: o.sheets,
    executionSheets: o.sheets,
    referenceSheets: o.sheets,
    files: o.feishu,
    directory: o.feishu,
    clock: o.clock,
    logger: o.logger,
    settings: o.settings,
  };
  const hub = createHub();
  const commands = new CommandRegistry();
  const features = FEATURES.map((feature) => feature(ports, { hub, commands }));
  const bot = createBot({ ...ports, features, commands, botOpenId: o.botOpenId ?? (async () => null) });
  return { ports, hub, commands, features, ...bot, menu: menuOf(commands.all()) };
}
