// A migrated SQLite database in a temp folder, for tests of the storage layer and services.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateSqlite } from '../../src/db/migrate.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';

export async function tempDb(): Promise<{ db: Db; url: string; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-db-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  migrateSqlite(url);
  const db = createDb(url);
  return {
    db,
    url,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
