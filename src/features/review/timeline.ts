// 查看详情: a plan's whole history from its append-only log, with the names of the people who acted.
import { actorNames } from '../../model/plan-record.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import type { TimelineFacts } from './types.ts';

export async function timelineOf(deps: Pick<ReviewDeps, 'plans' | 'people' | 'registry'>, plan: PlanRecord): Promise<TimelineFacts> {
  const events = await deps.plans.events(plan.id);
  const nameOf = await actorNames(deps, events.map((e) => e.actor));
  const unit = await deps.registry.unit(plan.unitCode);
  return { plan, unitName: unit?.name ?? plan.unitCode, events, nameOf };
}
