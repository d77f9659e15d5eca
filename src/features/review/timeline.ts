// 查看详情: a plan's whole history from its append-only log, in people's words.
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { STATUS_LABELS } from '../../domain/plan-status.ts';
import { actorNames, recordLines } from '../../model/plan-record.ts';
import type { ReviewDeps } from './deps.ts';
import type { PlanRecord } from '../../ports/plans.ts';

export async function timelineCard(deps: ReviewDeps, plan: PlanRecord) {
  const events = await deps.plans.events(plan.id);
  const lines = recordLines(events, await actorNames(deps, events.map((e) => e.actor)));
  const unit = await deps.registry.unit(plan.unitCode);
  return noticeCard({
    title: `处理记录 · ${plan.number}`,
    color: 'indigo',
    body: [`**${escapeMarkdown(plan.data.title ?? '')}**`, `${escapeMarkdown(unit?.name ?? plan.unitCode)} · 当前：${STATUS_LABELS[plan.status]}`, '', ...lines].join('\n'),
  });
}
