// SQLite in WAL mode copies the log back into the database ("checkpoint") every 1,000 pages, inside
// whichever commit crosses the line: that commit, and the person waiting for its answer, waits for the
// whole copy. The server instead checkpoints a little at a time, once a second, at a quiet moment (no push
// waiting for its answer, no flood coming in), with a connection of its own (PASSIVE: it never waits for a
// reader or a writer). A second's worth of log takes 1–4 ms to copy on this machine.
//
// It runs on the main thread on purpose: a worker thread of its own cost ~9 MB of memory for a job that
// needs a few milliseconds a second (issue 15: peak RSS under 150 MB). Commits on the writing connection
// still checkpoint by themselves past a far higher mark (`SAFETY_NET_PAGES`), so the log stays bounded
// even when the bot is never quiet; and if the checkpoint connection cannot be opened at all, or keeps
// failing, commits go back to checkpointing at SQLite's usual 1,000 pages.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { isPostgresUrl, sqliteFilePath } from './prisma.ts';

/** What this needs of the logger. */
type Log = { warn(o: object, msg: string): void; error(o: object, msg: string): void };

/** The writing connection checkpoints by itself past this many log pages (~40 MB): a bound, not the rule. */
export const SAFETY_NET_PAGES = 10_000;
/** Failures in a row after which checkpoints are handed back to the commits. */
const GIVE_UP_AFTER = 5;

export type Checkpointer = {
  /** Checkpoints once more and closes the connection. */
  stop(): Promise<void>;
};

export type CheckpointerOptions = {
  logger: Log;
  /** The checkpoint connection is gone (could not open, or keeps failing): the caller turns automatic checkpoints back on. */
  onLost: () => void;
  intervalMs?: number;
  /** True when a checkpoint may block the event loop for a moment (default: always). */
  quiet?: () => boolean;
};

/** Checkpoints `file` every `intervalMs` while `quiet()`, on a connection of its own. */
export function startCheckpointer(file: string, o: CheckpointerOptions): Checkpointer {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  let db: BetterSqlite3.Database;
  try {
    db = new Database(file, { timeout: 1000 });
  } catch (err) {
    o.logger.error({ err }, 'checkpoint connection could not be opened: automatic checkpoints switched back on');
    o.onLost();
    return { stop: async () => undefined };
  }
  let failures = 0;
  let stopped = false;
  const checkpoint = () => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      failures = 0;
    } catch (err) {
      failures++;
      o.logger.warn({ err, failures }, 'checkpoint failed');
      if (failures >= GIVE_UP_AFTER) {
        o.logger.error({ failures }, 'checkpoints keep failing: automatic checkpoints switched back on');
        close();
        o.onLost();
      }
    }
  };
  const timer = setInterval(() => {
    if (o.quiet?.() ?? true) checkpoint();
  }, o.intervalMs ?? 1000);
  timer.unref();
  function close() {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    db.close();
  }
  return {
    async stop() {
      if (stopped) return;
      checkpoint();
      close();
    },
  };
}

/**
 * The checkpointer of the server's database: the one above for SQLite (its writing connection checkpoints
 * only past `SAFETY_NET_PAGES`); nothing for PostgreSQL, which has no WAL file for the bot to look after.
 */
export function startDbCheckpointer(
  databaseUrl: string,
  db: { $queryRawUnsafe(sql: string): Promise<unknown> },
  o: { logger: Log; quiet?: () => boolean },
): Checkpointer {
  if (isPostgresUrl(databaseUrl)) return { stop: async () => undefined };
  return startCheckpointer(sqliteFilePath(databaseUrl), {
    logger: o.logger,
    ...(o.quiet ? { quiet: o.quiet } : {}),
    onLost: () => void db.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 1000').catch(() => undefined),
  });
}
