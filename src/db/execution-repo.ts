// Classes, execution steps, attachments and file intents. Every change that people make is written with its
// audit event in one transaction, conditional on the version that was read, like plans (db/plan-repo.ts).
import crypto from 'node:crypto';
import type { Deviation, StepData, StepNo } from '../domain/execution.ts';
import { storedDeviation } from '../domain/execution-checks.ts';
import type { AttachmentKind, AttachmentMeta, AttachmentStore, ClassRecord, ClassStore, FileIntents, StepStore, StoredStep } from '../ports/execution.ts';
import { eventData } from './plan-repo.ts';
import { isUniqueViolation, type Db } from './prisma.ts';

type ClassRow = { id: number; planId: number; seq: number; startDate: string; endDate: string; status: string; source: string; version: number; createdBy: string; createdAt: Date; updatedAt: Date };
type StepRow = {
  classId: number;
  step: number;
  status: string;
  data: string;
  flags: string | null;
  reportedAt: Date;
  reportedBy: string;
  updatedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  comment: string | null;
  source: string;
  version: number;
};

const toClass = (r: ClassRow): ClassRecord => ({
  id: r.id,
  planId: r.planId,
  seq: r.seq,
  start: r.startDate,
  end: r.endDate,
  status: r.status as ClassRecord['status'],
  source: r.source,
  version: r.version,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toStep = (r: StepRow): StoredStep => ({
  ...r,
  step: r.step as StepNo,
  status: r.status as StoredStep['status'],
  data: JSON.parse(r.data) as StepData,
  flags: r.flags ? (JSON.parse(r.flags) as Deviation[]).map(storedDeviation) : [],
});

const META = { id: true, planId: true, classId: true, kind: true, fileName: true, size: true, uploadedBy: true, createdAt: true } as const;
const toMeta = (r: Omit<AttachmentMeta, 'kind'> & { kind: string }): AttachmentMeta => ({ ...r, kind: r.kind as AttachmentKind });

export function createClassStore(db: Db): ClassStore {
  return {
    async add(p) {
      try {
        return await db.$transaction(async (tx) => {
          const row = await tx.trainingClass.create({
            data: { planId: p.planId, seq: p.seq, startDate: p.start, endDate: p.end, source: p.source, createdBy: p.event.actor, createdAt: p.at, updatedAt: p.at },
          });
          await tx.planEvent.create({ data: eventData(p.planId, { ...p.event, details: { ...p.event.details, classId: row.id } }) });
          return toClass(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) return null;
        throw err;
      }
    },
    async update(p) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.trainingClass.updateMany({
          where: { id: p.id, version: p.version },
          data: { version: p.version + 1, updatedAt: p.at, ...(p.start ? { startDate: p.start } : {}), ...(p.end ? { endDate: p.end } : {}), ...(p.status ? { status: p.status } : {}) },
        });
        if (count === 0) return null;
        const row = await tx.trainingClass.findUniqueOrThrow({ where: { id: p.id } });
        await tx.planEvent.create({ data: eventData(row.planId, p.event) });
        return toClass(row);
      });
    },
    async get(id) {
      const r = await db.trainingClass.findUnique({ where: { id } });
      return r ? toClass(r) : null;
    },
    async of(planIds) {
      if (!planIds.length) return [];
      const rows: ClassRow[] = [];
      // Chunked: SQLite limits the number of bound parameters.
      for (let i = 0; i < planIds.length; i += 500) {
        rows.push(...(await db.trainingClass.findMany({ where: { planId: { in: [...planIds.slice(i, i + 500)] } }, orderBy: [{ planId: 'asc' }, { seq: 'asc' }] })));
      }
      return rows.map(toClass);
    },
    async appendEvent(planId, event) {
      await db.planEvent.create({ data: eventData(planId, event) });
    },
  };
}

export function createStepStore(db: Db): StepStore {
  return {
    async of(classIds) {
      if (!classIds.length) return [];
      const rows: StepRow[] = [];
      for (let i = 0; i < classIds.length; i += 500) {
        // ordered as SQLite returns them by its primary key; PostgreSQL promises no order without one
        rows.push(...(await db.classStep.findMany({ where: { classId: { in: [...classIds.slice(i, i + 500)] } }, orderBy: [{ classId: 'asc' }, { step: 'asc' }] })));
      }
      return rows.map(toStep);
    },
    async put(p) {
      const common = {
        status: p.status,
        data: JSON.stringify(p.data),
        flags: p.flags ? JSON.stringify(p.flags) : null,
        reportedBy: p.reportedBy,
        updatedAt: p.at,
        source: p.source,
        ...(p.review ? { reviewedBy: p.review.by, reviewedAt: p.review.at, comment: p.review.comment } : {}),
      };
      try {
        return await db.$transaction(async (tx) => {
          if (p.expectedVersion === null) {
            await tx.classStep.create({ data: { ...common, classId: p.classId, step: p.step, reportedAt: p.reportedAt ?? p.at } });
          } else {
            const { count } = await tx.classStep.updateMany({
              where: { classId: p.classId, step: p.step, version: p.expectedVersion },
              data: { ...common, version: p.expectedVersion + 1, ...(p.reportedAt ? { reportedAt: p.reportedAt } : {}) },
            });
            if (count === 0) return null;
          }
          await tx.planEvent.create({ data: eventData(p.event.planId, p.event) });
          return toStep(await tx.classStep.findUniqueOrThrow({ where: { classId_step: { classId: p.classId, step: p.step } } }));
        });
      } catch (err) {
        if (isUniqueViolation(err)) return null; // someone reported the step first
        throw err;
      }
    },
  };
}

export function createAttachmentStore(db: Db): AttachmentStore {
  return {
    async add(p) {
      const scope = p.classId ? `class:${p.classId}` : `plan:${p.planId}`;
      const sha256 = crypto.createHash('sha256').update(p.data).digest('hex');
      const existing = await db.attachment.findUnique({ where: { scope_kind_sha256: { scope, kind: p.kind, sha256 } }, select: META });
      if (existing) return { attachment: toMeta(existing), created: false };
      try {
        return await db.$transaction(async (tx) => {
          const row = await tx.attachment.create({
            data: { planId: p.planId, classId: p.classId, scope, kind: p.kind, fileName: p.fileName, size: p.data.length, sha256, data: new Uint8Array(p.data), uploadedBy: p.by, createdAt: p.at },
            select: META,
          });
          await tx.planEvent.create({ data: eventData(p.planId, p.event) });
          return { attachment: toMeta(row), created: true };
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const row = await db.attachment.findUniqueOrThrow({ where: { scope_kind_sha256: { scope, kind: p.kind, sha256 } }, select: META });
        return { attachment: toMeta(row), created: false };
      }
    },
    async list(f) {
      const where = { ...(f.classId ? { classId: f.classId } : {}), ...(f.kind ? { kind: f.kind } : {}) };
      const chunks = f.planIds ? Array.from({ length: Math.ceil(f.planIds.length / 500) }, (_, i) => f.planIds!.slice(i * 500, i * 500 + 500)) : [null];
      const rows = [];
      for (const ids of chunks) {
        if (ids && !ids.length) continue;
        rows.push(...(await db.attachment.findMany({ where: { ...where, ...(ids ? { planId: { in: [...ids] } } : {}) }, select: META, orderBy: { id: 'asc' } })));
      }
      return rows.map(toMeta);
    },
    async data(id) {
      const r = await db.attachment.findUnique({ where: { id }, select: { data: true } });
      return r ? Buffer.from(r.data) : null;
    },
  };
}

export function createFileIntents(db: Db): FileIntents {
  return {
    async set(openId, i) {
      await db.fileIntent.upsert({ where: { openId }, create: { openId, ...i }, update: i });
    },
    async get(openId, now) {
      const r = await db.fileIntent.findUnique({ where: { openId } });
      return r && r.expiresAt > now ? { kind: r.kind as AttachmentKind, targetId: r.targetId, expiresAt: r.expiresAt } : null;
    },
    async clear(openId) {
      await db.fileIntent.deleteMany({ where: { openId } });
    },
  };
}
