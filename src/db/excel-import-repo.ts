// Uploaded declaration spreadsheets; committing one creates all its plans (and their audit events) and marks
// the upload imported in a single transaction, conditional on the upload's version: a double click imports once.
import type { PlanDraft } from '../domain/plan.ts';
import type { DeclarationUpload as ExcelImport, DeclarationUploads } from '../ports/declaration.ts';
import type { HistoryUploads } from '../ports/execution.ts';
import { planNumber } from './plan-repo.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { isUniqueViolation, lockPlanNumbers, type Db } from './prisma.ts';
import { diffData } from '../domain/plan-changes.ts';

type Row = { id: number; openId: string; unitCode: string; year: number; contentHash: string; fileName: string; plans: string; status: string; version: number; planNumbers: string | null; createdAt: Date; importedAt: Date | null };

const toImport = (r: Row): ExcelImport => ({
  ...r,
  status: r.status as ExcelImport['status'],
  plans: JSON.parse(r.plans) as { row: number; data: PlanDraft }[],
  planNumbers: r.planNumbers ? (JSON.parse(r.planNumbers) as string[]) : [],
});

export function createDeclarationUploads(db: Db): DeclarationUploads {
  return {
    async find(unitCode, year, contentHash) {
      const r = await db.excelImport.findUnique({ where: { unitCode_year_contentHash: { unitCode, year, contentHash } } });
      return r && r.kind === 'declaration' ? toImport(r) : null;
    },
    async get(id) {
      const r = await db.excelImport.findUnique({ where: { id } });
      return r && r.kind === 'declaration' ? toImport(r) : null;
    },
    async savePending(p) {
      const data = { openId: p.openId, fileName: p.fileName, plans: JSON.stringify(p.plans), status: 'pending', createdAt: p.at };
      try {
        return toImport(await db.excelImport.create({ data: { ...data, unitCode: p.unitCode, year: p.year, contentHash: p.contentHash } }));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // The same content again: back to pending (it was cancelled or is still pending), never over an import.
        await db.excelImport.updateMany({ where: { unitCode: p.unitCode, year: p.year, contentHash: p.contentHash, status: { not: 'imported' } }, data });
        return toImport((await db.excelImport.findUnique({ where: { unitCode_year_contentHash: { unitCode: p.unitCode, year: p.year, contentHash: p.contentHash } } }))!);
      }
    },
    async cancel(id, version) {
      const { count } = await db.excelImport.updateMany({ where: { id, version, status: 'pending' }, data: { status: 'cancelled', version: version + 1 } });
      return count === 1;
    },
    async commit(p) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.$transaction(async (tx) => {
            const { count } = await tx.excelImport.updateMany({ where: { id: p.id, version: p.version, status: 'pending' }, data: { status: 'imported', version: p.version + 1, importedAt: p.at } });
            if (count === 0) return null;
            const imp = (await tx.excelImport.findUniqueOrThrow({ where: { id: p.id } })) as Row;
            const plans = JSON.parse(imp.plans) as { row: number; data: PlanDraft }[];
            await lockPlanNumbers(db, tx, imp.year);
            const last = await tx.plan.findFirst({ where: { year: imp.year }, orderBy: { seq: 'desc' }, select: { seq: true } });
            const first = (last?.seq ?? 0) + 1;
            const status = p.submit ? 'SUBMITTED' : 'DRAFT';
            // Bulk statements: thousands of rows in a handful of queries, still one transaction.
            const version = p.submit ? 2 : 1;
            const submittedAt = p.submit ? p.at : null;
            for (let i = 0; i < plans.length; i += 200) {
              const values = plans.slice(i, i + 200).map(({ data }, j) => {
                const seq = first + i + j;
                return Prisma.sql`(${imp.year}, ${seq}, ${planNumber(imp.year, seq)}, ${imp.unitCode}, ${data.budgetCode ?? null}, ${status}, ${version}, ${JSON.stringify(data)}, ${p.actor}, ${p.at}, ${p.at}, ${submittedAt})`;
              });
              await tx.$executeRaw`
                INSERT INTO "Plan" ("year", "seq", "number", "unitCode", "budgetCode", "status", "version", "data", "createdBy", "createdAt", "updatedAt", "submittedAt")
                VALUES ${Prisma.join(values)}`;
            }
            const created = await tx.plan.findMany({
              where: { year: imp.year, seq: { gte: first, lt: first + plans.length } },
              orderBy: { seq: 'asc' },
              select: { id: true, number: true },
            });
            const events = created.flatMap((plan, i) => {
              const base = { planId: plan.id, at: p.at, actor: p.actor, channel: 'excel', comment: `导入自「${imp.fileName}」第 ${plans[i]!.row} 行`, details: null };
              return [
                { ...base, action: 'create', fromStatus: null, toStatus: 'DRAFT', changes: JSON.stringify(diffData({}, plans[i]!.data)) },
                ...(p.submit ? [{ ...base, action: 'submit', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', changes: null }] : []),
              ];
            });
            for (let i = 0; i < events.length; i += 200) {
              const values = events.slice(i, i + 200).map(
                (e) => Prisma.sql`(${e.planId}, ${e.at}, ${e.actor}, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.comment}, ${e.changes}, ${e.details}, ${e.channel})`,
              );
              await tx.$executeRaw`
                INSERT INTO "PlanEvent" ("planId", "at", "actor", "action", "fromStatus", "toStatus", "comment", "changes", "details", "channel")
                VALUES ${Prisma.join(values)}`;
            }
            const ids = created.map((c) => c.id);
            const numbers = created.map((c) => c.number);
            await tx.excelImport.update({ where: { id: p.id }, data: { planNumbers: JSON.stringify(numbers) } });
            return { planIds: ids, numbers };
          });
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 5) throw err; // plan numbers taken meanwhile: take the next ones
        }
      }
    },
  };
}

/** 补录 spreadsheets share the table with declaration uploads (kind 'history'). */
export function createHistoryUploads(db: Db): HistoryUploads {
  return {
    async save(p) {
      const data = { openId: p.openId, fileName: p.fileName, plans: JSON.stringify(p.rows), status: 'pending', kind: 'history', createdAt: p.at };
      const where = { unitCode_year_contentHash: { unitCode: p.unitCode, year: p.year, contentHash: p.contentHash } };
      const existing = await db.excelImport.findUnique({ where });
      if (!existing) {
        try {
          const r = await db.excelImport.create({ data: { ...data, unitCode: p.unitCode, year: p.year, contentHash: p.contentHash } });
          return { id: r.id, status: 'pending' as const, importedAt: null };
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
      } else if (existing.status !== 'imported') {
        await db.excelImport.updateMany({ where: { id: existing.id, status: { not: 'imported' } }, data });
      }
      const r = (await db.excelImport.findUnique({ where }))!;
      return { id: r.id, status: r.status as 'pending' | 'imported', importedAt: r.importedAt };
    },
    async get(id) {
      const r = await db.excelImport.findUnique({ where: { id } });
      if (!r || r.kind !== 'history') return null;
      return { id: r.id, openId: r.openId, unitCode: r.unitCode, fileName: r.fileName, status: r.status as 'pending' | 'imported' | 'cancelled', version: r.version, rows: JSON.parse(r.plans) as unknown, importedAt: r.importedAt };
    },
    async finish(id, version, at, summary) {
      const { count } = await db.excelImport.updateMany({ where: { id, version, status: 'pending', kind: 'history' }, data: { status: 'imported', version: version + 1, importedAt: at, planNumbers: JSON.stringify(summary) } });
      return count === 1;
    },
    async cancel(id, version) {
      const { count } = await db.excelImport.updateMany({ where: { id, version, status: 'pending', kind: 'history' }, data: { status: 'cancelled', version: version + 1 } });
      return count === 1;
    },
  };
}
