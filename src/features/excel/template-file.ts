// 模板: the official declaration form [seed 附件], pre-filled with the person's competent unit and the year
// they declare for (a reviewer's: the year under review), with the training-base list for the rules sheet.
import { may, type Person } from '../../domain/people.ts';
import { declarantOf } from '../../model/declarant.ts';
import { reviewYear } from '../../model/review-year.ts';
import type { ExcelDeps } from './deps.ts';

export type TemplateDeps = Pick<ExcelDeps, 'registry' | 'campaigns' | 'plans' | 'bases' | 'declarationSheets' | 'clock'>;
export type TemplateFile = { data: Buffer; year: number; unitName: string | null };
export type TemplateResult = { status: 'refused'; reason: 'not_linked' } | ({ status: 'done' } & TemplateFile);

export async function templateFile(deps: TemplateDeps, person: Person | null): Promise<TemplateFile> {
  const now = deps.clock.now();
  const d = person?.unitCode ? await declarantOf(deps, { ...person, unitCode: person.unitCode }, now) : null;
  const year = d?.year ?? (await reviewYear(deps, now)).year;
  const data = await deps.declarationSheets.template({ year, ...(d ? { unit: { code: d.competent.code, name: d.competent.name } } : {}), bases: await deps.bases.all() });
  return { data, year, unitName: d?.competent.name ?? null };
}

/** 模板 asked in chat: for someone linked to a unit, or a reviewer (who passes it on). */
export async function templateFor(deps: TemplateDeps, person: Person | null): Promise<TemplateResult> {
  if (!person?.unitCode && !may(person, 'reviewer')) return { status: 'refused', reason: 'not_linked' };
  return { status: 'done', ...(await templateFile(deps, person)) };
}
