// What the review feature needs, on top of the declaration's dependencies.
import { currentCampaignYear, type Campaign } from '../../domain/campaign.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import type { DeclarationDeps } from '../declaration/context.ts';
import { campaignFor } from '../reference-data.ts';

export interface ReviewNoticeRepo {
  record(n: { planId: number; planVersion: number; stage: string; outboxKey: string; at: Date }): Promise<void>;
  forPlan(planId: number): Promise<{ outboxKey: string; planVersion: number; stage: string }[]>;
}

export type ReviewDeps = DeclarationDeps & {
  notices: ReviewNoticeRepo;
  /** Review cards go to this group instead of each reviewer. */
  reviewChatId: string | undefined;
  calendar: () => Promise<WorkCalendar>;
};

/**
 * The plan year reviewers are working on: the latest year whose revision window has closed and whose
 * results are not yet published; before any closes, the year being declared.
 */
export async function reviewYear(deps: ReviewDeps, now: Date, explicit?: number): Promise<{ year: number; campaign: Campaign }> {
  if (explicit) return { year: explicit, campaign: await campaignFor(deps.reference, explicit) };
  const declaring = currentCampaignYear(now, await deps.reference.campaigns());
  for (const year of [declaring, declaring - 1, declaring - 2]) {
    const c = await campaignFor(deps.reference, year);
    if (now >= c.reviseClosesAt && !c.publishedAt) return { year, campaign: c };
  }
  return { year: declaring, campaign: await campaignFor(deps.reference, declaring) };
}
