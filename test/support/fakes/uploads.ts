// The twin of db/excel-import-repo.ts: declaration spreadsheets and 补录 spreadsheets waiting for 确认导入, one
// table unique on (unit, year, content) whatever the kind. Committing a declaration creates all its plans
// (numbered after the year's last) with their events and marks the upload imported, all at once.
import { diffData } from '../../../src/domain/plan-changes.ts';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { DeclarationUpload, DeclarationUploads } from '../../../src/ports/declaration.ts';
import type { HistoryUploads } from '../../../src/ports/execution.ts';
import { copyDate, copyDateOrNull, fromJson, toJson, type ExcelImportRow, type FakeDb } from './db.ts';
import { insertEvent, insertPlan, nextSeq, planNumber } from './plans.ts';

/** An upload as Prisma returns it: every column (kind too, as the row spread does). */
const toImport = (r: ExcelImportRow): DeclarationUpload =>
  ({
    ...r,
    status: r.status as DeclarationUpload['status'],
    plans: fromJson<{ row: number; data: PlanDraft }[]>(r.plans),
    planNumbers: r.planNumbers ? fromJson<string[]>(r.planNumbers) : [],
    createdAt: copyDate(r.createdAt),
    importedAt: copyDateOrNull(r.importedAt),
  }) as DeclarationUpload;

const findByContent = (db: FakeDb, unitCode: string, year: number, contentHash: string) =>
  [...db.excelImports.values()].find((r) => r.unitCode === unitCode && r.year === year && r.contentHash === contentHash) ?? null;

function insertImport(db: FakeDb, p: { openId: string; unitCode: string; year: number; contentHash: string; fileName: string; plans: string; kind: string; at: Date }): ExcelImportRow {
  const id = db.ids.excelImport();
  const row: ExcelImportRow = { id, openId: p.openId, unitCode: p.unitCode, year: p.year, contentHash: p.contentHash, fileName: p.fileName, plans: p.plans, status: 'pending', kind: p.kind, version: 1, planNumbers: null, createdAt: copyDate(p.at), importedAt: null };
  db.excelImports.set(id, row);
  return row;
}

export function createFakeDeclarationUploads(db: FakeDb): DeclarationUploads {
  return {
    async find(unitCode, year, contentHash) {
      const r = findByContent(db, unitCode, year, contentHash);
      return r && r.kind === 'declaration' ? toImport(r) : null;
    },
    async get(id) {
      const r = db.excelImports.get(id);
      return r && r.kind === 'declaration' ? toImport(r) : null;
    },
    async savePending(p) {
      const existing = findByContent(db, p.unitCode, p.year, p.contentHash);
      if (!existing) return toImport(insertImport(db, { ...p, plans: toJson(p.plans), kind: 'declaration' }));
      // The same content again: back to pending (it was cancelled or is still pending), never over an import.
      // As in SQLite, the row keeps its kind and version.
      if (existing.status !== 'imported') Object.assign(existing, { openId: p.openId, fileName: p.fileName, plans: toJson(p.plans), status: 'pending', createdAt: copyDate(p.at) });
      return toImport(existing);
    },
    async cancel(id, version) {
      const r = db.excelImports.get(id);
      if (!r || r.version !== version || r.status !== 'pending') return false;
      Object.assign(r, { status: 'cancelled', version: version + 1 });
      return true;
    },
    async commit(p) {
      const imp = db.excelImports.get(p.id);
      if (!imp || imp.version !== p.version || imp.status !== 'pending') return null;
      Object.assign(imp, { status: 'imported', version: p.version + 1, importedAt: copyDate(p.at) });
      const plans = fromJson<{ row: number; data: PlanDraft }[]>(imp.plans);
      const first = nextSeq(db, imp.year);
      const status = p.submit ? 'SUBMITTED' : 'DRAFT';
      const planIds: number[] = [];
      const numbers: string[] = [];
      plans.forEach(({ data }, i) => {
        const seq = first + i;
        const row = insertPlan(db, {
          year: imp.year,
          seq,
          number: planNumber(imp.year, seq),
          unitCode: imp.unitCode,
          budgetCode: data.budgetCode ?? null,
          status,
          version: p.submit ? 2 : 1,
          data: toJson(data),
          createdBy: p.actor,
          createdAt: copyDate(p.at),
          updatedAt: copyDate(p.at),
          submittedAt: p.submit ? copyDate(p.at) : null,
        });
        planIds.push(row.id);
        numbers.push(row.number);
      });
      // Events after all the plans, as the bulk statements write them.
      planIds.forEach((planId, i) => {
        const base = { at: p.at, actor: p.actor, channel: 'excel' as const, comment: `导入自「${imp.fileName}」第 ${plans[i]!.row} 行`, details: null };
        insertEvent(db, planId, { ...base, action: 'create', fromStatus: null, toStatus: 'DRAFT', changes: diffData({}, plans[i]!.data) });
        if (p.submit) insertEvent(db, planId, { ...base, action: 'submit', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', changes: null });
      });
      imp.planNumbers = toJson(numbers);
      return { planIds, numbers };
    },
  };
}

export function createFakeHistoryUploads(db: FakeDb): HistoryUploads {
  return {
    async save(p) {
      const existing = findByContent(db, p.unitCode, p.year, p.contentHash);
      if (!existing) {
        const r = insertImport(db, { ...p, plans: toJson(p.rows), kind: 'history' });
        return { id: r.id, status: 'pending' as const, importedAt: null };
      }
      // Back to pending as a 补录 upload (whatever kind it was), never over an import.
      if (existing.status !== 'imported') Object.assign(existing, { openId: p.openId, fileName: p.fileName, plans: toJson(p.rows), status: 'pending', kind: 'history', createdAt: copyDate(p.at) });
      return { id: existing.id, status: existing.status as 'pending' | 'imported', importedAt: copyDateOrNull(existing.importedAt) };
    },
    async get(id) {
      const r = db.excelImports.get(id);
      if (!r || r.kind !== 'history') return null;
      return { id: r.id, openId: r.openId, unitCode: r.unitCode, fileName: r.fileName, status: r.status as 'pending' | 'imported' | 'cancelled', version: r.version, rows: fromJson<unknown>(r.plans), importedAt: copyDateOrNull(r.importedAt) };
    },
    async finish(id, version, at, summary) {
      const r = db.excelImports.get(id);
      if (!r || r.version !== version || r.status !== 'pending' || r.kind !== 'history') return false;
      Object.assign(r, { status: 'imported', version: version + 1, importedAt: copyDate(at), planNumbers: toJson(summary) });
      return true;
    },
    async cancel(id, version) {
      const r = db.excelImports.get(id);
      if (!r || r.version !== version || r.status !== 'pending' || r.kind !== 'history') return false;
      Object.assign(r, { status: 'cancelled', version: version + 1 });
      return true;
    },
  };
}
