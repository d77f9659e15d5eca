// backupSqlite under a writer that commits between every step of the copy: each such write makes SQLite restart
// the copy, so the rest is copied in one step and the backup finishes after a few writes, not hundreds.
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
    const result = await backupSqlite(file, dest, { tables: ['t'] });
    writing = false;
    await loop;
    writer.close();
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThan(50); // restarting step by step took ~460 writes
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
