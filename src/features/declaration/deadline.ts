// 截止时间 and the welcome card's line: the campaign's dates and where it stands as of now.
import { currentCampaignYear, defaultCampaign, phaseAt, type Campaign, type PhaseInfo } from '../../domain/campaign.ts';
import type { Person } from '../../domain/people.ts';
import { daysLeft } from '../../domain/reminders.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { DeclarationDeps } from './deps.ts';

/** `announced`: the admin has set the year's dates (otherwise they are the notice's usual ones). */
export type Deadlines = { year: number; campaign: Campaign; announced: boolean; phase: PhaseInfo; /** To the deadline that counts now. */ daysLeft: number };

export async function deadlines(deps: Pick<DeclarationDeps, 'campaigns'>, now: Date): Promise<Deadlines> {
  const year = currentCampaignYear(now, await deps.campaigns.all());
  const stored = await deps.campaigns.get(year);
  const campaign = stored ?? defaultCampaign(year);
  const phase = phaseAt(campaign, now);
  const left = daysLeft(now, phase.canDeclare ? campaign.declareClosesAt : campaign.reviseClosesAt);
  return { year, campaign, announced: !!stored, phase, daysLeft: left };
}

/** A declarant's coming declaration deadline, while there is one. */
export async function comingDeadline(deps: Pick<DeclarationDeps, 'campaigns' | 'clock'>, person: Person | null): Promise<Campaign | null> {
  if (!person?.unitCode) return null;
  const now = deps.clock.now();
  const c = await campaignFor(deps, currentCampaignYear(now, await deps.campaigns.all()));
  return now < c.declareClosesAt ? c : null;
}
