// The twin of db/reference-repo.ts: the unit registry, the training-base list, the working-day calendar's
// admin days and the campaigns.
import { defaultCampaign, type Campaign } from '../../../src/domain/campaign.ts';
import type { DayOverride } from '../../../src/domain/working-days.ts';
import type { BaseList, CalendarData, CampaignStore, StoredUnit, UnitRegistry } from '../../../src/ports/reference.ts';
import { compare, copyDate, copyDateOrNull, fromJson, prismaError, toJson, type CampaignRow, type FakeDb, type UnitRow } from './db.ts';
import { noticeSchedules } from './calendar.ts';

const toUnit = (r: UnitRow): StoredUnit => ({
  code: r.code,
  name: r.name,
  parentCode: r.parentCode,
  staffCount: r.staffCount,
  contactName: r.contactName,
  contactMobile: r.contactMobile,
  contactOpenId: r.contactOpenId,
});

const UNIT_FIELDS = ['name', 'parentCode', 'staffCount', 'contactName', 'contactMobile', 'contactOpenId'] as const;

export function createFakeUnitRegistry(db: FakeDb): UnitRegistry {
  return {
    async units() {
      return [...db.units.values()].sort((a, b) => compare(a.code, b.code)).map(toUnit);
    },
    async unit(code) {
      const r = db.units.get(code);
      return r ? toUnit(r) : null;
    },
    async saveUnits(units) {
      // As the upserts: a field given as undefined is left alone; a unit without a mobile loses its open_id.
      for (const u of units) {
        const row = u as Partial<UnitRow>;
        const given = Object.fromEntries(UNIT_FIELDS.filter((f) => row[f] !== undefined).map((f) => [f, row[f]])) as Partial<UnitRow>;
        const existing = db.units.get(u.code);
        if (existing) Object.assign(existing, given, u.contactMobile ? {} : { contactOpenId: null });
        else
          db.units.set(u.code, { code: u.code, name: u.name, parentCode: null, staffCount: u.staffCount, contactName: null, contactMobile: null, contactOpenId: null, ...given });
      }
    },
    async setContactOpenIds(byCode) {
      // One transaction: an unknown code changes nothing.
      for (const code of byCode.keys()) if (!db.units.has(code)) throw prismaError('P2025', `No unit ${code} to update`);
      for (const [code, openId] of byCode) db.units.get(code)!.contactOpenId = openId;
    },
  };
}

export function createFakeBaseList(db: FakeDb): BaseList {
  return {
    async all() {
      return [...db.bases.values()].sort((a, b) => a.id - b.id).map((b) => ({ name: b.name, city: b.city, aliases: fromJson<string[]>(b.aliases) }));
    },
    async save(bases, replace) {
      if (replace) {
        const keep = new Set(bases.map((b) => b.name));
        for (const [id, b] of db.bases) if (!keep.has(b.name)) db.bases.delete(id);
      }
      for (const b of bases) {
        const existing = [...db.bases.values()].find((r) => r.name === b.name);
        if (existing) Object.assign(existing, { city: b.city, aliases: toJson(b.aliases) });
        else {
          const id = db.ids.base();
          db.bases.set(id, { id, name: b.name, city: b.city, aliases: toJson(b.aliases) });
        }
      }
    },
  };
}

export function createFakeCalendarData(db: FakeDb): CalendarData {
  return {
    async adminDays() {
      return [...db.calendarDays.values()]
        .sort((a, b) => compare(a.date, b.date))
        .map((d) => ({ date: d.date, kind: d.kind as DayOverride['kind'], name: d.name ?? undefined }));
    },
    async saveAdminDays(days) {
      for (const d of days) db.calendarDays.set(d.date, { date: d.date, kind: d.kind, name: d.name ?? null });
    },
    noticeSchedules: async () => noticeSchedules(db),
  };
}

/** A campaign as Prisma returns the row (updatedAt included, unset dates null). */
const toCampaign = (r: CampaignRow): Campaign & { updatedAt: Date } => ({
  year: r.year,
  opensAt: copyDate(r.opensAt),
  declareClosesAt: copyDate(r.declareClosesAt),
  reviseClosesAt: copyDate(r.reviseClosesAt),
  backfillClosesAt: copyDate(r.backfillClosesAt),
  closedAt: copyDateOrNull(r.closedAt),
  publishedAt: copyDateOrNull(r.publishedAt),
  updatedAt: copyDate(r.updatedAt),
});

export function createFakeCampaignStore(db: FakeDb): CampaignStore {
  return {
    async get(year) {
      const r = db.campaigns.get(year);
      return r ? toCampaign(r) : null;
    },
    async all() {
      return [...db.campaigns.values()].sort((a, b) => a.year - b.year).map(toCampaign);
    },
    async save(c) {
      db.campaigns.set(c.year, {
        year: c.year,
        opensAt: copyDate(c.opensAt),
        declareClosesAt: copyDate(c.declareClosesAt),
        reviseClosesAt: copyDate(c.reviseClosesAt),
        backfillClosesAt: copyDate(c.backfillClosesAt),
        closedAt: copyDateOrNull(c.closedAt),
        publishedAt: copyDateOrNull(c.publishedAt),
        updatedAt: new Date(),
      });
    },
    async mark(year, field, at) {
      if (!db.campaigns.has(year)) {
        const d = defaultCampaign(year);
        db.campaigns.set(year, { year, opensAt: d.opensAt, declareClosesAt: d.declareClosesAt, reviseClosesAt: d.reviseClosesAt, backfillClosesAt: d.backfillClosesAt, closedAt: null, publishedAt: null, updatedAt: new Date() });
      }
      const r = db.campaigns.get(year)!;
      if (r[field] !== null) return false;
      r[field] = copyDate(at);
      r.updatedAt = new Date();
      return true;
    },
  };
}
