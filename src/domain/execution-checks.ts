// The checks on a class's facts, as named data like the declaration's rules [STYLE.md 4; DOMAIN.md "Execution"]:
// each has an id, hard or soft (原则上), the notice's words and section, and the fix. A package is set against
// the notice and the approved plan, which is the notice's second listed problem [seed 一]: mode, scope,
// institution, venue, headcount; a 市内 class held outside Liuzhou [二(二)四]; a 市外 class on any day of
// May–June or November–December [二(二)三, soft: a 情况说明 then]; 市外 attendance over 60 [二(二)二].
import { addDays, ymdParts, type Ymd } from './dates.ts';
import type { Checked } from './findings.ts';
import { matchKey } from './parse.ts';
import type { PlanDraft } from './plan.ts';
import { readPlace } from './places.ts';
import { matchBase, type TrainingBase } from './training-bases.ts';

export type ExecRuleId =
  | 'package_mode'
  | 'package_scope'
  | 'package_institution'
  | 'package_location'
  | 'package_headcount'
  | 'package_base'
  | 'package_institution_named'
  | 'package_venue_named'
  | 'in_city_held_outside'
  | 'in_city_place_named'
  | 'out_of_city_month'
  | 'out_of_city_max_60'
  | 'attendance_over_cap'
  | 'attendance_over_plan'
  | 'attendance_over_accepted'
  | 'accepted_over_plan'
  | 'accepted_over_registered'
  | 'published_after_start'
  | 'hours_over_days'
  | 'settled_over_budget'
  | 'steps_before_start'
  | 'steps_after_end';

export type ExecFinding = Checked<ExecRuleId, string>;

const PROBLEM_2 = '部分单位…存在实际培训内容与市委、市政府审批的培训计划内容不一致（如更改培训方式、市外培训选择的承办机构不在柳州市干部培训基地名单之列等）〔一〕';
const BEFORE = '开展培训前五个工作日上报培训包审核、发布培训项目、培训报名审核等信息数据，经市工作领导小组审核后方可开班〔一、二(一)4〕';
const AFTER = '培训结束后五个工作日内完成学员签到、教培管理、结算金额等信息录入；未完成项目信息的单位，将调减该单位下一年度培训预算〔一、二(一)5〕';
const SIX_STEPS = '补录内容为培训包审核、发布培训项目、培训报名审核、学员签到、教培管理、结算金额等六个步骤信息〔一〕';
const IN_CITY = '市内培训项目须在本市行政区域内举办〔二(二)四〕';
const BASES = '市外培训项目，原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕';
const CHANGE = '按批准的计划组织；确需变更的，请先与市工作领导小组办公室沟通并在培训内容中说明';

/** Every execution check: severity, the notice's words, and the usual fix. */
export const EXEC_RULES: Record<ExecRuleId, { severity: 'hard' | 'soft'; notice: string; suggestion?: string }> = {
  package_mode: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_scope: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_institution: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_location: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_headcount: { severity: 'hard', notice: PROBLEM_2, suggestion: '参训人数不超过批准的每期人数；人数有变的，请先与市工作领导小组办公室沟通' },
  package_base: { severity: 'soft', notice: BASES, suggestion: '请从培训基地名单中选择承办机构；确需选择名单外机构的，请在培训内容中说明理由' },
  package_institution_named: { severity: 'hard', notice: BASES, suggestion: '请填写承办机构，例如「中国井冈山干部学院」' },
  package_venue_named: { severity: 'hard', notice: IN_CITY, suggestion: '请写明举办的地点；全部线上授课的，培训方式请选「线上」' },
  in_city_held_outside: { severity: 'hard', notice: IN_CITY, suggestion: '市内培训须在柳州市行政区域内举办；确需到外地举办的，须按市外培训报批' },
  in_city_place_named: { severity: 'hard', notice: IN_CITY, suggestion: '请在地点前写明区县，例如「柳州市城中区……」' },
  out_of_city_month: { severity: 'soft', notice: '每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕', suggestion: '可改在其他月份开班；确需此时外出的，请在「情况说明」中写明理由（审核人员会看到）' },
  out_of_city_max_60: { severity: 'hard', notice: '市外培训项目每班次不超过60人〔二(二)二〕', suggestion: '分期举办，每期不超过 60 人' },
  attendance_over_cap: { severity: 'hard', notice: '市外培训项目每班次不超过60人〔二(二)二〕', suggestion: '请核对签到人数；确有超出的，请向市工作领导小组办公室说明' },
  attendance_over_plan: { severity: 'soft', notice: PROBLEM_2, suggestion: '请核对签到人数；确有超出的，请向市工作领导小组办公室说明' },
  attendance_over_accepted: { severity: 'soft', notice: SIX_STEPS, suggestion: '请核对签到人数和③报名审核通过的人数' },
  accepted_over_plan: { severity: 'soft', notice: PROBLEM_2, suggestion: '审核通过的人数不超过批准的每期人数' },
  accepted_over_registered: { severity: 'hard', notice: SIX_STEPS, suggestion: '请核对报名人数和审核通过人数' },
  published_after_start: { severity: 'hard', notice: BEFORE, suggestion: '请核对发布日期；开班日期有变的，请先在卡片上「修改日期」' },
  hours_over_days: { severity: 'hard', notice: AFTER, suggestion: '请核对学时（每天最多 12 学时）或这一期的日期' },
  settled_over_budget: { severity: 'soft', notice: '经市委、市政府审批后，由市财政局下拨培训经费到各单位〔二(一)3〕', suggestion: '请核对结算金额；超出批准经费的，请向市工作领导小组办公室说明' },
  steps_before_start: { severity: 'hard', notice: BEFORE, suggestion: '请尽快报送；来不及的，请推迟开班' },
  steps_after_end: { severity: 'hard', notice: AFTER, suggestion: '请立即补报' },
};

/** A finding of rule `rule` with this message (and, where given, a fix for this case). */
export function execFinding(rule: ExecRuleId, field: string | null, message: string, suggestion?: string): ExecFinding {
  const r = EXEC_RULES[rule];
  return { rule, severity: r.severity, field, message, notice: r.notice, suggestion: suggestion ?? r.suggestion };
}

/** The notice's words about the steps before a class and after it, for footers and alerts. */
export const STEP_NOTICE = { before: BEFORE, after: AFTER } as const;

/** A departure of the package (or of attendance) from the notice or the approved plan; kept on the step. */
export type Deviation = ExecFinding & {
  field: 'mode' | 'scope' | 'institution' | 'headcount' | 'base' | 'location' | 'month' | 'attended';
  planned: string;
  actual: string;
};

const deviation = (rule: ExecRuleId, field: Deviation['field'], planned: string, actual: string, message: string): Deviation => ({ ...execFinding(rule, field, message), field, planned, actual });

const RESTRICTED = new Set([5, 6, 11, 12]);

/** The restricted months (5, 6, 11, 12) any day of a class falls in [二(二)三]. */
export function restrictedMonths(cls: { start: Ymd; end: Ymd }): number[] {
  const months = new Set<number>();
  for (let d = cls.start, i = 0; d <= cls.end && i <= 400; d = addDays(d, 1), i++) {
    const m = ymdParts(d).m;
    if (RESTRICTED.has(m)) months.add(m);
  }
  return [...months].sort((a, b) => a - b);
}

/** Whether two venues are the same place: the same text, or one more precise than the other (柳州市城中区 ⊂ 柳州市城中区市委党校). */
function samePlace(a: string, b: string): boolean {
  const ka = matchKey(a);
  const kb = matchKey(b);
  return ka.includes(kb) || kb.includes(ka);
}

type Pkg = Record<string, string | number | null>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '（无）' : String(v));

/** The month rule for a 市外 class, or null. */
function monthFinding(scope: unknown, cls: { start: Ymd; end: Ymd }): Deviation | null {
  const months = scope === '市外' ? restrictedMonths(cls) : [];
  if (!months.length) return null;
  const day = (d: Ymd) => `${ymdParts(d).m}月${ymdParts(d).d}日`;
  const when = cls.start === cls.end ? day(cls.start) : `${day(cls.start)}–${day(cls.end)}`;
  return deviation('out_of_city_month', 'month', '1-4月、7-10月', `${months.join('、')}月`, `市外培训（${when}）有培训日在 ${months.join('、')} 月，5-6月和11-12月原则上不安排外出项目`);
}

/** A package against the notice and the approved plan [seed 一 problem 2, 二(二)二-四]. */
export function packageDeviations(plan: PlanDraft, pkg: Pkg, bases: readonly TrainingBase[], cls: { start: Ymd; end: Ymd }): Deviation[] {
  const out: Deviation[] = [];
  if (plan.mode && pkg.mode && plan.mode !== pkg.mode) out.push(deviation('package_mode', 'mode', plan.mode, shown(pkg.mode), `培训方式与批准的计划不一致：${plan.mode} → ${shown(pkg.mode)}`));
  if (plan.scope && pkg.scope && plan.scope !== pkg.scope) out.push(deviation('package_scope', 'scope', plan.scope, shown(pkg.scope), `培训类别与批准的计划不一致：${plan.scope} → ${shown(pkg.scope)}`));
  const pi = plan.institution ? matchKey(plan.institution) : '';
  const ai = str(pkg.institution) ? matchKey(pkg.institution as string) : '';
  if (pi !== ai) {
    // The same base under another of its names is not a change.
    const pb = plan.institution ? matchBase(plan.institution, bases) : { kind: 'none' as const };
    const ab = str(pkg.institution) ? matchBase(pkg.institution as string, bases) : { kind: 'none' as const };
    const same = pb.kind === 'exact' && ab.kind === 'exact' && pb.base.name === ab.base.name;
    if (!same) out.push(deviation('package_institution', 'institution', shown(plan.institution), shown(pkg.institution), `承办机构与批准的计划不一致：${shown(plan.institution)} → ${shown(pkg.institution)}`));
  }
  if (pkg.scope === '市外' && str(pkg.institution)) {
    const m = matchBase(pkg.institution as string, bases);
    if (m.kind !== 'exact') {
      const near = m.kind === 'near' ? `（是否为「${m.suggestion.name}」？）` : '';
      out.push(deviation('package_base', 'base', '柳州市干部教育培训基地名单', pkg.institution as string, `市外培训的承办机构「${pkg.institution}」不在柳州市干部教育培训基地名单内${near}`));
    }
  }
  const venue = str(pkg.location);
  if (venue && plan.location && pkg.mode !== '线上' && !samePlace(plan.location, venue)) {
    out.push(deviation('package_location', 'location', plan.location, venue, `培训地点与批准的计划不一致：${plan.location} → ${venue}`));
  }
  const place = venue && pkg.scope === '市内' && pkg.mode !== '线上' ? readPlace(venue) : null;
  if (place?.where === 'outside') out.push(deviation('in_city_held_outside', 'location', '柳州市行政区域内', venue!, `市内培训在${place.place}举办（${venue}），不在柳州市行政区域内`));
  if (plan.headcount && typeof pkg.headcount === 'number' && pkg.headcount > plan.headcount) {
    out.push(deviation('package_headcount', 'headcount', String(plan.headcount), String(pkg.headcount), `参训人数多于批准的每期人数：${plan.headcount} → ${pkg.headcount}`));
  }
  const month = monthFinding(pkg.scope, cls);
  if (month) out.push(month);
  return out;
}

/**
 * What a package form cannot be saved without: the institution of a 市外 class, at most 60 people, a venue
 * (a 市内 one naming its district), and a 情况说明 for a 市外 class in a restricted month.
 */
export function packageProblems(pkg: Pkg, cls: { start: Ymd; end: Ymd }): Record<string, ExecFinding> {
  const errors: Record<string, ExecFinding> = {};
  if (pkg.scope === '市外' && !str(pkg.institution)) {
    errors.institution = execFinding('package_institution_named', 'institution', '市外培训须填写承办机构（原则上为柳州市干部教育培训基地名单内的机构）');
  }
  if (pkg.scope === '市外' && typeof pkg.headcount === 'number' && pkg.headcount > 60) {
    errors.headcount = execFinding('out_of_city_max_60', 'headcount', `市外培训每期 ${pkg.headcount} 人，超过 60 人`);
  }
  const venue = str(pkg.location);
  if (!venue && pkg.mode && pkg.mode !== '线上') errors.location = execFinding('package_venue_named', 'location', `${pkg.mode}培训须填写培训地点`);
  if (venue && pkg.scope === '市内' && pkg.mode !== '线上' && readPlace(venue).where === 'unknown') {
    errors.location = execFinding('in_city_place_named', 'location', `「${venue}」在柳州市哪个区县？请写明，例如「柳州市城中区……」`);
  }
  const month = monthFinding(pkg.scope, cls);
  if (month && !str(pkg.justification)) errors.justification = { ...month, field: 'justification', message: `${month.message}，须填写情况说明` };
  return errors;
}

/** Attendance of a 市外 class over the cap of 60 [二(二)二]: kept on step 4, whatever the plan said. */
export function attendanceDeviations(scope: unknown, attended: unknown): Deviation[] {
  if (scope !== '市外' || typeof attended !== 'number' || attended <= 60) return [];
  return [deviation('attendance_over_cap', 'attended', '60', String(attended), `市外培训签到 ${attended} 人，超过每班次 60 人的上限`)];
}


/** What a class's facts departed from: the package's flags (plan, notice) and attendance's (the cap of 60). */
export const classDepartures = (steps: { 1?: { flags: Deviation[] } | undefined; 4?: { flags: Deviation[] } | undefined }): Deviation[] => [...(steps[1]?.flags ?? []), ...(steps[4]?.flags ?? [])];

const RULE_OF_FIELD: Record<Deviation['field'], ExecRuleId> = {
  mode: 'package_mode',
  scope: 'package_scope',
  institution: 'package_institution',
  headcount: 'package_headcount',
  base: 'package_base',
  location: 'package_location',
  month: 'out_of_city_month',
  attended: 'attendance_over_cap',
};

/** A stored flag; those kept before flags had a rule (field, planned, actual, message only) get theirs. */
export function storedDeviation(raw: Partial<Deviation> & Pick<Deviation, 'field' | 'message'>): Deviation {
  if (raw.rule && raw.notice && raw.severity) return raw as Deviation;
  const rule = RULE_OF_FIELD[raw.field] ?? 'package_mode';
  return { ...execFinding(rule, raw.field, raw.message), field: raw.field, planned: raw.planned ?? '', actual: raw.actual ?? '' };
}
