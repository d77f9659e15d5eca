// The two databases storage tests run on: a fresh SQLite file and a fresh PostgreSQL database, both
// migrated by the bot's own migrator. describe.each(STORAGE)('…(%s)', (_name, make) => …).
import type { Db } from '../../src/db/prisma.ts';
import { tempDb } from './temp-db.ts';
import { tempPg } from './temp-pg.ts';

export type TempStorage = { db: Db; url: string; cleanup(): Promise<void> };

export const STORAGE: [string, () => Promise<TempStorage>][] = [
  ['sqlite', tempDb],
  ['postgresql', tempPg],
];
