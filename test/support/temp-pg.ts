// A fresh PostgreSQL database per test file on this machine's server (127.0.0.1:5432, user postgres, trust
// authentication; `.ci/run` starts it), migrated by the bot's own migrator and dropped afterwards.
// PG_TEST_URL points elsewhere: any database URL on a server where that user may create databases.
import crypto from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../src/db/migrate-postgres.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';

const SERVER = process.env.PG_TEST_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function urlOf(database: string): string {
  const u = new URL(SERVER);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** An empty database (not migrated): its URL, and drop() to remove it. */
export async function emptyPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tpbot_test_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: urlOf(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A migrated database and a bot client on it, like tempDb() for SQLite. */
export async function tempPg(): Promise<{ db: Db; url: string; cleanup(): Promise<void> }> {
  const empty = await emptyPgDatabase();
  await migratePostgres(empty.url);
  const db = createDb(empty.url);
  return {
    db,
    url: empty.url,
    async cleanup() {
      await db.$disconnect();
      await empty.drop();
    },
  };
}

/** Empties every table of a test database (identities restart), for a suite that shares one per file. */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT "tablename"::text AS "tablename" FROM pg_tables WHERE "schemaname" = current_schema() AND "tablename" <> '_prisma_migrations'`;
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}
