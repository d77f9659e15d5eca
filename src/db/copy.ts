// Copies every row of the app's tables from one database to another through the Prisma model API, so it
// works between any two providers (SQLite → PostgreSQL is the use): rows are read in key order with cursor
// pagination and written with createMany, all on the target in one transaction; then the row counts of
// both sides are compared.
import type { Db } from './prisma.ts';

/** One model: its client delegate, its table, its primary key, whether the key is an autoincrement id. */
export type TableSpec = { model: string; table: string; key: string[]; serial: boolean };

const t = (table: string, key: string[], serial = false): TableSpec => ({ model: table[0]!.toLowerCase() + table.slice(1), table, key, serial });

/**
 * Every model of prisma/schema.prisma, a referenced table before the tables that reference it (Plan before
 * PlanEvent, TrainingClass before ClassStep). test/db/copy.test.ts checks this list against the schema.
 */
export const APP_TABLES: TableSpec[] = [
  t('User', ['openId']),
  t('Unit', ['code']),
  t('InboundEvent', ['id'], true),
  t('OutboxMessage', ['id'], true),
  t('TrainingBase', ['id'], true),
  t('CalendarDay', ['date']),
  t('HolidayNotice', ['id'], true),
  t('Campaign', ['year']),
  t('Plan', ['id'], true),
  t('PlanEvent', ['id'], true),
  t('Conversation', ['openId']),
  t('LinkRequest', ['id'], true),
  t('UnitYear', ['unitCode', 'year']),
  t('ReviewNotice', ['id'], true),
  t('ExcelImport', ['id'], true),
  t('ReminderLog', ['key']),
  t('TrainingClass', ['id'], true),
  t('ClassStep', ['classId', 'step']),
  t('Attachment', ['id'], true),
  t('FileIntent', ['openId']),
  t('SendSlot', ['id'], true),
  t('JobLease', ['job', 'slot']),
];

/** Tables holding files: fewer rows per batch. */
const WITH_FILES = new Set(['OutboxMessage', 'Attachment']);

type Row = Record<string, unknown>;
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  count(): Promise<number>;
};
type Client = Pick<Db, '$transaction' | '$queryRawUnsafe'>;

const delegate = (db: unknown, spec: TableSpec): Delegate => (db as Record<string, Delegate>)[spec.model]!;

/** Why a copy was not made; the caller words it for people. */
export type CopyRefusal =
  | { reason: 'target-not-empty'; table: string; rows: number }
  | { reason: 'not-migrated'; side: 'from' | 'to'; table: string; detail: string };

export class CopyRefused extends Error {
  constructor(readonly refusal: CopyRefusal) {
    super(`copy refused: ${refusal.reason} ${refusal.table}`);
  }
}

export type TableCount = { table: string; from: number; to: number };

/** Prisma's codes for a table or column the database does not have (not migrated, or an older schema). */
function isMissingTable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'P2021' || code === 'P2022' || /no such (table|column)|does not exist/i.test(String((err as Error).message));
}

async function countAll(db: unknown, side: 'from' | 'to'): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const spec of APP_TABLES) {
    try {
      counts.set(spec.table, await delegate(db, spec).count());
    } catch (err) {
      if (isMissingTable(err)) throw new CopyRefused({ reason: 'not-migrated', side, table: spec.table, detail: (err as Error).message.split('\n').pop()! });
      throw err;
    }
  }
  return counts;
}

/** The cursor of a row: its key, under Prisma's compound name (classId_step) when the key has several fields. */
function cursorOf(spec: TableSpec, row: Row): Row {
  const key = Object.fromEntries(spec.key.map((k) => [k, row[k]]));
  return spec.key.length === 1 ? key : { [spec.key.join('_')]: key };
}

/** Makes the target's id sequences continue after the copied ids (PostgreSQL; SQLite follows MAX(id) itself). */
export function resetSequenceSql(table: string): string {
  return `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(MAX("id"), 0) + 1, false)::text AS "next" FROM "${table}"`;
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * Copies all rows of APP_TABLES from `from` into `to` (an empty, migrated database) and returns the row
 * counts of both sides afterwards. `toUrl` says which provider the target is (sequences on PostgreSQL).
 */
export async function copyDatabase(
  from: Db,
  to: Db,
  o: { fromUrl: string; toUrl: string; batch?: number; onTable?: (table: string, rows: number) => void },
): Promise<TableCount[]> {
  const batch = o.batch ?? 500;
  const before = await countAll(to, 'to');
  for (const [table, rows] of before) if (rows > 0) throw new CopyRefused({ reason: 'target-not-empty', table, rows });
  await countAll(from, 'from');
  const copyAll = async (source: unknown, target: Client) => {
    for (const spec of APP_TABLES) {
      const take = WITH_FILES.has(spec.table) ? Math.max(1, Math.floor(batch / 10)) : batch;
      const orderBy = spec.key.map((k) => ({ [k]: 'asc' }));
      let cursor: Row | undefined;
      let copied = 0;
      for (;;) {
        const rows = await delegate(source, spec).findMany({ orderBy, take, ...(cursor ? { cursor, skip: 1 } : {}) });
        if (!rows.length) break;
        await delegate(target, spec).createMany({ data: rows });
        copied += rows.length;
        cursor = cursorOf(spec, rows[rows.length - 1]!);
        if (rows.length < take) break;
      }
      if (spec.serial && isPostgres(o.toUrl)) await target.$queryRawUnsafe(resetSequenceSql(spec.table));
      o.onTable?.(spec.table, copied);
    }
  };
  const long = { timeout: 60 * 60_000, maxWait: 60_000 };
  // The source is read in one transaction too: one snapshot, even if something writes to it meanwhile
  // (SQLite: a read transaction in WAL; PostgreSQL: repeatable read).
  // (The SQLite client's types know only Serializable; the PostgreSQL client takes RepeatableRead.)
  const snapshot = (isPostgres(o.fromUrl) ? { ...long, isolationLevel: 'RepeatableRead' } : long) as typeof long;
  await from.$transaction((source) => to.$transaction((target) => copyAll(source, target as unknown as Client), long), snapshot);
  const fromCounts = await countAll(from, 'from');
  const toCounts = await countAll(to, 'to');
  return APP_TABLES.map((s) => ({ table: s.table, from: fromCounts.get(s.table)!, to: toCounts.get(s.table)! }));
}
