// SQLite in WAL mode copies the log back into the database ("checkpoint") every 1,000 pages, inside
// whichever commit crosses the line: that commit, and the person waiting for its answer, then waits
// 25–50 ms on this machine. The server turns that off on its own connection and checkpoints from a
// small worker thread instead, with a connection of its own, once a second (PASSIVE: it never blocks a
// reader or a writer). If the thread dies, automatic checkpoints are switched back on.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { isPostgresUrl, sqliteFilePath } from './prisma.ts';

/** What this needs of the logger. */
type Log = { warn(o: object, msg: string): void; error(o: object, msg: string): void };

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 1000 });
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage({ error: String((e && e.message) || e) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.postMessage('ready');
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
});
`;

export type Checkpointer = {
  /** Resolves once the thread has opened the database and checkpoints on its interval. */
  ready: Promise<void>;
  stop(): Promise<void>;
};

/**
 * Checkpoints `file` every `intervalMs` from a worker thread. `onLost` runs if the thread ends on its own
 * (the caller switches automatic checkpoints back on).
 */
export function startCheckpointer(file: string, o: { logger: Log; onLost: () => void; intervalMs?: number }): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver, intervalMs: o.intervalMs ?? 1000 },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  let stopping = false;
  let started = () => {};
  const ready = new Promise<void>((resolve) => (started = resolve));
  worker.on('message', (m: unknown) => {
    if (m === 'ready') started();
    if (m && typeof m === 'object' && 'error' in m) o.logger.warn({ err: (m as { error: string }).error }, 'background checkpoint failed');
  });
  worker.on('error', (err) => o.logger.error({ err }, 'checkpoint thread failed'));
  worker.on('exit', (code) => {
    if (stopping) return;
    started();
    o.logger.error({ code }, 'checkpoint thread ended: automatic checkpoints switched back on');
    o.onLost();
  });
  worker.unref();
  return {
    ready,
    async stop() {
      if (stopping) return;
      stopping = true;
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (m: unknown) => m === 'stopped' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise<void>((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

/**
 * The checkpointer of the server's database: the thread above for SQLite (its own connection turned
 * automatic checkpoints off); nothing for PostgreSQL, which has no WAL file for the bot to look after.
 */
export function startDbCheckpointer(databaseUrl: string, db: { $queryRawUnsafe(sql: string): Promise<unknown> }, o: { logger: Log }): Checkpointer {
  if (isPostgresUrl(databaseUrl)) return { ready: Promise.resolve(), stop: async () => undefined };
  return startCheckpointer(sqliteFilePath(databaseUrl), {
    logger: o.logger,
    onLost: () => void db.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 1000').catch(() => undefined),
  });
}
