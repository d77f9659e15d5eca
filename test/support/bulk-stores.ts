// Many plans at once through the ports (w.stores), for the tests of lists that must page: the same heavy
// plans as bulk.ts (60-character titles with characters the cards must escape), on whichever stores the
// world runs (in-memory twins or Prisma).
import type { PlanDraft } from '../../src/domain/plan.ts';
import type { PlanStatus } from '../../src/domain/plan-status.ts';
import type { Stores } from '../../src/ports/index.ts';
import type { PlanRecord } from '../../src/ports/plans.ts';
import { HEAVY_PLAN, longTitle } from './bulk.ts';

export type PlanSpec = {
  unitCode: string;
  year: number;
  count: number;
  status: PlanStatus;
  /** When the first is created; each next one a minute later. */
  at: Date;
  data?: Partial<PlanDraft>;
};

/** Creates `count` plans of one unit with `status` (numbers continue the year's sequence), in order. */
export async function createPlans(stores: Pick<Stores, 'plans'>, s: PlanSpec): Promise<PlanRecord[]> {
  const made: PlanRecord[] = [];
  // Titles numbered like the plans (a year's numbers run on without gaps).
  const first = (await stores.plans.list({ year: s.year })).length + 1;
  for (let k = 0; k < s.count; k++) {
    const at = new Date(s.at.getTime() + k * 60_000);
    const data: PlanDraft = { ...HEAVY_PLAN, ...s.data, budgetCode: s.unitCode, title: longTitle(s.year, first + k) };
    const p = await stores.plans.create({ year: s.year, unitCode: s.unitCode, data, status: s.status, event: { at, actor: 'cli', action: 'create', fromStatus: null, toStatus: s.status, comment: null, changes: null, channel: 'cli' } });
    made.push(p);
  }
  return made;
}

/** Moves every plan of the year to `status` (as a test's starting point; the log records a 'seed' event). */
export async function moveAll(stores: Pick<Stores, 'plans'>, year: number, status: PlanStatus, at: Date): Promise<void> {
  for (const p of await stores.plans.list({ year })) {
    if (p.status === status) continue;
    const moved = await stores.plans.update({ id: p.id, version: p.version, status, event: { at, actor: 'cli', action: 'seed', fromStatus: p.status, toStatus: status, comment: null, changes: null, channel: 'cli' } });
    if (!moved) throw new Error(`plan ${p.number} changed while being moved to ${status}`);
  }
}
