// In-memory twins of every store port (ports/index.ts), behaving as the Prisma repositories in src/db/ do:
// the same ordering, conditional writes, unique keys, plan numbers, JSON copies and Dates. The contract suite
// (test/contract/) runs the same cases against both. One createFakeStores() is one empty database.
import type { Stores } from '../../src/ports/index.ts';
import { createFakeHolidayNotices } from './fakes/calendar.ts';
import { createFakeConversationStore } from './fakes/conversations.ts';
import { createFakeDb, type FakeDb } from './fakes/db.ts';
import { createFakeUnitYears } from './fakes/declaration.ts';
import { createFakeAttachmentStore, createFakeClassStore, createFakeFileIntents, createFakeStepStore } from './fakes/execution.ts';
import { createFakeLinkRequests, createFakePeople, createFakeRoster } from './fakes/people.ts';
import { createFakePlanStore } from './fakes/plans.ts';
import { createFakeBaseList, createFakeCalendarData, createFakeCampaignStore, createFakeUnitRegistry } from './fakes/reference.ts';
import { createFakeReminderLog, createFakeReviewCards } from './fakes/review.ts';
import { createFakeDeclarationUploads, createFakeHistoryUploads } from './fakes/uploads.ts';

export type { FakeDb };

export function createFakeStores(db: FakeDb = createFakeDb()): Stores {
  return {
    plans: createFakePlanStore(db),
    registry: createFakeUnitRegistry(db),
    bases: createFakeBaseList(db),
    campaigns: createFakeCampaignStore(db),
    calendarData: createFakeCalendarData(db),
    people: createFakePeople(db),
    roster: createFakeRoster(db),
    links: createFakeLinkRequests(db),
    conversations: createFakeConversationStore(db),
    unitYears: createFakeUnitYears(db),
    uploads: createFakeDeclarationUploads(db),
    historyUploads: createFakeHistoryUploads(db),
    reviewCards: createFakeReviewCards(db),
    reminderLog: createFakeReminderLog(db),
    classes: createFakeClassStore(db),
    steps: createFakeStepStore(db),
    attachments: createFakeAttachmentStore(db),
    fileIntents: createFakeFileIntents(db),
    holidayNotices: createFakeHolidayNotices(db),
  };
}
