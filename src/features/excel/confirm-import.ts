// 确认导入 on a checked upload: every plan of the file created in one transaction, as drafts or submitted
// (submitted ones reach the reviewers through the hub), once whatever is clicked twice.
import type { LinkedPerson } from '../../bot/manifest.ts';
import type { Logger } from '../../logger.ts';
import { declarantOf } from '../../model/declarant.ts';
import { checkRows, rowOf, type RowProblem } from './check-rows.ts';
import type { ExcelDeps } from './deps.ts';

export type ImportDeps = Pick<ExcelDeps, 'plans' | 'registry' | 'bases' | 'campaigns' | 'uploads' | 'clock' | 'hub'>;

export type ImportResult =
  /** No such upload of the clicker's unit. */
  | { status: 'refused'; reason: 'not_found' }
  | { status: 'refused'; reason: 'already_imported'; numbers: string[] }
  | { status: 'refused'; reason: 'cancelled' }
  /** The campaign year moved on since the file was checked. */
  | { status: 'refused'; reason: 'year_changed' }
  /** 提交 asked while only drafts may be made (`refusal`: why declaring is closed). */
  | { status: 'refused'; reason: 'cannot_submit'; refusal: string | null }
  /** Checked again before submitting, a row no longer passes (e.g. the out-of-city quota is used up). */
  | { status: 'refused'; reason: 'changed'; problem: RowProblem }
  /** Someone else's click got there first. */
  | { status: 'refused'; reason: 'processed' }
  | { status: 'done'; numbers: string[]; submit: boolean };

export async function confirmImport(deps: ImportDeps, person: LinkedPerson, p: { id: number; submit: boolean; log: Logger }): Promise<ImportResult> {
  const { id, submit, log } = p;
  const imp = await deps.uploads.get(id);
  if (!imp || imp.unitCode !== person.unitCode) return { status: 'refused', reason: 'not_found' };
  if (imp.status === 'imported') return { status: 'refused', reason: 'already_imported', numbers: imp.planNumbers };
  if (imp.status === 'cancelled') return { status: 'refused', reason: 'cancelled' };
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d || d.year !== imp.year) return { status: 'refused', reason: 'year_changed' };
  if (submit && !d.phase.canDeclare) return { status: 'refused', reason: 'cannot_submit', refusal: d.refusal };
  if (submit) {
    // Other plans may have been submitted since the check: the quota is looked at again.
    const again = await checkRows(deps, d, imp.plans.map((x) => ({ row: x.row, values: rowOf(x.data) })));
    if (again.problems.length) return { status: 'refused', reason: 'changed', problem: again.problems[0]! };
  }
  const done = await deps.uploads.commit({ id, version: imp.version, submit, actor: person.openId, at: deps.clock.now() });
  if (!done) return { status: 'refused', reason: 'processed' };
  log.info({ importId: id, plans: done.numbers.length, submit }, 'declaration upload imported');
  if (submit) for (const planId of done.planIds) await deps.hub.emit('plan.submitted', { plan: (await deps.plans.get(planId))!, unitName: d.competent.name, log });
  return { status: 'done', numbers: done.numbers, submit };
}
