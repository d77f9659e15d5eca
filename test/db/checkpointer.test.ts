// Checkpoints off the commit path: with automatic checkpoints off on the writing connection, the
// background thread keeps copying the log back, so the WAL file stays small however much is written;
// without it the log only grows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-ckpt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const quiet = { warn: () => {}, error: () => {} };

async function writeMuch(file: string, between: () => Promise<void>): Promise<number> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 100; i++) insert.run('培'.repeat(1000)); // ~3 KB a row, one commit each
    await between();
  }
  db.close();
  return fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
}

describe('background checkpoints', () => {
  it('keep the log small while commits never checkpoint themselves', async () => {
    const without = new Database(path.join(dir, 'without.db'));
    without.pragma('journal_mode = WAL');
    without.pragma('wal_autocheckpoint = 0');
    without.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = without.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('培'.repeat(1000));
    const grown = fs.statSync(path.join(dir, 'without.db-wal')).size;
    without.close();
    expect(grown).toBeGreaterThan(6_000_000); // 2,000 × 3 KB and nothing copied back

    const withThread = path.join(dir, 'with.db');
    new Database(withThread).pragma('journal_mode = WAL');
    let lost = false;
    const checkpointer = startCheckpointer(withThread, { logger: quiet, onLost: () => (lost = true), intervalMs: 20 });
    // The thread runs beside the writer: it is started before the first write, and each pause between rounds
    // lasts a few of its intervals (on a loaded machine a thread may wait its turn a while).
    await checkpointer.ready;
    const size = await writeMuch(withThread, () => new Promise((r) => setTimeout(r, 100)));
    await checkpointer.stop();
    expect(lost).toBe(false);
    expect(size).toBeLessThan(grown / 3);
    const check = new Database(withThread);
    expect((check.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(2000);
    check.close();
  });
});
