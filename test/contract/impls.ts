// The implementations of the store ports the contract suite runs every case against: the in-memory twins
// (test/support/fakes.ts), Prisma on a fresh migrated SQLite file, and Prisma on PostgreSQL (one fresh
// database per test file, emptied before each case: creating one takes longer than most cases). Each case
// gets an empty store.
import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import { createStores } from '../../src/db/stores.ts';
import type { Stores } from '../../src/ports/index.ts';
import type { NewPlanEvent } from '../../src/ports/plans.ts';
import { createFakeStores } from '../support/fakes.ts';
import { tempDb } from '../support/temp-db.ts';
import { tempPg, truncateAll } from '../support/temp-pg.ts';

type Made = { stores: Stores; cleanup(): Promise<void> };

let pg: ReturnType<typeof tempPg> | null = null;
/** Drops this file's PostgreSQL database, if a case made one. */
async function dropPg(): Promise<void> {
  const made = pg;
  pg = null;
  if (made) await (await made).cleanup();
}

export const IMPLS: [string, () => Promise<Made>][] = [
  ['fakes', async () => ({ stores: createFakeStores(), cleanup: async () => {} })],
  [
    'prisma',
    async () => {
      const t = await tempDb();
      return { stores: createStores(t.db), cleanup: () => t.cleanup() };
    },
  ],
  [
    'prisma-postgres',
    async () => {
      pg ??= tempPg();
      const t = await pg;
      await truncateAll(t.db);
      return { stores: createStores(t.db), cleanup: async () => {} };
    },
  ],
];

/** Defines the cases once; runs them on both implementations, each case on empty stores. */
export function contract(name: string, cases: (stores: () => Stores) => void): void {
  describe.each(IMPLS)(`${name} (%s)`, (_impl, make) => {
    let made: Made | undefined;
    beforeEach(async () => {
      made = await make();
    });
    afterEach(async () => {
      await made?.cleanup();
      made = undefined;
    });
    cases(() => made!.stores);
  });
  afterAll(dropPg);
}

export const at = (iso: string) => new Date(iso);

/** A plan event with sensible defaults. */
export function ev(action: string, when: string | Date, o: Partial<NewPlanEvent> = {}): NewPlanEvent {
  return { at: typeof when === 'string' ? at(when) : when, actor: 'ou_actor', action, fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'chat', ...o };
}

/** What a rejected promise carries (Prisma's error code, if any). */
export async function failure(p: Promise<unknown>): Promise<{ code?: unknown } | 'resolved'> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err as { code?: unknown };
  }
}
