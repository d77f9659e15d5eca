// What the declaration needs to know about a declarant: their competent unit and its second-tier units,
// the campaign year and its phase, and the rule context (registry, base list, quota history).
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { currentCampaignYear, declareRefusal, defaultCampaign, phaseAt, type Campaign, type PhaseInfo } from '../domain/campaign.ts';
import type { Person } from '../domain/people.ts';
import { familyOf } from '../domain/units.ts';
import type { EngineContext } from '../flows/declare-engine.ts';
import type { ConversationRepo } from '../ports/conversations.ts';
import type { Messenger } from '../runtime/messenger.ts';
import type { UserRepo } from '../ports/people.ts';
import { outOfCityByYear, type PlanRecord, type PlanRepo } from './plans.ts';
import { campaignFor, type ReferenceRepo, type StoredUnit } from './reference-data.ts';

export interface UnitYearRepo {
  noPlan(unitCode: string, year: number): Promise<{ at: Date; by: string } | null>;
  /** Every unit that declared 无计划 for the year. */
  noPlanUnits(year: number): Promise<Set<string>>;
  setNoPlan(unitCode: string, year: number, by: string, at: Date): Promise<void>;
  clearNoPlan(unitCode: string, year: number): Promise<boolean>;
}

export type DeclarationDeps = {
  plans: PlanRepo;
  reference: ReferenceRepo;
  conversations: ConversationRepo;
  users: UserRepo;
  unitYears: UnitYearRepo;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** Tells the reviewers a plan was submitted (the review feature replaces the plain notice). */
  onSubmitted: (plan: PlanRecord, unitName: string, log: Logger) => Promise<void>;
};

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
export async function declarantOf(deps: DeclarationDeps, person: Person & { unitCode: string }, now: Date): Promise<Declarant | null> {
  const units = await deps.reference.units();
  const competent = units.find((u) => u.code === person.unitCode);
  if (!competent) return null;
  const stored = await deps.reference.campaigns();
  const year = currentCampaignYear(now, stored);
  const set = stored.find((c) => c.year === year);
  const campaign = set ?? defaultCampaign(year);
  const previous = await campaignFor(deps.reference, year - 1);
  const family = familyOf(competent.code, units) as StoredUnit[];
  family.sort((a, b) => (a.code === competent.code ? -1 : b.code === competent.code ? 1 : a.code.localeCompare(b.code)));
  return { person, competent, family, year, campaign, phase: phaseAt(campaign, now), refusal: declareRefusal(campaign, now, { set: !!set, previous }) };
}

export async function engineContextFor(deps: DeclarationDeps, d: Pick<Declarant, 'competent' | 'family'>, year: number, planId?: number): Promise<EngineContext> {
  return {
    hasSecondTier: d.family.length > 1,
    rules: {
      planYear: year,
      competent: d.competent,
      units: await deps.reference.units(),
      bases: await deps.reference.bases(),
      outOfCityByYear: await outOfCityByYear(deps, d.competent.code, year, planId),
    },
  };
}
