// Wires the bot's features from its adapters: repositories, the Feishu API, the outbox messenger and the
// clock go in; the event handler, the card handler and the job dependencies come out. app.ts runs them.
import { may, type Person } from './domain/people.ts';
import { referenceUploadHandler } from './features/reference/index.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { formatDeadline } from './domain/dates.ts';
import { currentCampaignYear } from './domain/campaign.ts';
import { createConversationRepo } from './db/conversation-repo.ts';
import { createLinkRepo } from './db/link-repo.ts';
import { createPlanRepo } from './db/plan-repo.ts';
import type { Db } from './db/prisma.ts';
import { createReferenceRepo } from './db/reference-repo.ts';
import { createUnitYearRepo } from './db/unit-year-repo.ts';
import { createUnitLookup, createUserRepo } from './db/user-repo.ts';
import { createCardActionHandler } from './bot/card-actions.ts';
import { createChatHandler, personalReply } from './bot/chat.ts';
import { CommandRegistry, type Command } from './bot/commands.ts';
import { createReviewNoticeRepo } from './db/review-notice-repo.ts';
import { createExcelImportRepo } from './db/excel-import-repo.ts';
import type { ExcelDeps, SpreadsheetPort } from './features/excel/import.ts';
import { excelCardHandlers, excelCommands, excelUploadHandler } from './features/excel/index.ts';
import { onSubmittedForReview } from './features/review/decide.ts';
import type { ReminderDeps } from './features/reminders/index.ts';
import { createReminderLogRepo } from './db/reminder-log-repo.ts';
import { createExecutionRepo } from './db/execution-repo.ts';
import type { ExecutionDeps } from './features/execution/deps.ts';
import { executionCardHandlers, executionCommands, executionPages } from './features/execution/index.ts';
import { executionFileHandler } from './features/execution/files.ts';
import { historyUploadHandler } from './features/execution/history.ts';
import { DEFAULT_SCHEDULE, type ReminderSchedule } from './domain/reminders.ts';
import { reviewCommands, reviewHandlers, reviewPages } from './features/review/index.ts';
import { declarationCardHandlers, declarationCommands, declareFromSentence, openQuestion, declarationInterceptor, declarationPages } from './features/declaration/index.ts';
import { pageHandler } from './bot/paging.ts';
import { helpCommand } from './features/help/index.ts';
import { linkCardHandlers, linkCommand } from './features/linking/index.ts';
import type { Messenger } from './runtime/messenger.ts';
import type { FeishuApi } from './ports/feishu.ts';
import { campaignFor, loadWorkCalendar } from './model/reference-data.ts';
import { createHolidayNoticeRepo } from './db/holiday-notice-repo.ts';
import type { CalendarDeps } from './features/calendar/deps.ts';
import { calendarCardHandlers, calendarCommands, calendarInterceptor } from './features/calendar/index.ts';
import { T } from './bot/texts.ts';
import { waitNotice } from './bot/upload-wait.ts';

export type Features = ReturnType<typeof composeFeatures>;

/**
 * The declaration and review features' dependencies (also what the scheduled jobs and the CLI use).
 * A submitted plan goes straight to the reviewers as a review card.
 */
export function appDeps(o: {
  db: Db;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  reviewChatId?: string | undefined;
  reminders?: ReminderSchedule | undefined;
}): ReminderDeps {
  const { db, messenger } = o;
  const reference = createReferenceRepo(db);
  const deps: ReminderDeps = {
    plans: createPlanRepo(db),
    reference,
    conversations: createConversationRepo(db),
    users: createUserRepo(db),
    unitYears: createUnitYearRepo(db),
    messenger,
    clock: o.clock,
    logger: o.logger,
    onSubmitted: async (plan, unitName, log) => onSubmittedForReview(deps)(plan, unitName, log),
    notices: createReviewNoticeRepo(db),
    reviewChatId: o.reviewChatId,
    calendar: () => loadWorkCalendar(reference, o.logger),
    reminderLog: createReminderLogRepo(db),
    schedule: o.reminders ?? DEFAULT_SCHEDULE,
  };
  return deps;
}

/** Everything the features need (what the scheduled jobs and the CLI use too). */
export function executionDeps(o: Parameters<typeof appDeps>[0] & { sheets: SpreadsheetPort; api: FeishuApi }): ExecutionDeps {
  const deps: ExecutionDeps = { ...appDeps(o), imports: createExcelImportRepo(o.db), sheets: o.sheets, feishu: o.api, execution: createExecutionRepo(o.db) };
  deps.historyUpload = historyUploadHandler(deps);
  return deps;
}

/** The calendar feature's dependencies: the State Council's notices on top of everything else (CLI too). */
export function calendarDeps(o: Parameters<typeof executionDeps>[0]): CalendarDeps {
  return { ...executionDeps(o), holidayNotices: createHolidayNoticeRepo(o.db) };
}

export function composeFeatures(o: {
  db: Db;
  api: FeishuApi;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  botOpenId: () => Promise<string | null>;
  reviewChatId?: string | undefined;
  reminders?: ReminderSchedule | undefined;
  sheets: SpreadsheetPort;
}) {
  const { db, messenger, clock } = o;
  const calendar = calendarDeps(o);
  const execution: ExecutionDeps = calendar;
  const declaration = execution;
  const excel: ExcelDeps = execution;
  const { users, reference } = declaration;
  const units = createUnitLookup(db);
  const linking = { links: createLinkRepo(db), users, reference, messenger, feishu: o.api, clock };

  const commands = new CommandRegistry();
  commands.register(helpCommand({ commands, units }), linkCommand(linking), ...declarationCommands(declaration), ...excelCommands(excel), ...reviewCommands(declaration), ...executionCommands(execution), ...calendarCommands(calendar));

  const interceptNotice = calendarInterceptor(calendar);
  const interceptAnswer = declarationInterceptor(declaration);

  const deadlineLine = async (unitCode: string | null) => {
    if (!unitCode) return null;
    const c = await campaignFor(reference, currentCampaignYear(clock.now(), await reference.campaigns()));
    return clock.now() < c.declareClosesAt ? `${c.year}年度培训计划申报截止：**${formatDeadline(c.declareClosesAt)}**` : null;
  };

  // An admin's unit registry or training-base list, sent in chat.
  const referenceFiles = referenceUploadHandler({ sheets: o.sheets, feishu: o.api, reference, users });

  const handleEvent = createChatHandler({
    users,
    units,
    messenger,
    commands,
    clock,
    botOpenId: o.botOpenId,
    // The State Council's notice from an admin comes first: pasted mid-declaration it is not an answer.
    interceptText: async (person, text, reply, log) => (await interceptNotice(person, text, reply, log)) || interceptAnswer(person, text, reply, log),
    onFile: async (person, ev, reply, log) => {
      // A file for a package or a statement first (unless it is a declaration or 补录 sheet), then spreadsheets.
      const wait = waitNotice(reply, log);
      const isDataSheet = async (data: Buffer, name: string) => (await o.sheets.readHistory(data, name, wait)).ok || (await o.sheets.readDeclaration(data, name, wait)).ok;
      return (
        (await referenceFiles(person, ev, reply, log)) ||
        (await executionFileHandler(execution, isDataSheet)(person, ev, reply, log)) ||
        excelUploadHandler(excel)(person, ev, reply, log)
      );
    },
    deadlineLine,
    onClassSentence: (person, text, reply, log) => declareFromSentence(declaration, person, text, reply, log),
    openQuestion: (person) => openQuestion(declaration, person),
    pendingLink: async (openId) => {
      const r = await linking.links.pendingOf(openId);
      return r ? { unitCode: r.unitCode, unitName: (await reference.unit(r.unitCode))?.name ?? null, createdAt: r.createdAt } : null;
    },
  });

  /** A command run from a button: as if its word had been sent in the 1:1 chat, keyed on the click. */
  const runClicked = (command: Command, ctx: { person: Person | null; action: { openId: string; eventId: string }; now: Date; log: Logger }) =>
    command.run({
      person: ctx.person,
      openId: ctx.action.openId,
      args: '',
      now: ctx.now,
      chatType: 'p2p',
      log: ctx.log,
      reply: personalReply(messenger, ctx.action.openId, `click:${ctx.action.eventId}`),
    });

  const handleCard = createCardActionHandler({
    users,
    now: () => clock.now(),
    handlers: {
      help: async (ctx) => {
        await runClicked(commands.byMenuKey('help')!, ctx);
        return { toast: { type: 'success', content: T.helpSent } };
      },
      // A guess offered for an unclear message: the command runs as if its word had been sent (1:1 answer).
      cmd: async (ctx) => {
        const command = commands.all().find((c) => c.id === ctx.value.id);
        if (!command) return { toast: { type: 'error', content: T.staleButton } };
        if (!may(ctx.person, command.audience)) return { toast: { type: 'error', content: T.notAllowed(command.words[0]!) } };
        ctx.log.info({ command: command.id }, 'command by guess button');
        await runClicked(command, ctx);
        return { toast: { type: 'success', content: `「${command.words[0]}」` } };
      },
      ...declarationCardHandlers(declaration),
      ...linkCardHandlers(linking),
      ...reviewHandlers(declaration),
      ...excelCardHandlers(excel),
      ...executionCardHandlers(execution),
      ...calendarCardHandlers(calendar),
      page: pageHandler({ ...declarationPages(declaration), ...reviewPages(declaration), ...executionPages(execution) }),
    },
  });

  return { handleEvent, handleCard, commands, declaration, execution };
}
