// What the review feature needs, on top of the declaration's dependencies.
import { currentCampaignYear, type Campaign } from '../../domain/campaign.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import type { DeclarationDeps } from '../../model/declarant.ts';
import type { Recipient } from '../../runtime/messenger.ts';
import { campaignFor } from '../../model/reference-data.ts';

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

/** Where review cards and reviewer alerts go: the review group when configured, else every reviewer. */
export async function reviewTargets(deps: ReviewDeps): Promise<Recipient[]> {
  return deps.reviewChatId ? [{ chatId: deps.reviewChatId }] : (await deps.users.listByRole('reviewer')).map((r) => ({ openId: r.openId }));
}

/**
 * The plan year reviewers are working on: after a campaign closes (Aug 10), the people declaring already
 * work on the next year, while reviewers still take the closed year through second review, approval and
 * publication, until it is published. Otherwise the year being declared.
 */
export async function reviewYear(deps: ReviewDeps, now: Date, explicit?: number): Promise<{ year: number; campaign: Campaign }> {
  if (explicit) return { year: explicit, campaign: await campaignFor(deps.reference, explicit) };
  const declaring = currentCampaignYear(now, await deps.reference.campaigns());
  const previous = await campaignFor(deps.reference, declaring - 1);
  if (now >= previous.reviseClosesAt && !previous.publishedAt) {
    const pending = await deps.plans.list({ year: declaring - 1, statuses: ['SUBMITTED', 'FIRST_APPROVED', 'SECOND_APPROVED', 'SENT_FOR_APPROVAL', 'APPROVED', 'NOT_APPROVED', 'REJECTED'] });
    if (pending.length) return { year: declaring - 1, campaign: previous };
  }
  return { year: declaring, campaign: await campaignFor(deps.reference, declaring) };
}
