// Reference data: the unit registry, the training-base list, the working-day calendar, campaigns.
import { defaultCampaign, type Campaign } from '../domain/campaign.ts';
import type { TrainingBase } from '../domain/training-bases.ts';
import type { DayOverride } from '../domain/working-days.ts';
import type { BaseList, CalendarData, CampaignStore, StoredUnit, UnitRegistry } from '../ports/reference.ts';
import { noticeSchedules } from './holiday-notice-repo.ts';
import { isUniqueViolation, type Db } from './prisma.ts';

/** A registry row as the domain sees it (the row also has timestamps). */
const toUnit = (r: StoredUnit): StoredUnit => ({
  code: r.code,
  name: r.name,
  parentCode: r.parentCode,
  staffCount: r.staffCount,
  contactName: r.contactName,
  contactMobile: r.contactMobile,
  contactOpenId: r.contactOpenId,
});

export function createUnitRegistry(db: Db): UnitRegistry {
  return {
    async units() {
      return (await db.unit.findMany({ orderBy: { code: 'asc' } })).map(toUnit);
    },
    async unit(code) {
      const r = await db.unit.findUnique({ where: { code } });
      return r ? toUnit(r) : null;
    },
    async saveUnits(units) {
      // One transaction: the import is all-or-nothing.
      await db.$transaction(
        units.map((u) =>
          db.unit.upsert({
            where: { code: u.code },
            create: u,
            // A changed mobile must be resolved again.
            update: { ...u, ...(u.contactMobile ? {} : { contactOpenId: null }) },
          }),
        ),
      );
    },
    async setContactOpenIds(byCode) {
      await db.$transaction([...byCode].map(([code, openId]) => db.unit.update({ where: { code }, data: { contactOpenId: openId } })));
    },
  };
}

export function createBaseList(db: Db): BaseList {
  return {
    async all() {
      return (await db.trainingBase.findMany({ orderBy: { id: 'asc' } })).map((b) => ({
        name: b.name,
        city: b.city,
        aliases: JSON.parse(b.aliases) as string[],
      }));
    },
    async save(bases: TrainingBase[], replace: boolean) {
      await db.$transaction([
        ...(replace ? [db.trainingBase.deleteMany({ where: { name: { notIn: bases.map((b) => b.name) } } })] : []),
        ...bases.map((b) =>
          db.trainingBase.upsert({
            where: { name: b.name },
            create: { name: b.name, city: b.city, aliases: JSON.stringify(b.aliases) },
            update: { city: b.city, aliases: JSON.stringify(b.aliases) },
          }),
        ),
      ]);
    },
  };
}

export function createCalendarData(db: Db): CalendarData {
  return {
    async adminDays() {
      return (await db.calendarDay.findMany({ orderBy: { date: 'asc' } })).map((d) => ({
        date: d.date,
        kind: d.kind as DayOverride['kind'],
        name: d.name ?? undefined,
      }));
    },
    async saveAdminDays(days) {
      await db.$transaction(
        days.map((d) =>
          db.calendarDay.upsert({
            where: { date: d.date },
            create: { date: d.date, kind: d.kind, name: d.name ?? null },
            update: { kind: d.kind, name: d.name ?? null },
          }),
        ),
      );
    },
    noticeSchedules: () => noticeSchedules(db),
  };
}

export function createCampaignStore(db: Db): CampaignStore {
  return {
    async get(year) {
      return db.campaign.findUnique({ where: { year } });
    },
    async all() {
      return db.campaign.findMany({ orderBy: { year: 'asc' } });
    },
    async save(c: Campaign) {
      const data = {
        opensAt: c.opensAt,
        declareClosesAt: c.declareClosesAt,
        reviseClosesAt: c.reviseClosesAt,
        backfillClosesAt: c.backfillClosesAt,
        closedAt: c.closedAt ?? null,
        publishedAt: c.publishedAt ?? null,
      };
      await db.campaign.upsert({ where: { year: c.year }, create: { year: c.year, ...data }, update: data });
    },
    async mark(year, field, at) {
      if (!(await db.campaign.findUnique({ where: { year } }))) {
        const d = defaultCampaign(year);
        await db.campaign
          .create({ data: { year, opensAt: d.opensAt, declareClosesAt: d.declareClosesAt, reviseClosesAt: d.reviseClosesAt, backfillClosesAt: d.backfillClosesAt } })
          .catch((err: unknown) => {
            if (!isUniqueViolation(err)) throw err;
          });
      }
      const { count } = await db.campaign.updateMany({ where: { year, [field]: null }, data: { [field]: at } });
      return count === 1;
    },
  };
}
