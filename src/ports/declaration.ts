// What a unit declared for a year besides its plans (无计划), and declaration spreadsheets waiting for 确认导入.
import type { PlanDraft } from '../domain/plan.ts';

export interface UnitYears {
  noPlan(unitCode: string, year: number): Promise<{ at: Date; by: string } | null>;
  /** Every unit that declared 无计划 for the year. */
  noPlanUnits(year: number): Promise<Set<string>>;
  setNoPlan(unitCode: string, year: number, by: string, at: Date): Promise<void>;
  clearNoPlan(unitCode: string, year: number): Promise<boolean>;
}

export type DeclarationUpload = {
  id: number;
  openId: string;
  unitCode: string;
  year: number;
  contentHash: string;
  fileName: string;
  plans: { row: number; data: PlanDraft }[];
  status: 'pending' | 'imported' | 'cancelled';
  version: number;
  planNumbers: string[];
  createdAt: Date;
  importedAt: Date | null;
};

export interface DeclarationUploads {
  find(unitCode: string, year: number, contentHash: string): Promise<DeclarationUpload | null>;
  get(id: number): Promise<DeclarationUpload | null>;
  savePending(p: { openId: string; unitCode: string; year: number; contentHash: string; fileName: string; plans: DeclarationUpload['plans']; at: Date }): Promise<DeclarationUpload>;
  cancel(id: number, version: number): Promise<boolean>;
  /** Creates every plan of a pending upload and marks it imported, atomically; null when it was not pending at `version`. */
  commit(p: { id: number; version: number; submit: boolean; actor: string; at: Date }): Promise<{ planIds: number[]; numbers: string[] } | null>;
}
