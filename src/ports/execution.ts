// What the execution feature stores [seed 一, 二(一)4-5]: classes (期) of approved plans, their six steps, the
// files units send for them, what a person's next file is for, and 补录 spreadsheets waiting for 确认导入.
import type { Deviation, StepData, StepNo, StepRecord } from '../domain/execution.ts';
import type { Ymd } from '../domain/dates.ts';
import type { NewPlanEvent } from './plans.ts';

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

export interface ClassStore {
  /** A new class; null when that 期次 of the plan already exists. */
  add(p: { planId: number; seq: number; start: Ymd; end: Ymd; source: string; at: Date; event: NewPlanEvent }): Promise<ClassRecord | null>;
  /** Changes dates or status, only at `version`; null when someone changed it first. */
  update(p: { id: number; version: number; start?: Ymd; end?: Ymd; status?: ClassRecord['status']; at: Date; event: NewPlanEvent }): Promise<ClassRecord | null>;
  get(id: number): Promise<ClassRecord | null>;
  of(planIds: readonly number[]): Promise<ClassRecord[]>;
  /** An entry in the plan's audit trail that changes nothing on the plan itself. */
  appendEvent(planId: number, event: NewPlanEvent): Promise<void>;
}

export interface StepStore {
  of(classIds: readonly number[]): Promise<StoredStep[]>;
  put(p: StepWrite): Promise<StoredStep | null>;
}

export interface AttachmentStore {
  /** Stores a file once per target and content; `created` false when the same file was already there. */
  add(p: { planId: number; classId: number | null; kind: AttachmentKind; fileName: string; data: Buffer; by: string; at: Date; event: NewPlanEvent }): Promise<{ attachment: AttachmentMeta; created: boolean }>;
  list(f: { planIds?: readonly number[]; classId?: number; kind?: AttachmentKind }): Promise<AttachmentMeta[]>;
  data(id: number): Promise<Buffer | null>;
}

export interface FileIntents {
  set(openId: string, intent: FileIntent): Promise<void>;
  get(openId: string, now: Date): Promise<FileIntent | null>;
  clear(openId: string): Promise<void>;
}

export type HistoryUpload = { id: number; openId: string; unitCode: string; fileName: string; status: 'pending' | 'imported' | 'cancelled'; version: number; rows: unknown; importedAt: Date | null };

export interface HistoryUploads {
  /** A checked 补录 upload waiting for 确认导入 (the same content again returns the same row). */
  save(p: { openId: string; unitCode: string; year: number; contentHash: string; fileName: string; rows: unknown; at: Date }): Promise<{ id: number; status: 'pending' | 'imported'; importedAt: Date | null }>;
  get(id: number): Promise<HistoryUpload | null>;
  /** Marks a pending 补录 upload imported; false when it was not pending at `version` (someone clicked first). */
  finish(id: number, version: number, at: Date, summary: string[]): Promise<boolean>;
  cancel(id: number, version: number): Promise<boolean>;
}
