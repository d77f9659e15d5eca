// Plans and their audit trail, as the features see them. Every change is a conditional write on the plan's
// version together with one appended event, in one transaction; a stale version writes nothing (null).
import type { PlanDraft } from '../domain/plan.ts';
import type { Changes } from '../domain/plan-changes.ts';

export type { Changes };
import type { PlanStatus } from '../domain/plan-status.ts';

export type Channel = 'chat' | 'excel' | 'card' | 'cli' | 'system';

export type PlanRecord = {
  id: number;
  year: number;
  number: string;
  unitCode: string;
  budgetCode: string | null;
  status: PlanStatus;
  version: number;
  data: PlanDraft;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
};

export type PlanEventRecord = {
  id: number;
  planId: number;
  at: Date;
  actor: string;
  action: string;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus | null;
  comment: string | null;
  changes: Changes | null;
  details: Record<string, unknown> | null;
  channel: Channel;
};

export type NewPlanEvent = Omit<PlanEventRecord, 'id' | 'planId' | 'details'> & { details?: Record<string, unknown> | null };

export type PlanFilter = { unitCode?: string; year?: number; years?: number[]; statuses?: readonly PlanStatus[] };

export interface PlanStore {
  /** A new plan, a draft unless `status` says otherwise (补录 of an approved plan of a past year). */
  create(p: { year: number; unitCode: string; data: PlanDraft; event: NewPlanEvent; status?: PlanStatus }): Promise<PlanRecord>;
  /** Writes only if the plan still has `version`; null when it does not (someone else changed it). */
  update(p: { id: number; version: number; data?: PlanDraft; status?: PlanStatus; submittedAt?: Date; event: NewPlanEvent }): Promise<PlanRecord | null>;
  get(id: number): Promise<PlanRecord | null>;
  byNumber(number: string): Promise<PlanRecord | null>;
  list(filter: PlanFilter): Promise<PlanRecord[]>;
  events(planId: number): Promise<PlanEventRecord[]>;
  /** The events of each of `planIds` (oldest first), in a few queries instead of one per plan (an export of thousands). */
  eventsOf(planIds: readonly number[]): Promise<Map<number, PlanEventRecord[]>>;
}
