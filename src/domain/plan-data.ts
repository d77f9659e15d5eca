// One training-class plan = one row of the declaration form [DOMAIN.md "The declaration form"]: its values
// and their keys. How each field is read lives in plan-fields.ts; what the notice requires in rules.ts.
export const SCOPES = ['市内', '市外'] as const;
export const MODES = ['线下', '线上', '线上线下结合'] as const;
export type Scope = (typeof SCOPES)[number];
export type Mode = (typeof MODES)[number];

export type PlanData = {
  budgetCode: string;
  unitName: string | null;
  title: string;
  scope: Scope;
  mode: Mode;
  audience: string;
  headcount: number;
  sessions: number;
  days: number;
  month: number;
  /** Not needed for an online (线上) class. */
  location: string | null;
  institution: string | null;
  budget: number;
  jointUnits: string[];
  contactName: string;
  contactPhone: string;
  remarks: string | null;
  justification: string | null;
};

export type PlanFieldKey = keyof PlanData;
export type PlanDraft = Partial<PlanData>;

/** The out-of-city classes (班次) a plan counts for in the quota: one per session [seed 二(二)二]. */
export function outOfCityClasses(plan: Pick<PlanData, 'scope' | 'sessions'>): number {
  return plan.scope === '市外' ? plan.sessions : 0;
}
