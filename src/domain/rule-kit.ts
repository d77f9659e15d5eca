// What a rule of the notice is made of [STYLE.md "Seed rules are named data"], and the `rule()` helper that
// turns an entry of rules.ts into one: an id, hard or soft, the notice's words, the plans it is about, its
// limits as data, a hint for people, and a check that reads the limits instead of restating them.
import type { Severity } from './findings.ts';
import type { Mode, PlanData, PlanDraft, PlanFieldKey, Scope } from './plan-data.ts';
import type { TrainingBase } from './training-bases.ts';
import type { Unit } from './units.ts';

/** What the rules about a class's own facts (people, venue, institution) read besides the plan. */
export type FactContext = { bases: readonly TrainingBase[] };

export type RuleContext = FactContext & {
  planYear: number;
  /** The declarant's competent unit. */
  competent: Unit;
  /** The whole registry. */
  units: readonly Unit[];
  /**
   * Out-of-city classes (班次) already counted for the competent unit with its second-tier units, by plan
   * year: approved plans of other years (and backfilled history), and the other declared plans of this
   * year. The plan being checked is not included.
   */
  outOfCityByYear: ReadonlyMap<number, number>;
};

/** What a rule says of one plan; the rule adds its id, severity and the notice's words. */
export type RuleFinding = {
  field: PlanFieldKey | null;
  message: string;
  suggestion?: string | undefined;
  /** For a value that is unclear rather than wrong: what to ask in the conversation instead of refusing. */
  question?: string | undefined;
};

/** The plans a rule is about, by the values of their scope and mode: 市外 only, or held somewhere (not 线上). */
export type When = { scope?: readonly Scope[]; mode?: readonly Mode[] };

/** A short sentence for people, shown before they answer (chat question, Excel column note, form placeholder). */
export type Hint = { field: PlanFieldKey; text: string };

type RuleDef<I extends string, L, C> = {
  id: I;
  /** soft where the notice says 原则上: kept only with a written 情况说明 that reviewers see. */
  severity: Severity;
  /** The notice's words and section. */
  notice: string;
  /** The fields the check reads besides those of `when`: with a partial plan it runs once all are answered. */
  needs: readonly PlanFieldKey[];
  when?: When;
  /** The rule's numbers and lists, stated once: its check, its hint and the execution checks read them here. */
  limits?: L;
  hint?: (limits: L) => Hint;
  /** Runs only for the plans of `when`. */
  check(plan: PlanData, ctx: C, limits: L): RuleFinding[];
};

export type Rule<I extends string = string, L = unknown, C = RuleContext> = {
  id: I;
  severity: Severity;
  notice: string;
  needs: readonly PlanFieldKey[];
  when: When;
  limits: L;
  hint: Hint | null;
  run: (plan: PlanData, ctx: C) => RuleFinding[];
};

/** Whether a (partial) plan is one the rule is about: every value `when` names is answered and listed. */
export function holds(when: When, d: PlanDraft): boolean {
  return (!when.scope || (d.scope !== undefined && when.scope.includes(d.scope))) && (!when.mode || (d.mode !== undefined && when.mode.includes(d.mode)));
}

/**
 * A rule from its entry. The context type is inferred from the check (annotate `ctx: RuleContext` to read
 * the registry or the quota counts); a check that reads no more than the training bases can also judge a
 * class's package (execution-checks.ts).
 */
export function rule<const I extends string, L = Record<string, never>, C = FactContext>(def: RuleDef<I, L, C>): Rule<I, L, C> {
  const limits = (def.limits ?? {}) as L;
  const when = def.when ?? {};
  const needs = [...new Set([...(Object.keys(when) as PlanFieldKey[]), ...def.needs])];
  return {
    id: def.id,
    severity: def.severity,
    notice: def.notice,
    needs,
    when,
    limits,
    hint: def.hint ? def.hint(limits) : null,
    run: (plan, ctx) => (holds(when, plan) ? def.check(plan, ctx, limits) : []),
  };
}

const CN_COUNT = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 2 → 两, for 分两期. */
export const cnCount = (n: number) => CN_COUNT[n] ?? String(n);
