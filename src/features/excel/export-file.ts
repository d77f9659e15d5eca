// 导出: the declaration summary for municipal approval [seed 二(一)3: 汇总报批], grouped by competent unit by
// the spreadsheet adapter, with every plan's processing record (处理记录) on a second sheet for audits.
import { DECLARED, STATUS_LABELS, type PlanStatus } from '../../domain/plan-status.ts';
import { actorNames, recordRows } from '../../model/plan-record.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ExportRecordRow, ExportRow } from '../../ports/sheets.ts';
import type { ExcelDeps } from './deps.ts';

export type ExportDeps = Pick<ExcelDeps, 'plans' | 'registry' | 'people' | 'declarationSheets'>;

/** What is summarised unless asked otherwise: every declared plan but those returned for revision. */
export const EXPORTED: readonly PlanStatus[] = DECLARED.filter((s) => s !== 'RETURNED');

export async function exportRows(deps: Pick<ExcelDeps, 'registry'>, plans: readonly PlanRecord[]): Promise<ExportRow[]> {
  const units = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  return plans.map((p) => ({
    number: p.number,
    unitCode: p.unitCode,
    unitName: units.get(p.unitCode) ?? p.unitCode,
    budgetCode: p.data.budgetCode ?? '',
    className: p.data.unitName ?? units.get(p.data.budgetCode ?? '') ?? '',
    status: STATUS_LABELS[p.status],
    title: p.data.title ?? '',
    scope: p.data.scope ?? '',
    mode: p.data.mode ?? '',
    audience: p.data.audience ?? '',
    headcount: p.data.headcount ?? 0,
    sessions: p.data.sessions ?? 0,
    days: p.data.days ?? 0,
    month: p.data.month ?? 0,
    location: p.data.location ?? '',
    institution: p.data.institution ?? '',
    budget: p.data.budget ?? 0,
    jointUnits: (p.data.jointUnits ?? []).join('、'),
    contactName: p.data.contactName ?? '',
    contactPhone: p.data.contactPhone ?? '',
    justification: p.data.justification ?? '',
  }));
}

/** Every exported plan's processing record (查看详情), for audits: the export's second sheet. */
async function exportRecords(deps: Pick<ExcelDeps, 'plans' | 'people'>, plans: readonly PlanRecord[]): Promise<ExportRecordRow[]> {
  const sorted = [...plans].sort((a, b) => a.number.localeCompare(b.number));
  const events = await deps.plans.eventsOf(sorted.map((p) => p.id));
  const nameOf = await actorNames(deps, [...events.values()].flat().map((e) => e.actor));
  return sorted.flatMap((p) => recordRows(p.number, events.get(p.id)!, nameOf));
}

/** The year's summary as a workbook titled `title`, and how many plans it holds. */
export async function exportFile(deps: ExportDeps, p: { year: number; title: string; statuses?: readonly PlanStatus[] | undefined }) {
  const plans = await deps.plans.list({ year: p.year, statuses: p.statuses ?? EXPORTED });
  const data = await deps.declarationSheets.exportPlans(p.title, await exportRows(deps, plans), await exportRecords(deps, plans));
  return { data, count: plans.length };
}
