// The twin of db/plan-repo.ts: plans numbered per year (2027-001 …) and their append-only event log.
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import type { Channel, NewPlanEvent, PlanEventRecord, PlanRecord, PlanStore } from '../../../src/ports/plans.ts';
import { compare, copyDate, copyDateOrNull, fromJson, prismaError, toJson, type FakeDb, type PlanEventRow, type PlanRow } from './db.ts';

export const planNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(3, '0')}`;

/** A plan as PlanStore returns it: every column (seq too, as the Prisma row spread does), data parsed. */
export const toPlanRecord = (r: PlanRow): PlanRecord =>
  ({
    ...r,
    status: r.status as PlanStatus,
    data: fromJson<PlanDraft>(r.data),
    createdAt: copyDate(r.createdAt),
    updatedAt: copyDate(r.updatedAt),
    submittedAt: copyDateOrNull(r.submittedAt),
  }) as PlanRecord;

const toEventRecord = (r: PlanEventRow): PlanEventRecord => ({
  ...r,
  at: copyDate(r.at),
  fromStatus: r.fromStatus as PlanStatus | null,
  toStatus: r.toStatus as PlanStatus | null,
  changes: r.changes ? fromJson<PlanEventRecord['changes']>(r.changes) : null,
  details: r.details ? fromJson<Record<string, unknown>>(r.details) : null,
  channel: r.channel as Channel,
});

/** The next free number of the year (the highest seq + 1). */
export function nextSeq(db: FakeDb, year: number): number {
  let last = 0;
  for (const p of db.plans.values()) if (p.year === year && p.seq > last) last = p.seq;
  return last + 1;
}

/** Inserts a plan row, enforcing the unique number and (year, seq). */
export function insertPlan(db: FakeDb, row: Omit<PlanRow, 'id'>): PlanRow {
  for (const p of db.plans.values()) {
    if (p.number === row.number || (p.year === row.year && p.seq === row.seq)) throw prismaError('P2002', `Unique constraint failed on plan ${row.number}`);
  }
  const stored: PlanRow = { id: db.ids.plan(), ...row };
  db.plans.set(stored.id, stored);
  return stored;
}

/** Appends an event to a plan's trail (the plan must exist: PlanEvent's foreign key). */
export function insertEvent(db: FakeDb, planId: number, e: NewPlanEvent): void {
  if (!db.plans.has(planId)) throw prismaError('P2003', `Foreign key constraint violated: PlanEvent.planId ${planId}`);
  const id = db.ids.planEvent();
  db.planEvents.set(id, {
    id,
    planId,
    at: copyDate(e.at),
    actor: e.actor,
    action: e.action,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    comment: e.comment ?? null,
    changes: e.changes ? toJson(e.changes) : null,
    details: e.details ? toJson(e.details) : null,
    channel: e.channel,
  });
}

export function createFakePlanStore(db: FakeDb): PlanStore {
  return {
    async create(p) {
      const seq = nextSeq(db, p.year);
      const row = insertPlan(db, {
        year: p.year,
        seq,
        number: planNumber(p.year, seq),
        unitCode: p.unitCode,
        budgetCode: p.data.budgetCode ?? null,
        status: p.status ?? 'DRAFT',
        version: 1,
        data: toJson(p.data),
        createdBy: p.event.actor,
        createdAt: copyDate(p.event.at),
        updatedAt: copyDate(p.event.at),
        submittedAt: null,
      });
      insertEvent(db, row.id, p.event);
      return toPlanRecord(row);
    },
    async update(p) {
      const row = db.plans.get(p.id);
      if (!row || row.version !== p.version) return null;
      row.version = p.version + 1;
      row.updatedAt = copyDate(p.event.at);
      if (p.data) {
        row.data = toJson(p.data);
        row.budgetCode = p.data.budgetCode ?? null;
      }
      if (p.status) row.status = p.status;
      if (p.submittedAt) row.submittedAt = copyDate(p.submittedAt);
      insertEvent(db, p.id, p.event);
      return toPlanRecord(row);
    },
    async get(id) {
      const r = db.plans.get(id);
      return r ? toPlanRecord(r) : null;
    },
    async byNumber(number) {
      for (const r of db.plans.values()) if (r.number === number) return toPlanRecord(r);
      return null;
    },
    async list(f) {
      // As the Prisma where object: `years` replaces `year` when both are given.
      const years = f.years ? new Set(f.years) : f.year !== undefined ? new Set([f.year]) : null;
      const statuses = f.statuses ? new Set<string>(f.statuses) : null;
      return [...db.plans.values()]
        .filter((r) => (!f.unitCode || r.unitCode === f.unitCode) && (!years || years.has(r.year)) && (!statuses || statuses.has(r.status)))
        .sort((a, b) => compare(a.year, b.year) || compare(a.seq, b.seq))
        .map(toPlanRecord);
    },
    async events(planId) {
      return [...db.planEvents.values()]
        .filter((r) => r.planId === planId)
        .sort((a, b) => a.id - b.id)
        .map(toEventRecord);
    },
    async eventsOf(planIds) {
      const byPlan = new Map<number, PlanEventRecord[]>(planIds.map((id) => [id, []]));
      for (const r of [...db.planEvents.values()].sort((a, b) => a.id - b.id)) byPlan.get(r.planId)?.push(toEventRecord(r));
      return byPlan;
    },
  };
}
