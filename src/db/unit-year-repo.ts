import type { UnitYears } from '../ports/declaration.ts';
import type { Db } from './prisma.ts';

export function createUnitYears(db: Db): UnitYears {
  return {
    async noPlan(unitCode, year) {
      const r = await db.unitYear.findUnique({ where: { unitCode_year: { unitCode, year } } });
      return r?.noPlanAt ? { at: r.noPlanAt, by: r.noPlanBy ?? '' } : null;
    },
    async noPlanUnits(year) {
      const rows = await db.unitYear.findMany({ where: { year, noPlanAt: { not: null } }, select: { unitCode: true } });
      return new Set(rows.map((r) => r.unitCode));
    },
    async setNoPlan(unitCode, year, by, at) {
      await db.unitYear.upsert({
        where: { unitCode_year: { unitCode, year } },
        create: { unitCode, year, noPlanAt: at, noPlanBy: by },
        update: { noPlanAt: at, noPlanBy: by },
      });
    },
    async clearNoPlan(unitCode, year) {
      const { count } = await db.unitYear.updateMany({ where: { unitCode, year, noPlanAt: { not: null } }, data: { noPlanAt: null, noPlanBy: null } });
      return count > 0;
    },
  };
}
