// Applies the committed SQL migrations in prisma/migrations at start-up, recording them in Prisma's own
// `_prisma_migrations` table (same columns and checksum), so `prisma migrate deploy/status` agree with it.
// Own runner because spawning the Prisma CLI costs seconds at every start and needs the dev toolchain.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../paths.ts';
import { prepareSqliteFile, sqliteFilePath } from './prisma.ts';


const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export type MigrationResult = { applied: string[] };

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }));
}

export function migrateSqlite(databaseUrl: string, dir = MIGRATIONS_DIR): MigrationResult {
  const file = sqliteFilePath(databaseUrl);
  prepareSqliteFile(file);
  const db = new Database(file, { timeout: 10_000 });
  try {
    // WAL lets the CLI read and write while the server runs; it is a property of the file, set once.
    db.pragma('journal_mode = WAL');
    db.exec(CREATE_TABLE);
    const applied: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting together apply each
    // migration once: the second waits, then sees it recorded.
    const applyPending = db.transaction(() => {
      const done = new Set(
        (
          db.prepare('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as {
            migration_name: string;
          }[]
        ).map((r) => r.migration_name),
      );
      const migrations = listMigrations(dir);
      if (!migrations.length) throw new Error(`no migrations found in ${dir}`);
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        db.exec(m.sql);
        const checksum = crypto.createHash('sha256').update(m.sql).digest('hex');
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, NULL, current_timestamp, 1)`,
        ).run(crypto.randomUUID(), checksum, m.name);
        applied.push(m.name);
      }
    });
    applyPending.immediate();
    return { applied };
  } finally {
    db.close();
  }
}
