// The State Council's notices as read: pending until an admin confirms, then the year's schedule. Every
// change of status is conditional on the version read; importing replaces the year's previous notice in
// the same transaction, so a year has one schedule whoever clicks when.
import type { Festival, NoticeNote } from '../domain/holiday-notice.ts';
import type { DayOverride, YearSchedule } from '../domain/working-days.ts';
import type { HolidayNotices, MoveReport, NoticeContent, StoredNotice } from '../ports/calendar.ts';
import type { Db } from './prisma.ts';

type Row = {
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

const toNotice = (r: Row): StoredNotice => ({
  ...r,
  status: r.status as StoredNotice['status'],
  channel: r.channel as StoredNotice['channel'],
  festivals: JSON.parse(r.festivals) as Festival[],
  days: JSON.parse(r.days) as DayOverride[],
  notes: JSON.parse(r.notes) as NoticeNote[],
  moves: r.moves ? (JSON.parse(r.moves) as MoveReport) : null,
});

const contentData = (c: NoticeContent) => ({
  year: c.year,
  contentHash: c.contentHash,
  festivals: JSON.stringify(c.festivals),
  days: JSON.stringify(c.days),
  notes: JSON.stringify(c.notes),
});

export function createHolidayNotices(db: Db): HolidayNotices {
  return {
    async create(p) {
      const status = p.content ? 'pending' : 'needs_year';
      const data = { text: p.text, status, channel: p.channel, createdBy: p.by, createdAt: p.at, ...(p.content ? contentData(p.content) : {}) };
      return toNotice(await db.holidayNotice.create({ data }));
    },
    async get(id) {
      const r = await db.holidayNotice.findUnique({ where: { id } });
      return r ? toNotice(r) : null;
    },
    async current(year) {
      const r = await db.holidayNotice.findFirst({ where: { year, status: 'imported' }, orderBy: { importedAt: 'desc' } });
      return r ? toNotice(r) : null;
    },
    async setContent(id, version, content) {
      const { count } = await db.holidayNotice.updateMany({ where: { id, version, status: 'needs_year' }, data: { ...contentData(content), status: 'pending', version: version + 1 } });
      return count === 1;
    },
    async cancel(id, version) {
      const { count } = await db.holidayNotice.updateMany({ where: { id, version, status: { in: ['pending', 'needs_year'] } }, data: { status: 'cancelled', version: version + 1 } });
      return count === 1;
    },
    async commit(p) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.holidayNotice.updateMany({
          where: { id: p.id, version: p.version, status: 'pending' },
          data: { status: 'imported', version: p.version + 1, importedBy: p.by, importedAt: p.at, moves: JSON.stringify(p.moves) },
        });
        if (count === 0) return null;
        const row = await tx.holidayNotice.findUniqueOrThrow({ where: { id: p.id } });
        await tx.holidayNotice.updateMany({ where: { year: row.year, status: 'imported', id: { not: p.id } }, data: { status: 'replaced' } });
        return toNotice(row);
      });
    },
    async markNotified(id, at) {
      await db.holidayNotice.updateMany({ where: { id, notifiedAt: null }, data: { notifiedAt: at } });
    },
  };
}

/** Every year's schedule loaded from a notice (what the working-day calendar is built from). */
export async function noticeSchedules(db: Db): Promise<YearSchedule[]> {
  const rows = await db.holidayNotice.findMany({ where: { status: 'imported' }, orderBy: { importedAt: 'asc' }, select: { year: true, days: true } });
  const byYear = new Map<number, YearSchedule>();
  for (const r of rows) if (r.year !== null) byYear.set(r.year, { year: r.year, days: JSON.parse(r.days) as DayOverride[] });
  return [...byYear.values()];
}
