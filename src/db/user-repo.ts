import type { Person, Role } from '../domain/people.ts';
import type { People, Roster } from '../ports/people.ts';
import type { Db } from './prisma.ts';

type UserRow = { openId: string; name: string | null; role: string | null; unitCode: string | null };

const toPerson = (r: UserRow): Person => ({
  openId: r.openId,
  name: r.name,
  role: (r.role as Role | null) ?? null,
  unitCode: r.unitCode,
});

export function createPeople(db: Db): People {
  return {
    // find and touch run for every message: raw statements skip the query compiler (see queue-sql.ts).
    async find(openId) {
      const [r] = await db.$queryRaw<UserRow[]>`
        SELECT "openId", "name", "role", "unitCode" FROM "User" WHERE "openId" = ${openId}`;
      return r ? toPerson(r) : null;
    },
    async touch(openId) {
      const now = new Date();
      await db.$executeRaw`
        INSERT INTO "User" ("openId", "createdAt", "updatedAt") VALUES (${openId}, ${now}, ${now})
        ON CONFLICT ("openId") DO NOTHING`;
    },
    async claimGreeting(openId, now, notSince) {
      await db.user.upsert({ where: { openId }, create: { openId }, update: {} });
      const { count } = await db.user.updateMany({
        where: { openId, OR: [{ greetedAt: null }, { greetedAt: { lt: notSince } }] },
        data: { greetedAt: now },
      });
      return count === 1;
    },
  };
}

export function createRoster(db: Db): Roster {
  return {
    async grant(openId, role, name) {
      const data = { role, ...(name ? { name } : {}) };
      return toPerson(await db.user.upsert({ where: { openId }, create: { openId, ...data }, update: data }));
    },
    async bind(openId, unitCode, name) {
      const existing = await db.user.findUnique({ where: { openId } });
      const role = existing?.role ?? 'declarant';
      const data = { unitCode, role, ...(name ? { name } : {}) };
      return toPerson(await db.user.upsert({ where: { openId }, create: { openId, ...data }, update: data }));
    },
    async byRole(role) {
      return (await db.user.findMany({ where: { role }, orderBy: { openId: 'asc' } })).map(toPerson);
    },
    async all() {
      // no role first, as SQLite sorts nulls; PostgreSQL would put them last
      return (await db.user.findMany({ orderBy: [{ role: { sort: 'asc', nulls: 'first' } }, { openId: 'asc' }] })).map(toPerson);
    },
    async linked() {
      const rows = await db.$queryRaw<UserRow[]>`
        SELECT "openId", "name", "role", "unitCode" FROM "User" WHERE "role" IS NOT NULL OR "unitCode" IS NOT NULL
        ORDER BY "role" ASC NULLS FIRST, "openId"`;
      return rows.map(toPerson);
    },
  };
}
