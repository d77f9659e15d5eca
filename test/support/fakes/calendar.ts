// The twin of db/holiday-notice-repo.ts: the State Council's notices, pending until an admin confirms, then
// the year's schedule (importing one replaces the year's previous one).
import type { Festival, NoticeNote } from '../../../src/domain/holiday-notice.ts';
import type { DayOverride, YearSchedule } from '../../../src/domain/working-days.ts';
import type { HolidayNotices, MoveReport, NoticeContent, StoredNotice } from '../../../src/ports/calendar.ts';
import { copyDate, copyDateOrNull, fromJson, toJson, type FakeDb, type NoticeRow } from './db.ts';

const toNotice = (r: NoticeRow): StoredNotice => ({
  ...r,
  status: r.status as StoredNotice['status'],
  channel: r.channel as StoredNotice['channel'],
  festivals: fromJson<Festival[]>(r.festivals),
  days: fromJson<DayOverride[]>(r.days),
  notes: fromJson<NoticeNote[]>(r.notes),
  moves: r.moves ? fromJson<MoveReport>(r.moves) : null,
  createdAt: copyDate(r.createdAt),
  importedAt: copyDateOrNull(r.importedAt),
  notifiedAt: copyDateOrNull(r.notifiedAt),
});

const contentData = (c: NoticeContent) => ({ year: c.year, contentHash: c.contentHash, festivals: toJson(c.festivals), days: toJson(c.days), notes: toJson(c.notes) });

/** Imported notices, oldest import first (ties: in the order they were stored). */
const imported = (db: FakeDb) =>
  [...db.notices.values()].filter((r) => r.status === 'imported').sort((a, b) => a.importedAt!.getTime() - b.importedAt!.getTime() || a.id - b.id);

export function createFakeHolidayNotices(db: FakeDb): HolidayNotices {
  return {
    async create(p) {
      const id = db.ids.notice();
      const row: NoticeRow = {
        id,
        year: null,
        status: p.content ? 'pending' : 'needs_year',
        text: p.text,
        contentHash: null,
        festivals: '[]',
        days: '[]',
        notes: '[]',
        channel: p.channel,
        createdBy: p.by,
        createdAt: copyDate(p.at),
        importedBy: null,
        importedAt: null,
        moves: null,
        notifiedAt: null,
        version: 1,
        ...(p.content ? contentData(p.content) : {}),
      };
      db.notices.set(id, row);
      return toNotice(row);
    },
    async get(id) {
      const r = db.notices.get(id);
      return r ? toNotice(r) : null;
    },
    async current(year) {
      const r = imported(db)
        .filter((n) => n.year === year)
        .pop();
      return r ? toNotice(r) : null;
    },
    async setContent(id, version, content) {
      const r = db.notices.get(id);
      if (!r || r.version !== version || r.status !== 'needs_year') return false;
      Object.assign(r, contentData(content), { status: 'pending', version: version + 1 });
      return true;
    },
    async cancel(id, version) {
      const r = db.notices.get(id);
      if (!r || r.version !== version || !['pending', 'needs_year'].includes(r.status)) return false;
      Object.assign(r, { status: 'cancelled', version: version + 1 });
      return true;
    },
    async commit(p) {
      const r = db.notices.get(p.id);
      if (!r || r.version !== p.version || r.status !== 'pending') return null;
      Object.assign(r, { status: 'imported', version: p.version + 1, importedBy: p.by, importedAt: copyDate(p.at), moves: toJson(p.moves) });
      for (const o of db.notices.values()) if (o.year === r.year && o.status === 'imported' && o.id !== r.id) o.status = 'replaced';
      return toNotice(r);
    },
    async markNotified(id, at) {
      const r = db.notices.get(id);
      if (r && r.notifiedAt === null) r.notifiedAt = copyDate(at);
    },
  };
}

/** Every year's schedule loaded from a notice (what the working-day calendar is built from). */
export function noticeSchedules(db: FakeDb): YearSchedule[] {
  const byYear = new Map<number, YearSchedule>();
  for (const r of imported(db)) if (r.year !== null) byYear.set(r.year, { year: r.year, days: fromJson<DayOverride[]>(r.days) });
  return [...byYear.values()];
}
