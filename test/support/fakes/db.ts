// The tables behind the in-memory twins (test/support/fakes.ts): one object per store, shared by the ports
// that share a table in SQLite (plan events are written by plans, classes, steps and attachments; declaration
// and 补录 uploads are one table; holiday notices feed the calendar). Rows keep JSON fields as strings and
// Dates as copies, as the database does, so nothing a caller holds aliases what is stored. Every method of a
// twin runs without awaiting in between, which makes each one atomic like the Prisma transaction it mirrors.

/** What Prisma throws, by code: P2002 unique, P2003 foreign key, P2025 record not found. */
export function prismaError(code: 'P2002' | 'P2003' | 'P2025', message: string): Error {
  return Object.assign(new Error(message), { code });
}

export const copyDate = (d: Date): Date => new Date(d.getTime());
export const copyDateOrNull = (d: Date | null | undefined): Date | null => (d ? copyDate(d) : null);
/** A JSON column: what JSON.stringify makes of the value (undefined keys dropped, Dates as strings). */
export const toJson = (v: unknown): string => JSON.stringify(v);
export const fromJson = <T>(s: string): T => JSON.parse(s) as T;

/** SQLite's ORDER BY: NULL before everything, then by value. */
export function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

export type PlanRow = {
  id: number;
  year: number;
  seq: number;
  number: string;
  unitCode: string;
  budgetCode: string | null;
  status: string;
  version: number;
  data: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
};

export type PlanEventRow = {
  id: number;
  planId: number;
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  changes: string | null;
  details: string | null;
  channel: string;
};

export type UserRow = { openId: string; name: string | null; role: string | null; unitCode: string | null; greetedAt: Date | null };
export type UnitRow = {
  code: string;
  name: string;
  parentCode: string | null;
  staffCount: number;
  contactName: string | null;
  contactMobile: string | null;
  contactOpenId: string | null;
};
export type BaseRow = { id: number; name: string; city: string; aliases: string };
export type CalendarDayRow = { date: string; kind: string; name: string | null };
export type CampaignRow = {
  year: number;
  opensAt: Date;
  declareClosesAt: Date;
  reviseClosesAt: Date;
  backfillClosesAt: Date;
  closedAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
};
export type NoticeRow = {
  id: number;
  year: number | null;
  status: string;
  text: string;
  contentHash: string | null;
  festivals: string;
  days: string;
  notes: string;
  channel: string;
  createdBy: string;
  createdAt: Date;
  importedBy: string | null;
  importedAt: Date | null;
  moves: string | null;
  notifiedAt: Date | null;
  version: number;
};
export type ConversationRow = { openId: string; flow: string; state: string; version: number; updatedAt: Date };
export type LinkRow = {
  id: number;
  openId: string;
  unitCode: string;
  status: string;
  version: number;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
};
export type UnitYearRow = { unitCode: string; year: number; noPlanAt: Date | null; noPlanBy: string | null };
export type ReviewNoticeRow = { id: number; planId: number; planVersion: number; stage: string; outboxKey: string; createdAt: Date };
export type ExcelImportRow = {
  id: number;
  openId: string;
  unitCode: string;
  year: number;
  contentHash: string;
  fileName: string;
  plans: string;
  status: string;
  kind: string;
  version: number;
  planNumbers: string | null;
  createdAt: Date;
  importedAt: Date | null;
};
export type ReminderRow = { key: string; recipient: string; slots: string; items: string; createdAt: Date };
export type ClassRow = {
  id: number;
  planId: number;
  seq: number;
  startDate: string;
  endDate: string;
  status: string;
  source: string;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
};
export type StepRow = {
  classId: number;
  step: number;
  status: string;
  data: string;
  flags: string | null;
  reportedAt: Date;
  reportedBy: string;
  updatedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  comment: string | null;
  source: string;
  version: number;
};
export type AttachmentRow = {
  id: number;
  planId: number;
  classId: number | null;
  scope: string;
  kind: string;
  fileName: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploadedBy: string;
  createdAt: Date;
};
export type FileIntentRow = { openId: string; kind: string; targetId: number; expiresAt: Date };

/** Autoincrement ids, per table, like SQLite's (never reused). */
function counter() {
  let n = 0;
  return () => ++n;
}

export function createFakeDb() {
  return {
    plans: new Map<number, PlanRow>(),
    planEvents: new Map<number, PlanEventRow>(),
    users: new Map<string, UserRow>(),
    units: new Map<string, UnitRow>(),
    bases: new Map<number, BaseRow>(),
    calendarDays: new Map<string, CalendarDayRow>(),
    campaigns: new Map<number, CampaignRow>(),
    notices: new Map<number, NoticeRow>(),
    conversations: new Map<string, ConversationRow>(),
    links: new Map<number, LinkRow>(),
    unitYears: new Map<string, UnitYearRow>(),
    reviewNotices: new Map<number, ReviewNoticeRow>(),
    excelImports: new Map<number, ExcelImportRow>(),
    reminders: new Map<string, ReminderRow>(),
    classes: new Map<number, ClassRow>(),
    steps: new Map<string, StepRow>(),
    attachments: new Map<number, AttachmentRow>(),
    fileIntents: new Map<string, FileIntentRow>(),
    ids: {
      plan: counter(),
      planEvent: counter(),
      base: counter(),
      notice: counter(),
      link: counter(),
      reviewNotice: counter(),
      excelImport: counter(),
      trainingClass: counter(),
      attachment: counter(),
    },
  };
}

export type FakeDb = ReturnType<typeof createFakeDb>;
