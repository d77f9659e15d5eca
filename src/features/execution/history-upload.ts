// A declarant's 补录 upload [seed 一]: checked at once (nothing kept unless every row is valid), imported on
// 确认导入 after a second check; the same content twice is imported once.
import crypto from 'node:crypto';
import { fileRoute } from '../../bot/manifest.ts';
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import type { Person } from '../../domain/people.ts';
import type { Logger } from '../../logger.ts';
import type { SheetRead } from '../../ports/sheets.ts';
import type { ExecutionDeps } from './deps.ts';
import { applyHistory, checkHistory } from './history.ts';
import { confirmHistoryReply, uploadCheckReply } from './replies/history.ts';
import type { ConfirmHistory, Linked, UploadCheck } from './types.ts';

/** A 补录 sheet is read within the same limit as a declaration sheet. */
const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/**
 * A declarant's 补录 upload, told from a declaration sheet by its columns: checked now, imported on 确认导入.
 * Anything else (another sheet, a file that cannot be downloaded) goes on to the Excel feature, which says why.
 */
export const historyUpload = (deps: ExecutionDeps) =>
  fileRoute({
    order: 30,
    audience: 'declarant',
    take: async (ctx) => {
      const fileName = ctx.message.file.fileName;
      if (!/\.(xlsx|xlsm)$/i.test(fileName)) return false;
      const data = await ctx.download(MAX_SHEET_BYTES).catch(() => null);
      const read = data && (await ctx.once('history', () => deps.executionSheets.readHistory(data, fileName, ctx.wait)));
      if (!data || !read?.ok) return false;
      const r = await checkUpload(deps, ctx.person, fileName, data, read, ctx.log);
      for (const m of uploadCheckReply(r)) {
        if ('text' in m) await ctx.reply.text(m.text);
        else if ('card' in m) await ctx.reply.card(m.card);
        else await ctx.reply.file(m.file.name, m.file.data);
      }
      return true;
    },
  });

async function checkUpload(deps: ExecutionDeps, person: Linked, fileName: string, data: Buffer, read: Extract<SheetRead, { ok: true }>, log: Logger): Promise<UploadCheck> {
  const check = await checkHistory(deps, read.rows, person.unitCode);
  log.info({ rows: check.rows, problems: check.problems.length }, 'history upload checked');
  if (check.problems.length) {
    const annotated = await deps.executionSheets.annotate(data, read.sheetName, check.problems.map((p) => ({ row: p.row, column: p.key ? (read.columns[p.key] ?? null) : null, message: p.message })));
    const problems = check.problems.map((p) => ({ row: p.row, header: p.key ? deps.executionSheets.historyHeaderOf(p.key) : null, message: p.message }));
    return { status: 'problems', fileName, rows: check.rows, problems, annotated };
  }
  const hash = `history:${crypto.createHash('sha256').update(JSON.stringify(check.groups)).digest('hex')}`;
  const year = ymdParts(beijingYmd(deps.clock.now())).y;
  const saved = await deps.historyUploads.save({ openId: person.openId, unitCode: person.unitCode, year, contentHash: hash, fileName, rows: read.rows, at: deps.clock.now() });
  if (saved.status === 'imported') return { status: 'imported_before', importedAt: saved.importedAt! };
  return { status: 'ok', fileName, check, uploadId: saved.id };
}

async function confirm(deps: ExecutionDeps, person: Person | null, id: number, log: Logger): Promise<ConfirmHistory> {
  if (!person?.unitCode) return { status: 'refused', reason: 'unlinked' };
  const imp = await deps.historyUploads.get(id);
  if (!imp || imp.unitCode !== person.unitCode) return { status: 'refused', reason: 'not_found' };
  if (imp.status === 'imported') return { status: 'imported_before', importedAt: imp.importedAt! };
  if (imp.status === 'cancelled') return { status: 'refused', reason: 'cancelled' };
  // Checked again: plans or classes may have been recorded since.
  const check = await checkHistory(deps, imp.rows as { row: number; values: Partial<Record<string, string>> }[], person.unitCode);
  if (check.problems.length) return { status: 'changed', row: check.problems[0]!.row, message: check.problems[0]!.message };
  if (!(await deps.historyUploads.finish(imp.id, imp.version, deps.clock.now(), []))) return { status: 'refused', reason: 'done' };
  return { status: 'imported', result: await applyHistory(deps, check.groups, person.openId, 'excel', log) };
}

/** 确认导入 on the checked upload's card. */
export async function confirmHistory(deps: ExecutionDeps, person: Person | null, id: number, log: Logger) {
  return confirmHistoryReply(await confirm(deps, person, id, log));
}
