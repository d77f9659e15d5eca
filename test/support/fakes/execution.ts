// The twin of db/execution-repo.ts: classes (期) of plans, their steps, the files sent for them and what a
// person's next file is for. Each change is written with its plan event, conditional on the version read.
import crypto from 'node:crypto';
import type { Deviation, StepData, StepNo } from '../../../src/domain/execution.ts';
import { storedDeviation } from '../../../src/domain/execution-checks.ts';
import type { AttachmentKind, AttachmentMeta, AttachmentStore, ClassRecord, ClassStore, FileIntents, StepStore, StoredStep } from '../../../src/ports/execution.ts';
import { compare, copyDate, copyDateOrNull, fromJson, prismaError, toJson, type AttachmentRow, type ClassRow, type FakeDb, type StepRow } from './db.ts';
import { insertEvent } from './plans.ts';

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
  createdAt: copyDate(r.createdAt),
  updatedAt: copyDate(r.updatedAt),
});

const toStep = (r: StepRow): StoredStep => ({
  ...r,
  step: r.step as StepNo,
  status: r.status as StoredStep['status'],
  data: fromJson<StepData>(r.data),
  flags: r.flags ? fromJson<Deviation[]>(r.flags).map(storedDeviation) : [],
  reportedAt: copyDate(r.reportedAt),
  updatedAt: copyDate(r.updatedAt),
  reviewedAt: copyDateOrNull(r.reviewedAt),
});

const toMeta = (r: AttachmentRow): AttachmentMeta => ({
  id: r.id,
  planId: r.planId,
  classId: r.classId,
  kind: r.kind as AttachmentKind,
  fileName: r.fileName,
  size: r.size,
  uploadedBy: r.uploadedBy,
  createdAt: copyDate(r.createdAt),
});

/** `in` over ids, 500 at a time as the repository queries them (each chunk in its own order). */
const chunks = <T>(ids: readonly T[]) => Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => new Set(ids.slice(i * 500, i * 500 + 500)));

export function createFakeClassStore(db: FakeDb): ClassStore {
  return {
    async add(p) {
      if ([...db.classes.values()].some((c) => c.planId === p.planId && c.seq === p.seq)) return null; // that 期次 exists
      const id = db.ids.trainingClass();
      // The event first: a missing plan fails the whole transaction (PlanEvent's foreign key).
      insertEvent(db, p.planId, { ...p.event, details: { ...p.event.details, classId: id } });
      const row: ClassRow = { id, planId: p.planId, seq: p.seq, startDate: p.start, endDate: p.end, status: 'active', source: p.source, version: 1, createdBy: p.event.actor, createdAt: copyDate(p.at), updatedAt: copyDate(p.at) };
      db.classes.set(id, row);
      return toClass(row);
    },
    async update(p) {
      const r = db.classes.get(p.id);
      if (!r || r.version !== p.version) return null;
      insertEvent(db, r.planId, p.event);
      r.version = p.version + 1;
      r.updatedAt = copyDate(p.at);
      if (p.start) r.startDate = p.start;
      if (p.end) r.endDate = p.end;
      if (p.status) r.status = p.status;
      return toClass(r);
    },
    async get(id) {
      const r = db.classes.get(id);
      return r ? toClass(r) : null;
    },
    async of(planIds) {
      return chunks(planIds).flatMap((ids) =>
        [...db.classes.values()]
          .filter((c) => ids.has(c.planId))
          .sort((a, b) => compare(a.planId, b.planId) || compare(a.seq, b.seq))
          .map(toClass),
      );
    },
    async appendEvent(planId, event) {
      insertEvent(db, planId, event);
    },
  };
}

export function createFakeStepStore(db: FakeDb): StepStore {
  const key = (classId: number, step: number) => `${classId}:${step}`;
  return {
    async of(classIds) {
      // In the order of the (classId, step) key SQLite reads them by.
      return chunks(classIds).flatMap((ids) =>
        [...db.steps.values()]
          .filter((s) => ids.has(s.classId))
          .sort((a, b) => compare(a.classId, b.classId) || compare(a.step, b.step))
          .map(toStep),
      );
    },
    async put(p) {
      const existing = db.steps.get(key(p.classId, p.step));
      const common = {
        status: p.status,
        data: toJson(p.data),
        flags: p.flags ? toJson(p.flags) : null,
        reportedBy: p.reportedBy,
        updatedAt: copyDate(p.at),
        source: p.source,
        ...(p.review ? { reviewedBy: p.review.by, reviewedAt: copyDate(p.review.at), comment: p.review.comment } : {}),
      };
      if (p.expectedVersion === null) {
        if (existing) return null; // someone reported the step first
        if (!db.classes.has(p.classId)) throw prismaError('P2003', `Foreign key constraint violated: ClassStep.classId ${p.classId}`);
        if (!db.plans.has(p.event.planId)) throw prismaError('P2003', `Foreign key constraint violated: PlanEvent.planId ${p.event.planId}`);
        const row: StepRow = { reviewedBy: null, reviewedAt: null, comment: null, ...common, classId: p.classId, step: p.step, reportedAt: copyDate(p.reportedAt ?? p.at), version: 1 };
        insertEvent(db, p.event.planId, p.event);
        db.steps.set(key(p.classId, p.step), row);
        return toStep(row);
      }
      if (!existing || existing.version !== p.expectedVersion) return null;
      insertEvent(db, p.event.planId, p.event);
      Object.assign(existing, common, { version: p.expectedVersion + 1 }, p.reportedAt ? { reportedAt: copyDate(p.reportedAt) } : {});
      return toStep(existing);
    },
  };
}

export function createFakeAttachmentStore(db: FakeDb): AttachmentStore {
  return {
    async add(p) {
      const scope = p.classId ? `class:${p.classId}` : `plan:${p.planId}`;
      const sha256 = crypto.createHash('sha256').update(p.data).digest('hex');
      const existing = [...db.attachments.values()].find((a) => a.scope === scope && a.kind === p.kind && a.sha256 === sha256);
      if (existing) return { attachment: toMeta(existing), created: false };
      const id = db.ids.attachment();
      insertEvent(db, p.planId, p.event);
      const row: AttachmentRow = { id, planId: p.planId, classId: p.classId, scope, kind: p.kind, fileName: p.fileName, size: p.data.length, sha256, data: new Uint8Array(p.data), uploadedBy: p.by, createdAt: copyDate(p.at) };
      db.attachments.set(id, row);
      return { attachment: toMeta(row), created: true };
    },
    async list(f) {
      const match = (a: AttachmentRow) => (!f.classId || a.classId === f.classId) && (!f.kind || a.kind === f.kind);
      const byId = (a: AttachmentRow, b: AttachmentRow) => a.id - b.id;
      const all = [...db.attachments.values()].filter(match);
      if (!f.planIds) return all.sort(byId).map(toMeta);
      return chunks(f.planIds).flatMap((ids) => all.filter((a) => ids.has(a.planId)).sort(byId).map(toMeta));
    },
    async data(id) {
      const r = db.attachments.get(id);
      return r ? Buffer.from(r.data) : null;
    },
  };
}

export function createFakeFileIntents(db: FakeDb): FileIntents {
  return {
    async set(openId, i) {
      db.fileIntents.set(openId, { openId, kind: i.kind, targetId: i.targetId, expiresAt: copyDate(i.expiresAt) });
    },
    async get(openId, now) {
      const r = db.fileIntents.get(openId);
      return r && r.expiresAt.getTime() > now.getTime() ? { kind: r.kind as AttachmentKind, targetId: r.targetId, expiresAt: copyDate(r.expiresAt) } : null;
    },
    async clear(openId) {
      db.fileIntents.delete(openId);
    },
  };
}
