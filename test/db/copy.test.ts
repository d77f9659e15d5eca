// copyDatabase: every model of the schema, in foreign-key order, copied row for row in batches.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TABLES, copyDatabase, CopyRefused, resetSequenceSql } from '../../src/db/copy.ts';
import type { Db } from '../../src/db/prisma.ts';
import { seedFullDb } from '../support/full-db.ts';
import { tempDb } from '../support/temp-db.ts';
import { tempPg } from '../support/temp-pg.ts';

const schema = fs.readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');

/** Each model of the schema: its id fields, whether the id autoincrements, the models it references. */
function models(): Map<string, { key: string[]; serial: boolean; refs: string[] }> {
  const out = new Map<string, { key: string[]; serial: boolean; refs: string[] }>();
  for (const m of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const lines = m[2]!.split('\n').map((l) => l.trim());
    const single = lines.filter((l) => /^\w+\s+\S+.*@id\b/.test(l)).map((l) => l.split(/\s+/)[0]!);
    const compound = lines.map((l) => /^@@id\(\[(.+)\]\)/.exec(l)?.[1]).find(Boolean);
    out.set(m[1]!, {
      key: compound ? compound.split(',').map((s) => s.trim()) : single,
      serial: lines.some((l) => /@id\b.*@default\(autoincrement\(\)\)/.test(l)),
      refs: lines.filter((l) => /@relation\(fields:/.test(l)).map((l) => l.split(/\s+/)[1]!),
    });
  }
  return out;
}

const delegate = (db: Db, model: string) => (db as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[model]!;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function db() {
  const d = await tempDb();
  cleanups.push(d.cleanup);
  return d;
}

describe('copyDatabase', () => {
  it('knows every model of prisma/schema.prisma, its key, and puts a referenced table first', () => {
    const all = models();
    expect(APP_TABLES.map((t) => t.table).sort()).toEqual([...all.keys()].sort());
    for (const t of APP_TABLES) {
      const m = all.get(t.table)!;
      expect({ table: t.table, key: t.key, serial: t.serial, model: t.model }).toEqual({ table: t.table, key: m.key, serial: m.serial, model: t.table[0]!.toLowerCase() + t.table.slice(1) });
      for (const ref of m.refs) expect(APP_TABLES.findIndex((x) => x.table === ref), `${ref} before ${t.table}`).toBeLessThan(APP_TABLES.indexOf(t));
    }
  });

  it('copies every row of every table, field for field, through batches smaller than the tables', async () => {
    const from = await db();
    const to = await db();
    await seedFullDb(from.db);
    const seen: [string, number][] = [];
    const counts = await copyDatabase(from.db, to.db, { fromUrl: from.url, toUrl: to.url, batch: 7, onTable: (t, n) => seen.push([t, n]) });
    expect(seen.map(([t]) => t)).toEqual(APP_TABLES.map((t) => t.table));
    for (const t of APP_TABLES) {
      const orderBy = t.key.map((k) => ({ [k]: 'asc' }));
      const a = await delegate(from.db, t.model).findMany({ orderBy });
      const b = await delegate(to.db, t.model).findMany({ orderBy });
      expect(a.length, t.table).toBeGreaterThan(0);
      expect(b, t.table).toEqual(a);
      expect(counts.find((c) => c.table === t.table)).toEqual({ table: t.table, from: a.length, to: a.length });
      expect(seen.find(([x]) => x === t.table)![1]).toBe(a.length);
    }
    // New rows continue after the copied ids.
    const last = await to.db.plan.findFirst({ orderBy: { id: 'desc' } });
    const next = await to.db.plan.create({ data: { year: 2028, seq: 1, number: '2028-001', unitCode: '101001', status: 'DRAFT', data: '{}', createdBy: 'ou_x', createdAt: new Date(), updatedAt: new Date() } });
    expect(next.id).toBe(last!.id + 1);
  });

  it('moves an installation from SQLite onto PostgreSQL: every row, field for field, and new ids continue after the copied ones', async () => {
    const from = await db();
    const to = await tempPg();
    cleanups.push(to.cleanup);
    await seedFullDb(from.db);
    const counts = await copyDatabase(from.db, to.db, { fromUrl: from.url, toUrl: to.url, batch: 5 });
    for (const t of APP_TABLES) {
      const orderBy = t.key.map((k) => ({ [k]: 'asc' }));
      const a = await delegate(from.db, t.model).findMany({ orderBy });
      expect(a.length, t.table).toBeGreaterThan(0);
      expect(await delegate(to.db, t.model).findMany({ orderBy }), t.table).toEqual(a);
      expect(counts.find((c) => c.table === t.table)).toEqual({ table: t.table, from: a.length, to: a.length });
    }
    const last = await to.db.plan.findFirst({ orderBy: { id: 'desc' } });
    const next = await to.db.plan.create({ data: { year: 2028, seq: 1, number: '2028-001', unitCode: '101001', status: 'DRAFT', data: '{}', createdBy: 'ou_x', createdAt: new Date(), updatedAt: new Date() } });
    expect(next.id).toBe(last!.id + 1);
  });

  it('refuses a target with rows, naming the first such table, and writes nothing', async () => {
    const from = await db();
    const to = await db();
    await seedFullDb(from.db, { plans: 2 });
    await to.db.reminderLog.create({ data: { key: 'k', recipient: 'ou_x', slots: '[]', items: '[]', createdAt: new Date() } });
    const err = await copyDatabase(from.db, to.db, { fromUrl: from.url, toUrl: to.url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CopyRefused);
    expect((err as CopyRefused).refusal).toEqual({ reason: 'target-not-empty', table: 'ReminderLog', rows: 1 });
    expect(await to.db.unit.count()).toBe(0);
  });

  it('resets a PostgreSQL id sequence to continue after the largest copied id', () => {
    expect(resetSequenceSql('PlanEvent')).toBe(`SELECT setval(pg_get_serial_sequence('"PlanEvent"', 'id'), COALESCE(MAX("id"), 0) + 1, false)::text AS "next" FROM "PlanEvent"`);
  });
});
