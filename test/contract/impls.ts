// The two implementations of the store ports the contract suite runs every case against: the in-memory twins
// (test/support/fakes.ts) and Prisma on a fresh migrated SQLite file. Each case gets an empty store.
import { afterEach, beforeEach, describe } from 'vitest';
import { createStores } from '../../src/db/stores.ts';
import type { Stores } from '../../src/ports/index.ts';
import type { NewPlanEvent } from '../../src/ports/plans.ts';
import { createFakeStores } from '../support/fakes.ts';
import { tempDb } from '../support/temp-db.ts';

type Made = { stores: Stores; cleanup(): Promise<void> };

export const IMPLS: [string, () => Promise<Made>][] = [
  ['fakes', async () => ({ stores: createFakeStores(), cleanup: async () => {} })],
  [
    'prisma',
    async () => {
      const t = await tempDb();
      return { stores: createStores(t.db), cleanup: () => t.cleanup() };
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
