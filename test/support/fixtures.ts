// Fixture builders on the ports (the in-memory twins or Prisma alike): the units, people and plans a test
// starts from, in one call instead of a handful of port calls.
//
//   await city(w.stores, { units: [unit('101001', '柳州市人力资源和社会保障局')], people: [declarant(DECL, '101001', '李明'), reviewer(REV)] });
//   const p = await plan(w.stores, { unitCode: '101001', year: 2027, status: 'SUBMITTED', at: w.clock.now() });
import type { Role } from '../../src/domain/people.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import type { PlanStatus } from '../../src/domain/plan-status.ts';
import type { TrainingBase } from '../../src/domain/training-bases.ts';
import type { Unit } from '../../src/domain/units.ts';
import type { Stores } from '../../src/ports/index.ts';
import type { NewPlanEvent, PlanRecord } from '../../src/ports/plans.ts';

/** A registry row: no parent, no contact unless given. */
export function unit(code: string, name: string, o: Partial<Omit<Unit, 'code' | 'name'>> = {}): Unit {
  return { code, name, parentCode: null, staffCount: 100, contactName: null, contactMobile: null, ...o };
}

/** Someone the bot knows: a role, a unit, or both. */
export type PersonSpec = { openId: string; name?: string; role?: Role; unitCode?: string };

/** A declarant linked to a unit (bind makes them a declarant). */
export const declarant = (openId: string, unitCode: string, name?: string): PersonSpec => ({ openId, unitCode, ...(name ? { name } : {}) });
export const reviewer = (openId: string, name?: string): PersonSpec => ({ openId, role: 'reviewer', ...(name ? { name } : {}) });
export const admin = (openId: string, name?: string, unitCode?: string): PersonSpec => ({ openId, role: 'admin', ...(name ? { name } : {}), ...(unitCode ? { unitCode } : {}) });

/** Stores a person: the role granted first, then the unit bound (so an admin of a unit stays an admin). */
export async function person(stores: Pick<Stores, 'roster'>, p: PersonSpec): Promise<void> {
  if (p.role) await stores.roster.grant(p.openId, p.role, p.name);
  if (p.unitCode) await stores.roster.bind(p.openId, p.unitCode, p.role ? undefined : p.name);
}

/** The registry, the base list and the people, in that order. */
export async function city(stores: Pick<Stores, 'registry' | 'bases' | 'roster'>, c: { units?: Unit[]; bases?: TrainingBase[]; people?: PersonSpec[] }): Promise<void> {
  if (c.units?.length) await stores.registry.saveUnits(c.units);
  if (c.bases?.length) await stores.bases.save(c.bases, false);
  for (const p of c.people ?? []) await person(stores, p);
}

export type PlanSpec = { unitCode: string; year: number; data?: PlanDraft; status?: PlanStatus; at: Date; actor?: string; channel?: NewPlanEvent['channel'] };

/**
 * A plan stored in `status`, as a CLI import writes one: created in that status with one create event (no
 * submittedAt). `submitted` gives it the path through the bot instead: a draft, then moved to `status`
 * with submittedAt set (two events, version 2).
 */
export async function plan(stores: Pick<Stores, 'plans'>, p: PlanSpec & { submitted?: boolean }): Promise<PlanRecord> {
  const status = p.status ?? 'DRAFT';
  const base = { at: p.at, actor: p.actor ?? 'cli', comment: null, changes: null, channel: p.channel ?? 'cli' } as const;
  const data = p.data ?? {};
  if (!p.submitted || status === 'DRAFT') {
    return stores.plans.create({ year: p.year, unitCode: p.unitCode, data, ...(p.status ? { status } : {}), event: { ...base, action: 'create', fromStatus: null, toStatus: status } });
  }
  const draft = await stores.plans.create({ year: p.year, unitCode: p.unitCode, data, event: { ...base, action: 'create', fromStatus: null, toStatus: 'DRAFT' } });
  return (await moveTo(stores, draft.id, status, p.at, { submittedAt: p.at }))!;
}

/** Moves a plan to `status` as an operator would (not through the bot); null when the plan is gone. */
export async function moveTo(stores: Pick<Stores, 'plans'>, id: number, status: PlanStatus, at: Date, o: { submittedAt?: Date; action?: string } = {}): Promise<PlanRecord | null> {
  const current = await stores.plans.get(id);
  if (!current) return null;
  const event: NewPlanEvent = { at, actor: 'cli', action: o.action ?? 'set', fromStatus: current.status, toStatus: status, comment: null, changes: null, channel: 'cli' };
  return stores.plans.update({ id, version: current.version, status, ...(o.submittedAt ? { submittedAt: o.submittedAt } : {}), event });
}
