// backupSqlite under a writer that commits between every step of the copy: each such write makes SQLite restart
// the copy, so the rest is copied in one step and the backup finishes instead of restarting for as long as the
// writer writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, BackupRefused } from '../../src/db/backup.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backupSqlite', () => {
  it('finishes under a writer that commits between every step, with every row committed before it began', async () => {
    const file = path.join(dir, 'busy.db');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run('x'.repeat(2000)); // ~2,000 pages: several steps
    })();
    let writing = true;
    let during = 0;
    const loop = (async () => {
      while (writing) {
        insert.run('y');
        during++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const dest = path.join(dir, 'busy-backup.db');
    const steps: { remainingPages: number; restarted: boolean }[] = [];
    const result = await backupSqlite(file, dest, { tables: ['t'], onStep: (s) => steps.push(s) });
    writing = false;
    await loop;
    writer.close();
    expect(during).toBeGreaterThan(0);
    // The first slice, then a write restarts the copy: the rest goes in one step (restarting slice by
    // slice, the copy only ended when the writer happened to pause).
    expect(steps.filter((s) => s.restarted)).toHaveLength(1);
    expect(steps.length).toBeLessThanOrEqual(4);
    expect(result.counts.t).toBeGreaterThanOrEqual(4000);
    expect(result.bytes).toBe(fs.statSync(dest).size);
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT COUNT(*) AS n FROM t WHERE id <= 4000').get() as { n: number }).n).toBe(4000);
    copy.close();
  });

  it('refuses a missing source without creating it', async () => {
    const missing = path.join(dir, 'missing.db');
    const err = await backupSqlite(missing, path.join(dir, 'x.db'), { tables: [] }).catch((e: unknown) => e);
    expect((err as BackupRefused).refusal).toEqual({ reason: 'source-missing', path: missing });
    expect(fs.existsSync(missing)).toBe(false);
  });
});
