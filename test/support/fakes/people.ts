// The twin of db/user-repo.ts and db/link-repo.ts: who wrote to the bot, their roles and units, and requests
// to be linked to a unit.
import type { Person, Role } from '../../../src/domain/people.ts';
import type { LinkRequest, LinkRequests, People, Roster } from '../../../src/ports/people.ts';
import { compare, copyDate, copyDateOrNull, type FakeDb, type LinkRow, type UserRow } from './db.ts';

const toPerson = (r: UserRow): Person => ({ openId: r.openId, name: r.name, role: (r.role as Role | null) ?? null, unitCode: r.unitCode });

const newUser = (openId: string): UserRow => ({ openId, name: null, role: null, unitCode: null, greetedAt: null });

/** The user row, created when missing (the upserts). */
function upsertUser(db: FakeDb, openId: string): UserRow {
  let r = db.users.get(openId);
  if (!r) db.users.set(openId, (r = newUser(openId)));
  return r;
}

const byRoleThenOpenId = (a: UserRow, b: UserRow) => compare(a.role, b.role) || compare(a.openId, b.openId);

export function createFakePeople(db: FakeDb): People {
  return {
    async find(openId) {
      const r = db.users.get(openId);
      return r ? toPerson(r) : null;
    },
    async touch(openId) {
      upsertUser(db, openId);
    },
    async claimGreeting(openId, now, notSince) {
      const r = upsertUser(db, openId);
      if (r.greetedAt !== null && !(r.greetedAt.getTime() < notSince.getTime())) return false;
      r.greetedAt = copyDate(now);
      return true;
    },
  };
}

export function createFakeRoster(db: FakeDb): Roster {
  return {
    async grant(openId, role, name) {
      const r = upsertUser(db, openId);
      r.role = role;
      if (name) r.name = name;
      return toPerson(r);
    },
    async bind(openId, unitCode, name) {
      const r = upsertUser(db, openId);
      r.role = r.role ?? 'declarant';
      r.unitCode = unitCode;
      if (name) r.name = name;
      return toPerson(r);
    },
    async byRole(role) {
      return [...db.users.values()]
        .filter((r) => r.role === role)
        .sort((a, b) => compare(a.openId, b.openId))
        .map(toPerson);
    },
    async all() {
      return [...db.users.values()].sort(byRoleThenOpenId).map(toPerson);
    },
    async linked() {
      return [...db.users.values()]
        .filter((r) => r.role !== null || r.unitCode !== null)
        .sort(byRoleThenOpenId)
        .map(toPerson);
    },
  };
}

const toRequest = (r: LinkRow): LinkRequest => ({ ...r, status: r.status as LinkRequest['status'], createdAt: copyDate(r.createdAt), decidedAt: copyDateOrNull(r.decidedAt) });

export function createFakeLinkRequests(db: FakeDb): LinkRequests {
  return {
    async create(openId, unitCode, now) {
      const id = db.ids.link();
      const row: LinkRow = { id, openId, unitCode, status: 'pending', version: 1, createdAt: copyDate(now), decidedBy: null, decidedAt: null };
      db.links.set(id, row);
      return toRequest(row);
    },
    async get(id) {
      const r = db.links.get(id);
      return r ? toRequest(r) : null;
    },
    async pendingOf(openId) {
      const r = [...db.links.values()].filter((l) => l.openId === openId && l.status === 'pending').pop();
      return r ? toRequest(r) : null;
    },
    async decide(id, version, approve, by, at) {
      const r = db.links.get(id);
      if (!r || r.version !== version || r.status !== 'pending') return false;
      Object.assign(r, { status: approve ? 'approved' : 'rejected', version: version + 1, decidedBy: by, decidedAt: copyDate(at) });
      return true;
    },
  };
}
