// What the bot needs to know about a declarant: their competent unit and its second-tier units, the
// campaign year and its phase, and the rule context the declaration is checked against.
import { currentCampaignYear, declareRefusal, defaultCampaign, phaseAt, type Campaign, type PhaseInfo } from '../domain/campaign.ts';
import type { Person } from '../domain/people.ts';
import { familyOf } from '../domain/units.ts';
import type { EngineContext } from '../flows/declare-engine.ts';
import type { Ports } from '../ports/index.ts';
import type { StoredUnit } from '../ports/reference.ts';
import { ruleContextFor, type RuleDeps } from './findings.ts';
import { campaignFor } from './reference-data.ts';

export type Declarant = {
  person: Person & { unitCode: string };
  competent: StoredUnit;
  /** The competent unit first, then its second-tier units. */
  family: StoredUnit[];
  year: number;
  campaign: Campaign;
  phase: PhaseInfo;
  /** Why a new plan cannot be declared now (not open yet, or closed), null while declaring is open. */
  refusal: string | null;
};

/** The declarant's unit and campaign as of `now`; null when the linked unit is no longer in the registry. */
export async function declarantOf(deps: Pick<Ports, 'registry' | 'campaigns'>, person: Person & { unitCode: string }, now: Date): Promise<Declarant | null> {
  const units = await deps.registry.units();
  const competent = units.find((u) => u.code === person.unitCode);
  if (!competent) return null;
  const stored = await deps.campaigns.all();
  const year = currentCampaignYear(now, stored);
  const set = stored.find((c) => c.year === year);
  const campaign = set ?? defaultCampaign(year);
  const previous = await campaignFor(deps, year - 1);
  const family = familyOf(competent.code, units) as StoredUnit[];
  family.sort((a, b) => (a.code === competent.code ? -1 : b.code === competent.code ? 1 : a.code.localeCompare(b.code)));
  return { person, competent, family, year, campaign, phase: phaseAt(campaign, now), refusal: declareRefusal(campaign, now, { set: !!set, previous }) };
}

/** The conversation engine's context for a plan of the declarant's unit in `year` (the plan itself left out of the quota). */
export async function engineContextFor(deps: RuleDeps, d: Pick<Declarant, 'competent' | 'family'>, year: number, planId?: number): Promise<EngineContext> {
  const rules = await ruleContextFor(deps, { unitCode: d.competent.code, year, excludePlanId: planId });
  if (!rules) throw new Error(`unit ${d.competent.code} is not in the registry`);
  return { hasSecondTier: d.family.length > 1, rules };
}
