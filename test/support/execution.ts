// Helpers shared by the execution tests: a plan approved and published in a year, and the callback value of a
// button or a menu on a card.
import { createStores } from '../../src/db/stores.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import type { Harness } from './harness.ts';
import type { PlanRecord } from '../../src/ports/plans.ts';

const at = (iso: string) => new Date(`${iso}+08:00`);

/** A plan of `unitCode` for `year`, published the September before (as if approved on the usual calendar). */
export function publishedPlan(h: Harness, unitCode: string, year: number, data: PlanDraft): Promise<PlanRecord> {
  return createStores(h.db).plans.create({
    year,
    unitCode,
    status: 'PUBLISHED',
    data: { ...data, budgetCode: unitCode },
    event: { at: at(`${year - 1}-09-30T10:00:00`), actor: 'cli', action: 'create', fromStatus: null, toStatus: 'PUBLISHED', comment: null, changes: null, channel: 'cli' },
  });
}

/** The callback value with this `a` (and these fields) on a card: a button's or a menu's. */
export function valueIn(card: unknown, a: string, match: Record<string, unknown> = {}): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (Array.isArray(o.behaviors)) for (const b of o.behaviors as { value?: Record<string, unknown> }[]) if (b.value?.a === a) found.push(b.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  const v = found.find((x) => Object.entries(match).every(([k, want]) => x[k] === want));
  if (!v) throw new Error(`no ${a} ${JSON.stringify(match)} in ${JSON.stringify(found)}`);
  return v;
}
