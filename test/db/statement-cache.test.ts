// The compiled-statement cache under the SQLite driver adapter: the same statement run again with other
// arguments gives their answers, writes count their changes, unbound statements (BEGIN) still run, and no
// more than `max` statements are kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/db/prisma.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-stmt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Bound = { reader: boolean; run(): { changes: number }; columns(): { name: string }[]; raw(): { all(): unknown[][] } };
type Prepared = Bound & { bind(args: unknown[]): Bound };

describe('statement cache', () => {
  it('reuses compiled statements with fresh arguments each run, and keeps at most max of them', () => {
    const db = new Database(path.join(dir, 'a.db'));
    let compiled = 0;
    const original = db.prepare.bind(db);
    (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      compiled++;
      return original(sql);
    };
    cacheStatements(db as unknown as { prepare(sql: string): unknown }, 3);
    const prepare = (sql: string) => (db as unknown as { prepare(sql: string): Prepared }).prepare(sql);
    prepare('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)').run();
    prepare('BEGIN').run();
    for (const v of ['一', '二', '三']) expect(prepare('INSERT INTO t (v) VALUES (?)').bind([v]).run().changes).toBe(1);
    prepare('COMMIT').run();
    const select = 'SELECT id, v FROM t WHERE v = ?';
    expect(prepare(select).bind(['二']).raw().all()).toEqual([[2, '二']]);
    expect(prepare(select).bind(['三']).raw().all()).toEqual([[3, '三']]);
    expect(prepare(select).bind(['四']).raw().all()).toEqual([]);
    expect(prepare(select).reader).toBe(true);
    expect(prepare(select).bind(['一']).columns().map((c) => c.name)).toEqual(['id', 'v']);
    // CREATE, BEGIN, INSERT, COMMIT, SELECT: five texts, each compiled once so far.
    expect(compiled).toBe(5);
    // Kept now, least recently used first: INSERT, COMMIT, SELECT. BEGIN again evicts INSERT.
    prepare('BEGIN').run();
    expect(compiled).toBe(6);
    prepare('INSERT INTO t (v) VALUES (?)').bind(['五']).run(); // compiled again, evicting COMMIT
    expect(compiled).toBe(7);
    prepare('COMMIT').run();
    expect(compiled).toBe(8);
    expect(prepare(select).bind(['五']).raw().all()).toEqual([[4, '五']]); // SELECT was evicted by COMMIT: compiled again
    expect(compiled).toBe(9);
    db.close();
  });
});
