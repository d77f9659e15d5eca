// 不导入 on a checked upload: a declaration sheet's or a 补录 sheet's (the execution feature's card carries
// this button too), only for the clicker's own unit, once.
import type { LinkedPerson } from '../../bot/manifest.ts';
import type { ExcelDeps } from './deps.ts';

export type CancelResult = { status: 'refused'; reason: 'not_found' } | { status: 'refused'; reason: 'processed' } | { status: 'done' };

export async function cancelUpload(deps: Pick<ExcelDeps, 'uploads' | 'historyUploads'>, person: LinkedPerson, id: number): Promise<CancelResult> {
  const declaration = await deps.uploads.get(id);
  const imp = declaration ?? (await deps.historyUploads.get(id));
  if (!imp || imp.unitCode !== person.unitCode) return { status: 'refused', reason: 'not_found' };
  const ok = declaration ? await deps.uploads.cancel(imp.id, imp.version) : await deps.historyUploads.cancel(imp.id, imp.version);
  return ok ? { status: 'done' } : { status: 'refused', reason: 'processed' };
}
