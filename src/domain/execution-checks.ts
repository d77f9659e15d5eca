// The checks on a class's facts, as named data like the declaration's rules [STYLE.md 4; DOMAIN.md "Execution"]:
// each has an id, hard or soft (原则上), the notice's words and section, and the fix. A package is set against
// the notice and the approved plan, which is the notice's second listed problem [seed 一]. What the notice
// requires of any class (at most 60 people out of the city, a named venue in Liuzhou for a 市内 class, a listed
// institution for a 市外 one) is judged by the plan rules themselves (rules.ts), with their limits; this module
// adds what only a class has: the approved plan to differ from, its days in restricted months, its attendance.
import { ymdParts, type Ymd } from './dates.ts';
import type { Checked } from './findings.ts';
import { monthSpans, monthsTouched, otherMonths } from './months.ts';
import { matchKey } from './parse.ts';
import type { PlanDraft, PlanFieldKey } from './plan-data.ts';
import { fieldDef } from './plan-fields.ts';
import { checkFacts, ruleById, type FactRuleId, type Finding, type RuleId } from './rules.ts';
import { matchBase, type TrainingBase } from './training-bases.ts';
import { EXEC_RULES, type ExecRuleId } from './execution-rules.ts';

export { EXEC_RULES, STEP_NOTICE, type ExecRuleId } from './execution-rules.ts';

export type ExecFinding = Checked<ExecRuleId | RuleId, string>;

/** A finding of rule `rule` with this message (and, where given, a fix for this case). */
export function execFinding(rule: ExecRuleId | FactRuleId, field: string | null, message: string, suggestion?: string): ExecFinding {
  const r = rule in EXEC_RULES ? EXEC_RULES[rule as ExecRuleId] : { ...ruleById(rule as FactRuleId), suggestion: undefined };
  return { rule, severity: r.severity, field, message, notice: r.notice, suggestion: suggestion ?? r.suggestion };
}

/** A departure of the package (or of attendance) from the notice or the approved plan; kept on the step. */
export type Deviation = ExecFinding & {
  field: 'mode' | 'scope' | 'institution' | 'headcount' | 'base' | 'location' | 'month' | 'attended';
  planned: string;
  actual: string;
};

const deviation = (rule: ExecRuleId, field: Deviation['field'], planned: string, actual: string, message: string): Deviation => ({ ...execFinding(rule, field, message), field, planned, actual });

/** The plan rules a package cannot be saved against: it is filed before the class and can still be put right. */
const PACKAGE_REFUSALS: readonly FactRuleId[] = ['out_of_city_institution_named', 'out_of_city_max_60', 'venue_named', 'in_city_place_named'];
/** The plan rules a package is flagged for: kept with the class for the reviewers [seed 一 problem 2]. */
const PACKAGE_FLAGS: readonly FactRuleId[] = ['out_of_city_on_base_list', 'in_city_in_liuzhou'];
/** Where a plan rule's fix does not suit a class already approved (its scope is not the declarant's to switch). */
const CLASS_FIX: Partial<Record<RuleId, string>> = {
  in_city_in_liuzhou: '市内培训须在柳州市行政区域内举办；确需到外地举办的，须按市外培训报批',
  in_city_place_named: '请在地点前写明区县，例如「柳州市城中区……」',
};

type Pkg = Record<string, string | number | null>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '（无）' : String(v));

const FACT_KEYS = ['mode', 'scope', 'institution', 'location', 'headcount'] as const satisfies readonly PlanFieldKey[];

/** A package's facts as a partial plan: a value not given is unanswered, except where a plan may have none. */
function factsOf(pkg: Pkg): PlanDraft {
  const out: Record<string, unknown> = {};
  for (const k of FACT_KEYS) {
    const v = pkg[k] === '' ? null : pkg[k];
    if (v !== undefined && (v !== null || !fieldDef(k).required)) out[k] = v;
  }
  return out as PlanDraft;
}

/** A plan rule's finding on a class: an unclear value asked about, and the fix that suits a class. */
function onClass({ question, ...f }: Finding): ExecFinding {
  return { ...f, message: question ?? f.message, suggestion: CLASS_FIX[f.rule] ?? f.suggestion };
}

/** The month rule for a 市外 class: any of its days in a restricted month [二(二)三], or null. */
function monthFinding(scope: unknown, cls: { start: Ymd; end: Ymd }): Deviation | null {
  const restricted = ruleById('out_of_city_month').limits.months;
  const months = scope === '市外' ? monthsTouched(cls, restricted) : [];
  if (!months.length) return null;
  const day = (d: Ymd) => `${ymdParts(d).m}月${ymdParts(d).d}日`;
  const when = cls.start === cls.end ? day(cls.start) : `${day(cls.start)}–${day(cls.end)}`;
  const message = `市外培训（${when}）有培训日在 ${months.join('、')} 月，${monthSpans(restricted)}原则上不安排外出项目`;
  return deviation('out_of_city_month', 'month', monthSpans(otherMonths(restricted), '、'), `${months.join('、')}月`, message);
}

/** Whether two venues are the same place: the same text, or one more precise than the other (柳州市城中区 ⊂ 柳州市城中区市委党校). */
function samePlace(a: string, b: string): boolean {
  const ka = matchKey(a);
  const kb = matchKey(b);
  return ka.includes(kb) || kb.includes(ka);
}

/** The same institution: the same text, or the same base under another of its names. */
function sameInstitution(planned: string | null | undefined, actual: string | null, bases: readonly TrainingBase[]): boolean {
  if ((planned ? matchKey(planned) : '') === (actual ? matchKey(actual) : '')) return true;
  const pb = planned ? matchBase(planned, bases) : null;
  const ab = actual ? matchBase(actual, bases) : null;
  return pb?.kind === 'exact' && ab?.kind === 'exact' && pb.base.name === ab.base.name;
}

/** A plan rule's flag on a package, kept as a deviation from what the notice requires. */
function flagOf(f: Finding, pkg: Pkg): Deviation {
  const base = f.rule === 'out_of_city_on_base_list';
  const planned = base ? '柳州市干部教育培训基地名单' : '柳州市行政区域内';
  return { ...onClass(f), field: base ? 'base' : 'location', planned, actual: shown(base ? pkg.institution : pkg.location) };
}

/** A package against the notice and the approved plan [seed 一 problem 2, 二(二)二-四]. */
export function packageDeviations(plan: PlanDraft, pkg: Pkg, bases: readonly TrainingBase[], cls: { start: Ymd; end: Ymd }): Deviation[] {
  const out: Deviation[] = [];
  const flags = checkFacts(PACKAGE_FLAGS, factsOf(pkg), { bases }).map((f) => flagOf(f, pkg));
  if (plan.mode && pkg.mode && plan.mode !== pkg.mode) out.push(deviation('package_mode', 'mode', plan.mode, shown(pkg.mode), `培训方式与批准的计划不一致：${plan.mode} → ${shown(pkg.mode)}`));
  if (plan.scope && pkg.scope && plan.scope !== pkg.scope) out.push(deviation('package_scope', 'scope', plan.scope, shown(pkg.scope), `培训类别与批准的计划不一致：${plan.scope} → ${shown(pkg.scope)}`));
  if (!sameInstitution(plan.institution, str(pkg.institution), bases)) {
    out.push(deviation('package_institution', 'institution', shown(plan.institution), shown(pkg.institution), `承办机构与批准的计划不一致：${shown(plan.institution)} → ${shown(pkg.institution)}`));
  }
  out.push(...flags.filter((f) => f.field === 'base'));
  const venue = str(pkg.location);
  if (venue && plan.location && pkg.mode !== '线上' && !samePlace(plan.location, venue)) {
    out.push(deviation('package_location', 'location', plan.location, venue, `培训地点与批准的计划不一致：${plan.location} → ${venue}`));
  }
  out.push(...flags.filter((f) => f.field === 'location'));
  if (plan.headcount && typeof pkg.headcount === 'number' && pkg.headcount > plan.headcount) {
    out.push(deviation('package_headcount', 'headcount', String(plan.headcount), String(pkg.headcount), `参训人数多于批准的每期人数：${plan.headcount} → ${pkg.headcount}`));
  }
  const month = monthFinding(pkg.scope, cls);
  if (month) out.push(month);
  return out;
}

/**
 * What a package form cannot be saved without, by field: what the plan rules require of any class (an
 * institution out of the city, at most 60 people, a venue naming its district), and a 情况说明 for a 市外
 * class in a restricted month.
 */
export function packageProblems(pkg: Pkg, cls: { start: Ymd; end: Ymd }): Record<string, ExecFinding> {
  const errors: Record<string, ExecFinding> = {};
  for (const f of checkFacts(PACKAGE_REFUSALS, factsOf(pkg), { bases: [] })) if (f.field) errors[f.field] = onClass(f);
  const month = monthFinding(pkg.scope, cls);
  if (month && !str(pkg.justification)) errors.justification = { ...month, field: 'justification', message: `${month.message}，须填写情况说明` };
  return errors;
}

/** Attendance of a 市外 class over the rule's cap [二(二)二]: kept on step 4, whatever the plan said. */
export function attendanceDeviations(scope: unknown, attended: unknown): Deviation[] {
  const { max } = ruleById('out_of_city_max_60').limits;
  if (scope !== '市外' || typeof attended !== 'number' || attended <= max) return [];
  return [deviation('attendance_over_cap', 'attended', String(max), String(attended), `市外培训签到 ${attended} 人，超过每班次 ${max} 人的上限`)];
}

/** What a class's facts departed from: the package's flags (plan, notice) and attendance's (the cap). */
export const classDepartures = (steps: { 1?: { flags: Deviation[] } | undefined; 4?: { flags: Deviation[] } | undefined }): Deviation[] => [...(steps[1]?.flags ?? []), ...(steps[4]?.flags ?? [])];

const RULE_OF_FIELD: Record<Deviation['field'], ExecRuleId | FactRuleId> = {
  mode: 'package_mode',
  scope: 'package_scope',
  institution: 'package_institution',
  headcount: 'package_headcount',
  base: 'out_of_city_on_base_list',
  location: 'package_location',
  month: 'out_of_city_month',
  attended: 'attendance_over_cap',
};

/**
 * A stored flag; those kept before flags had a rule (field, planned, actual, message only) get theirs. Flags
 * stored before the package check used the plan rules keep their ids then (package_base, in_city_held_outside).
 */
export function storedDeviation(raw: Partial<Deviation> & Pick<Deviation, 'field' | 'message'>): Deviation {
  if (raw.rule && raw.notice && raw.severity) return raw as Deviation;
  const rule = RULE_OF_FIELD[raw.field] ?? 'package_mode';
  return { ...execFinding(rule, raw.field, raw.message), field: raw.field, planned: raw.planned ?? '', actual: raw.actual ?? '' };
}
