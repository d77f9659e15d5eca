// 执行 and 补录 for a declarant: what their unit has on record, handed to replies/list.ts as facts.
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import { backfillYears } from '../../domain/execution.ts';
import type { ExecutionDeps } from './deps.ts';
import type { Linked } from './types.ts';
import { executionYears, loadExecution, type PlanExecution } from './view.ts';

/** 执行: the unit's approved plans of the years asked (this year and next unless one is given), a page of them. */
export type ExecutionListFacts = {
  unitName: string;
  years: number[];
  /** The one year asked for, if any (the pager and 发送「执行 2027」 keep it). */
  year: number | undefined;
  plans: PlanExecution[];
  page: number;
  now: Date;
};

export async function executionList(deps: ExecutionDeps, person: Linked, years?: number[], page = 1): Promise<ExecutionListFacts> {
  const now = deps.clock.now();
  const unit = await deps.registry.unit(person.unitCode);
  const ys = years ?? executionYears(now);
  const plans = (await loadExecution(deps, { years: ys, unitCode: person.unitCode }, now)).sort((a, b) => a.plan.number.localeCompare(b.plan.number));
  return { unitName: unit?.name ?? person.unitCode, years: ys, year: years?.length === 1 ? years[0] : undefined, plans, page, now };
}

/** 补录: the unit's plans since 2020 and the deadline (the next campaign's backfill close, else Dec 31). */
export type BackfillFacts = { unitName: string; thisYear: number; plans: PlanExecution[]; closesAt: Date | null };

export async function backfillStatus(deps: ExecutionDeps, person: Linked): Promise<BackfillFacts> {
  const now = deps.clock.now();
  const y = ymdParts(beijingYmd(now)).y;
  const plans = await loadExecution(deps, { years: backfillYears(now), unitCode: person.unitCode }, now);
  const unit = await deps.registry.unit(person.unitCode);
  const campaign = (await deps.campaigns.all()).find((c) => c.year === y + 1);
  return { unitName: unit?.name ?? person.unitCode, thisYear: y, plans, closesAt: campaign?.backfillClosesAt ?? null };
}
