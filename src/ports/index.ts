// Every port the features may ask for, by name. A feature takes `Pick<Ports, …>` of what it uses; the
// container (container.ts) builds one Ports from Prisma and the adapters, the tests one from in-memory
// twins (test/support/fakes.ts). Several narrow ports may be one object underneath.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { ReminderSchedule } from '../domain/reminders.ts';
import type { HolidayNotices } from './calendar.ts';
import type { ConversationStore } from './conversations.ts';
import type { DeclarationUploads, UnitYears } from './declaration.ts';
import type { AttachmentStore, ClassStore, FileIntents, HistoryUploads, StepStore } from './execution.ts';
import type { FeishuDirectory, FeishuFiles } from './feishu.ts';
import type { Messenger } from './messenger.ts';
import type { LinkRequests, People, Roster } from './people.ts';
import type { PlanStore } from './plans.ts';
import type { BaseList, CalendarData, CampaignStore, UnitRegistry } from './reference.ts';
import type { ReminderLog, ReviewCards } from './review.ts';
import type { DeclarationSheets, ExecutionSheets, ReferenceSheets } from './sheets.ts';

/** Deployment choices the features read (from the configuration). */
export type Settings = {
  /** Review cards go to this group instead of each reviewer. */
  reviewChatId: string | undefined;
  /** When deadline reminders go out (working days before each deadline). */
  reminders: ReminderSchedule;
};

/** What is stored: one port per kind of record. */
export type Stores = {
  plans: PlanStore;
  registry: UnitRegistry;
  bases: BaseList;
  campaigns: CampaignStore;
  calendarData: CalendarData;
  people: People;
  roster: Roster;
  links: LinkRequests;
  conversations: ConversationStore;
  unitYears: UnitYears;
  uploads: DeclarationUploads;
  historyUploads: HistoryUploads;
  reviewCards: ReviewCards;
  reminderLog: ReminderLog;
  classes: ClassStore;
  steps: StepStore;
  attachments: AttachmentStore;
  fileIntents: FileIntents;
  holidayNotices: HolidayNotices;
};

export type Ports = Stores & {
  messenger: Messenger;
  declarationSheets: DeclarationSheets;
  executionSheets: ExecutionSheets;
  referenceSheets: ReferenceSheets;
  files: FeishuFiles;
  directory: FeishuDirectory;
  clock: Clock;
  logger: Logger;
  settings: Settings;
};

export type { Clock, Logger };
