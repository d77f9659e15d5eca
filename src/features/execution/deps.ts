// What the execution feature stores and needs: classes, their steps, the files units send for them, and
// what a person's next file is for. Implemented with Prisma in db/execution-repo.ts.
import type { Deviation, StepData, StepNo, StepRecord } from '../../domain/execution.ts';
import type { Ymd } from '../../domain/dates.ts';
import type { ExcelDeps } from '../excel/import.ts';
import type { NewPlanEvent } from '../../model/plans.ts';
import type { ReminderDeps } from '../reminders/index.ts';

export type ClassRecord = {
  id: number;
  planId: number;
  seq: number;
  start: Ymd;
  end: Ymd;
  status: 'active' | 'cancelled';
  source: string;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
};

export type StoredStep = StepRecord & {
  classId: number;
  reportedBy: string;
  updatedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  comment: string | null;
  flags: Deviation[];
  version: number;
};

export type AttachmentKind = 'package' | 'statement';

export type AttachmentMeta = {
  id: number;
  planId: number;
  classId: number | null;
  kind: AttachmentKind;
  fileName: string;
  size: number;
  uploadedBy: string;
  createdAt: Date;
};

export type FileIntent = { kind: AttachmentKind; targetId: number; expiresAt: Date };

/** A step write: conditional on the version read (null: the step must not exist yet). */
export type StepWrite = {
  classId: number;
  step: StepNo;
  expectedVersion: number | null;
  status: StoredStep['status'];
  data: StepData;
  flags?: Deviation[] | undefined;
  /** Kept from the first report unless given. */
  reportedAt?: Date | undefined;
  reportedBy: string;
  at: Date;
  source: string;
  review?: { by: string; at: Date; comment: string | null } | undefined;
  event: NewPlanEvent & { planId: number };
};

export interface ExecutionRepo {
  /** A new class; null when that 期次 of the plan already exists. */
  addClass(p: { planId: number; seq: number; start: Ymd; end: Ymd; source: string; at: Date; event: NewPlanEvent }): Promise<ClassRecord | null>;
  /** Changes dates or status, only at `version`; null when someone changed it first. */
  updateClass(p: { id: number; version: number; start?: Ymd; end?: Ymd; status?: ClassRecord['status']; at: Date; event: NewPlanEvent }): Promise<ClassRecord | null>;
  getClass(id: number): Promise<ClassRecord | null>;
  classesOf(planIds: readonly number[]): Promise<ClassRecord[]>;
  stepsOf(classIds: readonly number[]): Promise<StoredStep[]>;
  putStep(p: StepWrite): Promise<StoredStep | null>;
  /** Stores a file once per target and content; `created` false when the same file was already there. */
  addAttachment(p: { planId: number; classId: number | null; kind: AttachmentKind; fileName: string; data: Buffer; by: string; at: Date; event: NewPlanEvent }): Promise<{ attachment: AttachmentMeta; created: boolean }>;
  attachments(f: { planIds?: readonly number[]; classId?: number; kind?: AttachmentKind }): Promise<AttachmentMeta[]>;
  attachmentData(id: number): Promise<Buffer | null>;
  setIntent(openId: string, intent: FileIntent): Promise<void>;
  intent(openId: string, now: Date): Promise<FileIntent | null>;
  clearIntent(openId: string): Promise<void>;
  /** An entry in the plan's audit trail that changes nothing on the plan itself. */
  appendEvent(planId: number, event: NewPlanEvent): Promise<void>;
}

export type ExecutionDeps = ExcelDeps & ReminderDeps & { execution: ExecutionRepo };
