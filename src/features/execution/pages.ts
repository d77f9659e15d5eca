// 上一页 / 下一页 of the execution lists: the unit's 执行 and 完成情况 for whoever is linked to it, the
// reviewer's 完成情况 lists for reviewers only, as the commands decide.
import { page } from '../../bot/manifest.ts';
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import type { ExecutionDeps } from './deps.ts';
import { executionList } from './list.ts';
import { completion } from './report.ts';
import { executionListReply } from './replies/list.ts';
import { allCompletionCard, COMPLETION_LISTS, completionListCard, unitCompletionCard } from './replies/report.ts';

export function executionPages(deps: ExecutionDeps) {
  const yearOf = (ctx: { value: { year?: number | undefined }; now: Date }) => ctx.value.year ?? ymdParts(beijingYmd(ctx.now)).y;
  const list = (key: keyof typeof COMPLETION_LISTS) =>
    page({ audience: 'reviewer', run: async (ctx) => ({ card: completionListCard(await completion(deps, yearOf(ctx)), COMPLETION_LISTS[key], ctx.value.p) }) });
  return {
    exec: page({ audience: 'declarant', run: async (ctx) => ({ card: executionListReply(await executionList(deps, ctx.person, ctx.value.year ? [ctx.value.year] : undefined, ctx.value.p)) }) }),
    completion_unit: page({
      audience: 'declarant',
      run: async (ctx) => {
        const unit = await deps.registry.unit(ctx.person.unitCode);
        return { card: unitCompletionCard(await completion(deps, yearOf(ctx), ctx.person.unitCode), unit?.name ?? ctx.person.unitCode, ctx.value.p) };
      },
    }),
    completion: page({ audience: 'reviewer', run: async (ctx) => ({ card: allCompletionCard(await completion(deps, yearOf(ctx))) }) }),
    completion_gaps: list('completion_gaps'),
    completion_budget: list('completion_budget'),
    completion_late: list('completion_late'),
    completion_backfill: list('completion_backfill'),
  };
}
