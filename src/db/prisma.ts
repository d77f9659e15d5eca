// The only place that constructs the Prisma client. SQLite runs through the better-sqlite3 driver adapter
// (no native query engine to download), PostgreSQL through @prisma/adapter-pg with the client generated
// from the PostgreSQL copy of the schema (prisma/generated/schema.postgres.prisma).
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { PrismaClient as PgPrismaClient } from '../generated/prisma-pg/client.ts';
import { serializeTransactions } from './tx-barrier.ts';

export type Db = PrismaClient;
export type Provider = 'sqlite' | 'postgresql';

const postgresClients = new WeakSet<object>();

/** Whether a DATABASE_URL names a PostgreSQL database (otherwise it is a SQLite `file:`). */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/** Which database a client talks to, for the few statements written differently for each (db/ only). */
export function providerOf(db: object): Provider {
  return postgresClients.has(db) ? 'postgresql' : 'sqlite';
}

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

type Statement = { reader: boolean; run(args: unknown[]): unknown; columns(): { name: string; type: string | null }[]; raw(on: boolean): { all(args: unknown[]): unknown[] } };
type Connection = { prepare(sql: string): unknown };

/**
 * The driver adapter compiles every statement anew (`client.prepare(sql).bind(args)`), which on the hot
 * queue queries cost as much as running them. This keeps the compiled statements of one connection (the
 * few hundred distinct SQL texts the bot issues, at most `max`) and binds the arguments at each run
 * instead; better-sqlite3 statements may be run any number of times.
 */
export function cacheStatements(connection: Connection, max = 500): void {
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  connection.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql); // most recently used last
    } else {
      stmt = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    const s = stmt;
    const bound = (args: unknown[]) => ({
      reader: s.reader,
      run: () => s.run(args),
      columns: () => s.columns(),
      raw: () => ({ all: () => s.raw(true).all(args) }),
    });
    return { ...bound([]), bind: bound }; // run() unbound too ("BEGIN")
  };
}

/**
 * The PostgreSQL client, typed as the SQLite one. The cast is sound for this code base: both clients are
 * generated from the same models (the PostgreSQL schema is written from the SQLite one), so every model
 * method and raw query the repositories use has the same arguments and results; the types only differ in
 * things neither provider's callers use here (PostgreSQL's `mode: 'insensitive'` filters, for one).
 * Every session runs in UTC, so a DateTime the adapter sends as UTC wall time (it writes no offset) is
 * stored as the instant it is, and now() and timestamps compare as instants.
 */
function createPostgresDb(databaseUrl: string): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, options: '-c TimeZone=UTC' });
  const db = new PgPrismaClient({ adapter }) as unknown as Db;
  postgresClients.add(db);
  return db;
}

/**
 * `file:` → SQLite, `postgresql://` or `postgres://` → PostgreSQL.
 * `autoCheckpointPages` (SQLite): a commit checkpoints by itself once the log holds this many pages (SQLite's
 * default is 1,000); the server raises it and checkpoints at quiet moments instead (checkpointer.ts).
 */
export function createDb(databaseUrl: string, o: { autoCheckpointPages?: number } = {}): Db {
  if (isPostgresUrl(databaseUrl)) return createPostgresDb(databaseUrl);
  const file = sqliteFilePath(databaseUrl);
  prepareSqliteFile(file);
  // busy timeout: the CLI and the server may write at the same moment; wait instead of failing.
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5000 });
  const adapter = {
    provider: 'sqlite' as const,
    adapterName: factory.adapterName,
    connect: async () => {
      const connected = await factory.connect();
      const client = (connected as unknown as { client: Connection & { pragma(p: string): unknown } }).client;
      cacheStatements(client);
      if (o.autoCheckpointPages !== undefined) client.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(o.autoCheckpointPages))}`);
      return serializeTransactions(connected);
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  return new PrismaClient({ adapter });
}

/** Prisma's code for a unique-constraint violation: the loser of a race on a unique key. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

type RawTx = { $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number> };

/**
 * Inside a transaction that numbers the plans of a year (the highest seq + 1): on PostgreSQL, waits for
 * any other such transaction of that year to end (a transaction-scoped advisory lock), so instances and
 * connections creating plans at once take consecutive numbers instead of failing on the unique number.
 * SQLite needs nothing: it has one writer at a time.
 */
export async function lockPlanNumbers(db: Db, tx: RawTx, year: number): Promise<void> {
  if (providerOf(db) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PLAN_NUMBERS_LOCK}::int, ${year}::int)`;
}

const PLAN_NUMBERS_LOCK = 160_517;
