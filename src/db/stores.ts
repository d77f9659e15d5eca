// Every store port (ports/index.ts) implemented on one Prisma client.
import type { Stores } from '../ports/index.ts';
import { createConversationStore } from './conversation-repo.ts';
import { createDeclarationUploads, createHistoryUploads } from './excel-import-repo.ts';
import { createAttachmentStore, createClassStore, createFileIntents, createStepStore } from './execution-repo.ts';
import { createHolidayNotices } from './holiday-notice-repo.ts';
import { createLinkRequests } from './link-repo.ts';
import { createPlanStore } from './plan-repo.ts';
import type { Db } from './prisma.ts';
import { createBaseList, createCalendarData, createCampaignStore, createUnitRegistry } from './reference-repo.ts';
import { createReminderLog } from './reminder-log-repo.ts';
import { createReviewCards } from './review-notice-repo.ts';
import { createUnitYears } from './unit-year-repo.ts';
import { createPeople, createRoster } from './user-repo.ts';

export function createStores(db: Db): Stores {
  return {
    plans: createPlanStore(db),
    registry: createUnitRegistry(db),
    bases: createBaseList(db),
    campaigns: createCampaignStore(db),
    calendarData: createCalendarData(db),
    people: createPeople(db),
    roster: createRoster(db),
    links: createLinkRequests(db),
    conversations: createConversationStore(db),
    unitYears: createUnitYears(db),
    uploads: createDeclarationUploads(db),
    historyUploads: createHistoryUploads(db),
    reviewCards: createReviewCards(db),
    reminderLog: createReminderLog(db),
    classes: createClassStore(db),
    steps: createStepStore(db),
    attachments: createAttachmentStore(db),
    fileIntents: createFileIntents(db),
    holidayNotices: createHolidayNotices(db),
  };
}
