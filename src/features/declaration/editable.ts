// Whether a declarant may fill a plan now: their unit's, still a draft or returned, within its year's phase.
import { declareRefusal, phaseAt } from '../../domain/campaign.ts';
import { EDITABLE } from '../../domain/plan-status.ts';
import type { Declarant } from '../../model/declarant.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { DeclarationDeps } from './deps.ts';

/** Why a plan cannot be filled now. `closed`: the campaign's own words on which deadline has gone by. */
export type Uneditable = { reason: 'not_yours' } | { reason: 'not_editable'; plan: PlanRecord } | { reason: 'closed'; message: string };

/** Why the declarant may not fill this plan now, null when they may. */
export async function uneditable(deps: Pick<DeclarationDeps, 'campaigns' | 'clock'>, d: Declarant, plan: PlanRecord): Promise<Uneditable | null> {
  if (plan.unitCode !== d.competent.code) return { reason: 'not_yours' };
  if (!EDITABLE.includes(plan.status)) return { reason: 'not_editable', plan };
  // The plan's own year decides (after Aug 10 the declarant's current campaign is already the next year).
  const campaign = plan.year === d.year ? d.campaign : await campaignFor(deps, plan.year);
  const now = deps.clock.now();
  const phase = phaseAt(campaign, now);
  const closed = (): Uneditable | null => {
    const message = declareRefusal(campaign, now, { set: true });
    return message ? { reason: 'closed', message } : null;
  };
  // Both cases are past the campaign's opening: its refusal says which deadline has gone by.
  if (plan.status === 'RETURNED' && !phase.canRevise) return closed();
  // A draft can only ever be submitted while declaring (or drafted before the campaign opens).
  if (plan.status === 'DRAFT' && !phase.canDeclare && phase.phase !== 'not_open') return closed();
  return null;
}
