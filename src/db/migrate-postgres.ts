// Applies the committed PostgreSQL migrations (prisma/migrations-postgres) at start-up, recording them in
// Prisma's own `_prisma_migrations` table (same columns and checksum as `prisma migrate deploy`), because
// the migration engine cannot run offline through a driver adapter (prisma/orm#27403).
// Several instances may start together: an advisory lock held for the whole run makes the others wait,
// then find every migration recorded. Each migration runs in a transaction of its own, so one that fails
// leaves the database as the previous one left it, and the error names it.
import crypto from 'node:crypto';
import pg from 'pg';
import { PG_MIGRATIONS_DIR } from '../paths.ts';
import { listMigrations, type MigrationResult } from './migrate.ts';

/** Key of the advisory lock taken while migrating (any constant; the same in every instance). */
export const MIGRATION_LOCK_KEY = 7_291_604_518_390_161n;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** A migration that could not be applied; the message is for the operator (Chinese). */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    override readonly cause: unknown,
  ) {
    super(`数据库迁移 ${migration} 执行失败，已回滚（这一步对数据库没有任何改动）：${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'MigrationError';
  }
}

export async function migratePostgres(databaseUrl: string, dir = PG_MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  if (!migrations.length) throw new Error(`no migrations found in ${dir}`);
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(CREATE_TABLE);
      const { rows } = await client.query<{ migration_name: string }>(
        'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
      );
      const done = new Set(rows.map((r) => r.migration_name));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await applyOne(client, m);
        applied.push(m.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: { name: string; sql: string }): Promise<void> {
  const checksum = crypto.createHash('sha256').update(m.sql).digest('hex');
  await client.query('BEGIN');
  try {
    await client.query(m.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "started_at", "applied_steps_count")
       VALUES ($1, $2, now(), $3, NULL, now(), 1)`,
      [crypto.randomUUID(), checksum, m.name],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(m.name, err);
  }
}
