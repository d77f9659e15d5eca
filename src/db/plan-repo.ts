// Plans and their append-only event log. Numbers are per year (2027-001, 2027-002 …), allocated by
// inserting the next sequence number under a unique (year, seq) constraint and retrying on a clash.
import type { PlanDraft } from '../domain/plan.ts';
import type { PlanStatus } from '../domain/plan-status.ts';
import type { Channel, NewPlanEvent, PlanEventRecord, PlanRecord, PlanStore } from '../ports/plans.ts';
import { isUniqueViolation, lockPlanNumbers, type Db } from './prisma.ts';

type PlanRow = {
  id: number;
  year: number;
  number: string;
  unitCode: string;
  budgetCode: string | null;
  status: string;
  version: number;
  data: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
};

const toRecord = (r: PlanRow): PlanRecord => ({ ...r, status: r.status as PlanStatus, data: JSON.parse(r.data) as PlanDraft });

type PlanEventRow = Omit<PlanEventRecord, 'fromStatus' | 'toStatus' | 'changes' | 'details' | 'channel'> & {
  fromStatus: string | null;
  toStatus: string | null;
  changes: string | null;
  details: string | null;
  channel: string;
};

const toEventRecord = (r: PlanEventRow): PlanEventRecord => ({
  ...r,
  fromStatus: r.fromStatus as PlanStatus | null,
  toStatus: r.toStatus as PlanStatus | null,
  changes: r.changes ? (JSON.parse(r.changes) as PlanEventRecord['changes']) : null,
  details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  channel: r.channel as Channel,
});

/** Plans whose events one query reads (well under SQLite's and PostgreSQL's limits on bound values). */
const EVENTS_BATCH = 500;

export const planNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(3, '0')}`;

/** A plan event as a row (also used for the execution entries of a plan's trail). */
export function eventData(planId: number, e: NewPlanEvent) {
  return {
    planId,
    at: e.at,
    actor: e.actor,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    comment: e.comment,
    changes: e.changes ? JSON.stringify(e.changes) : null,
    details: e.details ? JSON.stringify(e.details) : null,
    channel: e.channel,
  };
}

export function createPlanStore(db: Db): PlanStore {
  return {
    async create(p) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.$transaction(async (tx) => {
            await lockPlanNumbers(db, tx, p.year);
            const last = await tx.plan.findFirst({ where: { year: p.year }, orderBy: { seq: 'desc' }, select: { seq: true } });
            const seq = (last?.seq ?? 0) + 1;
            const row = await tx.plan.create({
              data: {
                year: p.year,
                seq,
                number: planNumber(p.year, seq),
                unitCode: p.unitCode,
                budgetCode: p.data.budgetCode ?? null,
                status: p.status ?? 'DRAFT',
                data: JSON.stringify(p.data),
                createdBy: p.event.actor,
                createdAt: p.event.at,
                updatedAt: p.event.at,
              },
            });
            await tx.planEvent.create({ data: eventData(row.id, p.event) });
            return toRecord(row);
          });
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 5) throw err; // another plan took this number: take the next
        }
      }
    },
    async update(p) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.plan.updateMany({
          where: { id: p.id, version: p.version },
          data: {
            version: p.version + 1,
            updatedAt: p.event.at,
            ...(p.data ? { data: JSON.stringify(p.data), budgetCode: p.data.budgetCode ?? null } : {}),
            ...(p.status ? { status: p.status } : {}),
            ...(p.submittedAt ? { submittedAt: p.submittedAt } : {}),
          },
        });
        if (count === 0) return null;
        await tx.planEvent.create({ data: eventData(p.id, p.event) });
        const row = await tx.plan.findUniqueOrThrow({ where: { id: p.id } });
        return toRecord(row);
      });
    },
    async get(id) {
      const r = await db.plan.findUnique({ where: { id } });
      return r ? toRecord(r) : null;
    },
    async byNumber(number) {
      const r = await db.plan.findUnique({ where: { number } });
      return r ? toRecord(r) : null;
    },
    async list(f) {
      const rows = await db.plan.findMany({
        where: {
          ...(f.unitCode ? { unitCode: f.unitCode } : {}),
          ...(f.year !== undefined ? { year: f.year } : {}),
          ...(f.years ? { year: { in: f.years } } : {}),
          ...(f.statuses ? { status: { in: [...f.statuses] } } : {}),
        },
        orderBy: [{ year: 'asc' }, { seq: 'asc' }],
      });
      return rows.map(toRecord);
    },
    async events(planId) {
      const rows = await db.planEvent.findMany({ where: { planId }, orderBy: { id: 'asc' } });
      return rows.map(toEventRecord);
    },
    async eventsOf(planIds) {
      const byPlan = new Map<number, PlanEventRecord[]>(planIds.map((id) => [id, []]));
      const ids = [...byPlan.keys()];
      for (let i = 0; i < ids.length; i += EVENTS_BATCH) {
        const rows = await db.planEvent.findMany({ where: { planId: { in: ids.slice(i, i + EVENTS_BATCH) } }, orderBy: { id: 'asc' } });
        for (const r of rows) byPlan.get(r.planId)!.push(toEventRecord(r));
      }
      return byPlan;
    },
  };
}
