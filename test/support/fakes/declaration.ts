// The twin of db/unit-year-repo.ts: units that declared 无计划 for a year.
import type { UnitYears } from '../../../src/ports/declaration.ts';
import { copyDate, type FakeDb } from './db.ts';

const key = (unitCode: string, year: number) => `${unitCode}\u0000${year}`;

export function createFakeUnitYears(db: FakeDb): UnitYears {
  return {
    async noPlan(unitCode, year) {
      const r = db.unitYears.get(key(unitCode, year));
      return r?.noPlanAt ? { at: copyDate(r.noPlanAt), by: r.noPlanBy ?? '' } : null;
    },
    async noPlanUnits(year) {
      return new Set([...db.unitYears.values()].filter((r) => r.year === year && r.noPlanAt !== null).map((r) => r.unitCode));
    },
    async setNoPlan(unitCode, year, by, at) {
      db.unitYears.set(key(unitCode, year), { unitCode, year, noPlanAt: copyDate(at), noPlanBy: by });
    },
    async clearNoPlan(unitCode, year) {
      const r = db.unitYears.get(key(unitCode, year));
      if (!r || r.noPlanAt === null) return false;
      Object.assign(r, { noPlanAt: null, noPlanBy: null });
      return true;
    },
  };
}
