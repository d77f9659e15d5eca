// The State Council's holiday notices as read: pending until an admin confirms, then the year's schedule.
import type { Ymd } from '../domain/dates.ts';
import type { Festival, NoticeNote } from '../domain/holiday-notice.ts';
import type { DayOverride } from '../domain/working-days.ts';

export type NoticeStatus = 'needs_year' | 'pending' | 'imported' | 'cancelled' | 'replaced';

/** One class whose due dates the new schedule moves: the part of it that moved, old and new. */
export type DueDateMove = {
  classId: number;
  unitCode: string;
  planNumber: string;
  title: string;
  seq: number;
  start: Ymd;
  end: Ymd;
  beforeStart: { was: Ymd; now: Ymd } | null;
  afterEnd: { was: Ymd; now: Ymd } | null;
};

/** What an import announced: the moves, who was told, how many classes were looked at. */
export type MoveReport = { checked: number; moves: DueDateMove[]; recipients: Record<string, number[]> };

export type StoredNotice = {
  id: number;
  year: number | null;
  status: NoticeStatus;
  text: string;
  contentHash: string | null;
  festivals: Festival[];
  days: DayOverride[];
  notes: NoticeNote[];
  channel: 'chat' | 'cli';
  createdBy: string;
  createdAt: Date;
  importedBy: string | null;
  importedAt: Date | null;
  moves: MoveReport | null;
  notifiedAt: Date | null;
  version: number;
};

/** What a notice says, ready to store. */
export type NoticeContent = { year: number; contentHash: string; festivals: Festival[]; days: DayOverride[]; notes: NoticeNote[] };

export interface HolidayNotices {
  /** A notice read and waiting for 确认导入, or a text waiting for its year (content null). */
  create(p: { text: string; content: NoticeContent | null; channel: StoredNotice['channel']; by: string; at: Date }): Promise<StoredNotice>;
  get(id: number): Promise<StoredNotice | null>;
  /** The year's schedule: its imported notice. */
  current(year: number): Promise<StoredNotice | null>;
  /** A text that named no year, read for the year an admin picked; false when it was no longer waiting. */
  setContent(id: number, version: number, content: NoticeContent): Promise<boolean>;
  cancel(id: number, version: number): Promise<boolean>;
  /**
   * Makes a pending notice its year's schedule, in one transaction: it becomes imported (by, at, the moves
   * it announces) and the year's previous one replaced. Null when it was not pending at `version`.
   */
  commit(p: { id: number; version: number; by: string; at: Date; moves: MoveReport }): Promise<StoredNotice | null>;
  markNotified(id: number, at: Date): Promise<void>;
}
