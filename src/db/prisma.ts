// The only place that constructs the Prisma client. SQLite runs through the better-sqlite3 driver adapter
// (no native query engine to download).
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

/** Path of the SQLite file behind a `file:` URL, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  return path.resolve(raw);
}

/**
 * Makes sure the database file exists readable by this user only (0600): it holds people's phone numbers
 * and declarations. A folder it has to create is 0700; an existing folder is left as it is. SQLite gives
 * its -wal and -shm files the mode of the database file.
 */
export function prepareSqliteFile(file: string): void {
  if (!fs.existsSync(path.dirname(file))) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}

export function createDb(databaseUrl: string): Db {
  const file = sqliteFilePath(databaseUrl);
  prepareSqliteFile(file);
  // busy timeout: the CLI and the server may write at the same moment; wait instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** Prisma's code for a unique-constraint violation: the loser of a race on a unique key. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
