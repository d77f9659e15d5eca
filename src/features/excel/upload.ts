// Declaring by upload [seed 二(一)1: 填写申报表再上报]: a linked declarant sends the filled .xlsx; every row
// is read with the same field parsers and rules as the chat; problems come back by row and column (and as an
// annotated copy of their file). Nothing is stored unless the whole file is valid (soft findings need the
// 情况说明 column); 确认导入 then creates all the plans in one transaction, once per file content.
import crypto from 'node:crypto';
import type { FileContext } from '../../bot/manifest.ts';
import { declarantOf } from '../../model/declarant.ts';
import { FeishuCallError } from '../../ports/feishu.ts';
import type { DeclarationUpload } from '../../ports/declaration.ts';
import { checkRows, type CheckedPlan, type RowProblem } from './check-rows.ts';
import type { ExcelDeps } from './deps.ts';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadDeps = Pick<ExcelDeps, 'plans' | 'registry' | 'bases' | 'campaigns' | 'uploads' | 'declarationSheets' | 'clock'>;
export type UploadInput = Pick<FileContext<'declarant'>, 'person' | 'message' | 'download' | 'once' | 'wait' | 'log'>;

export type UploadResult =
  /** The person's unit left the registry. */
  | { status: 'refused'; reason: 'unit_gone'; unitCode: string }
  /** Not a workbook the reader takes (.xls, .et, .csv, .docx …); `spreadsheet`: it is some kind of table. */
  | { status: 'refused'; reason: 'format'; error: string; spreadsheet: boolean }
  | { status: 'refused'; reason: 'too_large' }
  | { status: 'refused'; reason: 'download_failed'; error: string }
  /** The reader could not take it (damaged, encrypted, missing columns, too many rows …): its own words. */
  | { status: 'refused'; reason: 'unreadable'; error: string }
  /** No class filled in (the example row and rows with only the unit do not count). */
  | { status: 'refused'; reason: 'no_rows' }
  /** The year's declaration and revision are both closed (or not open yet). */
  | { status: 'refused'; reason: 'closed'; year: number; refusal: string | null }
  /** Something in some rows: nothing stored; `data` etc. let the reply mark them on a copy. */
  | { status: 'problems'; rows: number; problems: RowProblem[]; data: Buffer; sheetName: string; columns: Partial<Record<string, number>> }
  /** The same content was imported before. */
  | { status: 'duplicate'; importedAt: Date; planNumbers: string[] }
  /** Every row is valid: waiting for 确认导入 (`canSubmit`: it may also be submitted at once). */
  | { status: 'checked'; rows: number; plans: CheckedPlan[]; upload: DeclarationUpload; canSubmit: boolean };

type Refused = Extract<UploadResult, { status: 'refused' }>;

const contentHash = (plans: readonly CheckedPlan[]) => crypto.createHash('sha256').update(JSON.stringify(plans.map((p) => p.data))).digest('hex');

/** The file within the size limit; a refusal for a file too large or that cannot be downloaded for good. */
async function download(ctx: UploadInput): Promise<Buffer | Refused> {
  try {
    return await ctx.download(MAX_UPLOAD_BYTES);
  } catch (err) {
    if (err instanceof FeishuCallError && err.details.code === -413) return { status: 'refused', reason: 'too_large' };
    if (err instanceof FeishuCallError && err.kind === 'permanent') {
      ctx.log.warn({ err: err.message }, 'could not download an upload');
      return { status: 'refused', reason: 'download_failed', error: err.message };
    }
    throw err; // transient: the inbox retries the whole event
  }
}

export async function checkUpload(deps: UploadDeps, ctx: UploadInput): Promise<UploadResult> {
  const { person, log } = ctx;
  const fileName = ctx.message.file.fileName;
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return { status: 'refused', reason: 'unit_gone', unitCode: person.unitCode };
  const wrong = deps.declarationSheets.rejectFormat(fileName);
  if (wrong) return { status: 'refused', reason: 'format', error: wrong, spreadsheet: /\.(xlsx|xlsm|xls|et|csv)$/i.test(fileName) };
  const data = await download(ctx);
  if (!Buffer.isBuffer(data)) return data;
  // Read in a worker; the sender hears when the file has to wait.
  const read = await ctx.once('declaration', () => deps.declarationSheets.readDeclaration(data, fileName, ctx.wait));
  if (!read.ok) return { status: 'refused', reason: 'unreadable', error: read.error };
  const rows = read.rows;
  if (!rows.length) return { status: 'refused', reason: 'no_rows' };
  if (!d.phase.canDeclare && !d.phase.canRevise) return { status: 'refused', reason: 'closed', year: d.year, refusal: d.refusal };

  const { problems, plans } = await checkRows(deps, d, rows);
  log.info({ rows: rows.length, problems: problems.length }, 'declaration upload checked');
  if (problems.length) return { status: 'problems', rows: rows.length, problems, data, sheetName: read.sheetName, columns: read.columns };

  const hash = contentHash(plans);
  const before = await deps.uploads.find(d.competent.code, d.year, hash);
  if (before?.status === 'imported') return { status: 'duplicate', importedAt: before.importedAt!, planNumbers: before.planNumbers };
  const upload = await deps.uploads.savePending({ openId: person.openId, unitCode: d.competent.code, year: d.year, contentHash: hash, fileName, plans: plans.map((p) => ({ row: p.row, data: p.data })), at: deps.clock.now() });
  return { status: 'checked', rows: rows.length, plans, upload, canSubmit: d.phase.canDeclare };
}
