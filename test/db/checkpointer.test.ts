// Checkpoints off the commit path: with the writing connection's automatic checkpoints off, the checkpointer
// keeps copying the log back at quiet moments, so the WAL file stays small however much is written; while
// the bot is busy it waits, and catches up at the next quiet moment. Without it the log only grows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-ckpt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const quiet = { warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function writer(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  return {
    /** `n` commits of ~3 KB each. */
    write: (n: number) => {
      for (let i = 0; i < n; i++) insert.run('培'.repeat(1000));
    },
    /** Rows written, read back through the log and the database. */
    count: () => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n,
    close: () => db.close(),
  };
}

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe('checkpoints at quiet moments', () => {
  it('keep the log small while commits never checkpoint themselves', async () => {
    const without = path.join(dir, 'without.db');
    const w0 = writer(without);
    w0.write(2000);
    const grown = walSize(without);
    w0.close();
    expect(grown).toBeGreaterThan(6_000_000); // 2,000 × 3 KB and nothing copied back

    const file = path.join(dir, 'with.db');
    const w = writer(file);
    let lost = false;
    const checkpointer = startCheckpointer(file, { logger: quiet, onLost: () => (lost = true), intervalMs: 20 });
    for (let round = 0; round < 20; round++) {
      w.write(100);
      await sleep(100); // a few intervals: the log written so far is copied back, and the writer starts it over
    }
    await checkpointer.stop();
    expect(lost).toBe(false);
    expect(walSize(file)).toBeLessThan(grown / 3);
    expect(w.count()).toBe(2000);
    w.close();
  });

  it('wait while the bot is busy and catch up at the next quiet moment', async () => {
    const file = path.join(dir, 'busy.db');
    const w = writer(file);
    let busy = true;
    const checkpointer = startCheckpointer(file, { logger: quiet, onLost: () => {}, intervalMs: 20, quiet: () => !busy });
    for (let round = 0; round < 10; round++) {
      w.write(100);
      await sleep(60);
    }
    const whileBusy = walSize(file);
    expect(whileBusy).toBeGreaterThan(3_000_000); // 1,000 × 3 KB: nothing was copied back, so the log grew
    busy = false;
    await sleep(200);
    // Copied back now: the next commits start the log over instead of growing it.
    for (let round = 0; round < 5; round++) {
      w.write(100);
      await sleep(60);
    }
    expect(walSize(file)).toBe(whileBusy);
    await checkpointer.stop();
    expect(w.count()).toBe(1500);
    w.close();
  });

  it('hands checkpoints back to the commits when its connection cannot be opened', () => {
    let lost = false;
    const errors: string[] = [];
    startCheckpointer(path.join(dir, 'no-such-folder', 'x.db'), { logger: { warn: () => {}, error: (_o, msg) => errors.push(msg) }, onLost: () => (lost = true) });
    expect(lost).toBe(true);
    expect(errors).toEqual(['checkpoint connection could not be opened: automatic checkpoints switched back on']);
  });
});
