// The plan year reviewers are working on, which is not always the year being declared.
import { currentCampaignYear, type Campaign } from '../domain/campaign.ts';
import type { Ports } from '../ports/index.ts';
import { campaignFor } from './reference-data.ts';

/**
 * After a campaign closes (Aug 10), the people declaring already work on the next year, while reviewers
 * still take the closed year through second review, approval and publication, until it is published.
 * Otherwise the year being declared. An explicit year (「导出 2027」) is that year.
 */
export async function reviewYear(deps: Pick<Ports, 'campaigns' | 'plans'>, now: Date, explicit?: number): Promise<{ year: number; campaign: Campaign }> {
  if (explicit) return { year: explicit, campaign: await campaignFor(deps, explicit) };
  const declaring = currentCampaignYear(now, await deps.campaigns.all());
  const previous = await campaignFor(deps, declaring - 1);
  if (now >= previous.reviseClosesAt && !previous.publishedAt) {
    const pending = await deps.plans.list({ year: declaring - 1, statuses: ['SUBMITTED', 'FIRST_APPROVED', 'SECOND_APPROVED', 'SENT_FOR_APPROVAL', 'APPROVED', 'NOT_APPROVED', 'REJECTED'] });
    if (pending.length) return { year: declaring - 1, campaign: previous };
  }
  return { year: declaring, campaign: await campaignFor(deps, declaring) };
}
