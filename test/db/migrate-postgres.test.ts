// The bot's own PostgreSQL migrator: Prisma's bookkeeping table, once per migration even when several
// instances start together, and a failing migration that leaves no trace and says which it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/db/migrate.ts';
import { MigrationError, migratePostgres } from '../../src/db/migrate-postgres.ts';
import { PG_MIGRATIONS_DIR } from '../../src/paths.ts';
import { emptyPgDatabase } from '../support/temp-pg.ts';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

async function fresh(): Promise<string> {
  const d = await emptyPgDatabase();
  drops.push(d.drop);
  return d.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

const names = listMigrations(PG_MIGRATIONS_DIR).map((m) => m.name);

describe('migratePostgres', () => {
  it('has one PostgreSQL migration for each SQLite migration, under the same name', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual(listMigrations().map((m) => m.name));
  });

  it('applies every migration in order, recorded as prisma migrate deploy would, and nothing the second time', async () => {
    const url = await fresh();
    expect(await migratePostgres(url)).toEqual({ applied: names });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"',
    );
    const sql = new Map(listMigrations(PG_MIGRATIONS_DIR).map((m) => [m.name, m.sql]));
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      expect(r.checksum).toBe(crypto.createHash('sha256').update(sql.get(r.migration_name)!).digest('hex'));
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.applied_steps_count).toBe(1);
    }
    expect(await migratePostgres(url)).toEqual({ applied: [] });
  });

  it('applies each migration once when two instances start at the same moment', async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([migratePostgres(url), migratePostgres(url)]);
    expect([a.applied, b.applied].sort((x, y) => y.length - x.length)).toEqual([names, []]);
    const rows = await query<{ migration_name: string; n: string }>(
      url,
      'SELECT "migration_name", COUNT(*) AS n FROM "_prisma_migrations" GROUP BY "migration_name" ORDER BY "migration_name"',
    );
    expect(rows).toEqual(names.map((n) => ({ migration_name: n, n: '1' })));
  });

  it('rolls a failing migration back whole and names it, then applies it once it is fixed', async () => {
    const url = await fresh();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-migrations-'));
    try {
      fs.cpSync(PG_MIGRATIONS_DIR, dir, { recursive: true });
      const broken = path.join(dir, '20991231000000_broken', 'migration.sql');
      fs.mkdirSync(path.dirname(broken));
      fs.writeFileSync(broken, 'CREATE TABLE "Half" ("id" INTEGER);\nINSERT INTO "Missing" VALUES (1);\n');
      const err = await migratePostgres(url, dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as MigrationError).migration).toBe('20991231000000_broken');
      expect((err as Error).message).toBe(
        '数据库迁移 20991231000000_broken 执行失败，已回滚（这一步对数据库没有任何改动）：relation "Missing" does not exist',
      );
      // the earlier migrations stay applied; of the broken one, neither its table nor a record
      const recorded = await query<{ migration_name: string }>(url, 'SELECT "migration_name" FROM "_prisma_migrations" ORDER BY 1');
      expect(recorded.map((r) => r.migration_name)).toEqual(names);
      expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Half'`)).toEqual([]);

      fs.writeFileSync(broken, 'CREATE TABLE "Half" ("id" INTEGER);\n');
      expect(await migratePostgres(url, dir)).toEqual({ applied: ['20991231000000_broken'] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the plan audit trail append-only, as the SQLite triggers do', async () => {
    const url = await fresh();
    await migratePostgres(url);
    await query(
      url,
      `INSERT INTO "Plan" ("year", "seq", "number", "unitCode", "status", "data", "createdBy", "createdAt", "updatedAt")
       VALUES (2027, 1, 'P1', 'U1', 'draft', '{}', 'ou_a', now(), now());
       INSERT INTO "PlanEvent" ("planId", "at", "actor", "action", "channel") SELECT "id", now(), 'ou_a', 'create', 'chat' FROM "Plan"`,
    );
    await expect(query(url, `UPDATE "PlanEvent" SET "actor" = 'ou_b'`)).rejects.toThrow('PlanEvent is append-only');
    await expect(query(url, `DELETE FROM "PlanEvent"`)).rejects.toThrow('PlanEvent is append-only');
  });
});
