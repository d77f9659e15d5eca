// A draft left alone for 24 hours gets one gentle nudge (per idle stretch: answering again and leaving
// again earns another), at a civilised hour, and only while it can still be submitted.
import { phaseAt } from '../../domain/campaign.ts';
import { beijingInstant, beijingYmd } from '../../domain/dates.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { DeclarationDeps } from './deps.ts';
import { nudgeCard } from './replies-plans.ts';

export const IDLE_MS = 24 * 3600_000;

/** 08:30–20:00 Beijing time. */
export function isDaytime(now: Date): boolean {
  const day = beijingYmd(now);
  return now >= beijingInstant(day, 8, 30) && now < beijingInstant(day, 20, 0);
}

export type NudgeRun = { nudged: number; skipped?: string };

export async function nudgeIdleDrafts(deps: Pick<DeclarationDeps, 'plans' | 'campaigns' | 'messenger' | 'logger'>, now: Date): Promise<NudgeRun> {
  if (!isDaytime(now)) return { nudged: 0, skipped: 'quiet hours (08:30–20:00 only)' };
  const drafts = (await deps.plans.list({ statuses: ['DRAFT'] })).filter((p) => p.updatedAt.getTime() <= now.getTime() - IDLE_MS && p.createdBy.startsWith('ou_'));
  let nudged = 0;
  for (const plan of drafts) {
    const campaign = await campaignFor(deps, plan.year);
    if (!phaseAt(campaign, now).canDeclare) continue;
    if (await deps.messenger.sendCard({ openId: plan.createdBy }, nudgeCard(plan, campaign), `nudge:${plan.id}:${plan.updatedAt.getTime()}`)) nudged++;
  }
  deps.logger.info({ candidates: drafts.length, nudged }, 'draft nudges');
  return { nudged };
}
