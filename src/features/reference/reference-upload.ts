// An admin sends the unit registry (财政局的单位名册) or the training-base list to the bot in chat: the same
// checks as `units:import` / `bases:import`, read in the worker like every upload; all of the file or nothing.
// A declaration or 补录 sheet from an admin who is also a declarant goes on to those features.
import type { FileContext } from '../../bot/manifest.ts';
import type { BaseColumn } from '../../domain/training-bases.ts';
import type { RowProblem, SheetRow, UnitColumn } from '../../domain/units.ts';
import { importUnits, validateBases, type UnitImportResult } from '../../model/reference-data.ts';
import type { ReferenceDeps } from './deps.ts';

const MAX_BYTES = 5 * 1024 * 1024;

export type ReferenceInput = Pick<FileContext<'admin'>, 'person' | 'message' | 'log' | 'download' | 'once' | 'wait'>;

export type ReferenceResult =
  /** Not a registry or base list (or a sheet of the admin's own unit): another route may take it. */
  | { status: 'passed' }
  /** Problems by row and column: nothing stored. */
  | { status: 'refused'; reason: 'invalid'; problems: RowProblem[] }
  | { status: 'done'; kind: 'units'; sheetName: string; units: Extract<UnitImportResult, { ok: true }> }
  | { status: 'done'; kind: 'bases'; count: number };

/** A declaration or 补录 sheet that reads as one: for the admin's own unit (the features after this one). */
async function ownUnitSheet(deps: ReferenceDeps, ctx: ReferenceInput, data: Buffer): Promise<boolean> {
  if (!ctx.person.unitCode) return false;
  const name = ctx.message.file.fileName;
  if ((await ctx.once('declaration', () => deps.declarationSheets.readDeclaration(data, name, ctx.wait))).ok) return true;
  return (await ctx.once('history', () => deps.executionSheets.readHistory(data, name, ctx.wait))).ok;
}

export async function takeReference(deps: ReferenceDeps, ctx: ReferenceInput): Promise<ReferenceResult> {
  const { message, log, wait } = ctx;
  if (message.file.type !== 'file' || !/\.(xlsx|xlsm|csv)$/i.test(message.file.fileName)) return { status: 'passed' };
  const name = message.file.fileName;
  const data = await ctx.download(MAX_BYTES);
  if (await ownUnitSheet(deps, ctx, data)) return { status: 'passed' };

  const units = await deps.referenceSheets.readUnits(data, name, wait);
  if (units.ok && units.rows.length) {
    const r = await importUnits(units.rows as SheetRow<UnitColumn>[], { ...deps, logger: log });
    log.info({ rows: units.rows.length, ok: r.ok }, 'unit registry uploaded by an admin');
    return r.ok ? { status: 'done', kind: 'units', sheetName: units.sheetName, units: r } : { status: 'refused', reason: 'invalid', problems: r.problems };
  }
  const bases = await deps.referenceSheets.readBases(data, name, wait);
  if (bases.ok && bases.rows.length) {
    const r = validateBases(bases.rows as SheetRow<BaseColumn>[]);
    if (!r.ok) return { status: 'refused', reason: 'invalid', problems: r.problems };
    await deps.bases.save(r.bases, false);
    log.info({ bases: r.bases.length }, 'training bases uploaded by an admin');
    return { status: 'done', kind: 'bases', count: r.bases.length };
  }
  return { status: 'passed' };
}
