// Every rule of the notice as named data [DOMAIN.md "The declaration form", "Out-of-city quota"]: an id, hard
// or soft (soft where the notice says 原则上: kept only with a written 情况说明 that reviewers see), the notice's
// words, the plans it is about, its limits, a hint for people, and a check that returns every finding at once.
//
// Adding a rule: add one entry to RULES below (the `rule()` helper in rule-kit.ts says what each part means)
// and one row to the table of test/domain/rules.test.ts (passes / fails at its limit). Nothing else: the chat
// checks each answer with it, the summary card, the Excel problem list and annotated copy, the one-card form
// and the reviewer's checklist show its findings; the Excel template's rules sheet quotes its notice; its hint
// shows in the chat question, the Excel column note and the form placeholder of its field (rule-hints.ts).
import { matchKey } from './parse.ts';
import type { PlanData, PlanDraft, PlanFieldKey } from './plan-data.ts';
import { readPlace } from './places.ts';
import { monthSpans, nearestMonths, otherMonths } from './months.ts';
import { quotaBand, quotaFindings, type QuotaLimits } from './out-of-city-quota.ts';
import { cnCount, rule, type FactContext, type Rule, type RuleContext, type RuleFinding } from './rule-kit.ts';
import { matchBase } from './training-bases.ts';
import { findUnit, isCompetent } from './units.ts';
import type { Checked } from './findings.ts';

export { verdict, type Severity, type Verdict } from './findings.ts';
export { familyStaff } from './out-of-city-quota.ts';
export type { FactContext, RuleContext } from './rule-kit.ts';

const placeOf = (p: PlanData) => (p.location ? readPlace(p.location) : null);
const HELD = ['线下', '线上线下结合'] as const;

export const RULES = [
  rule({
    id: 'budget_code_registered',
    severity: 'hard',
    notice: '“预算单位代码”的填写必须与财政预算管理一体化系统预算单位代码一致，漏填、错填视为无效〔二(一)1〕',
    needs: ['budgetCode'],
    check: (p, ctx: RuleContext) =>
      ctx.units.some((u) => u.code === p.budgetCode)
        ? []
        : [{ field: 'budgetCode', message: `预算单位代码 ${p.budgetCode} 不在单位名册中`, suggestion: '请核对财政预算管理一体化系统中的代码；名册有误请联系管理员' }],
  }),
  rule({
    id: 'budget_code_in_family',
    severity: 'hard',
    notice: '主管单位统筹安排本级和二层单位全年的培训计划，按要求汇总上报〔二(二)一〕',
    needs: ['budgetCode'],
    check: (p, ctx: RuleContext) => {
      const unit = ctx.units.find((u) => u.code === p.budgetCode);
      if (!unit || unit.code === ctx.competent.code || unit.parentCode === ctx.competent.code) return [];
      return [
        {
          field: 'budgetCode',
          message: `「${unit.name}」（${unit.code}）不是${ctx.competent.name}或其二层单位，不能由本单位申报`,
          suggestion: `请填写本单位（${ctx.competent.code}）或其二层单位的代码`,
        },
      ];
    },
  }),
  rule({
    id: 'unit_name_matches',
    severity: 'hard',
    notice: '预算单位代码与单位名称须与财政预算管理一体化系统一致〔二(一)1〕',
    needs: ['budgetCode', 'unitName'],
    check: (p, ctx: RuleContext) => {
      const unit = ctx.units.find((u) => u.code === p.budgetCode);
      if (!unit || !p.unitName || matchKey(unit.name) === matchKey(p.unitName)) return [];
      return [{ field: 'unitName', message: `代码 ${unit.code} 在名册中是「${unit.name}」，与填写的「${p.unitName}」不一致`, suggestion: `单位名称改为「${unit.name}」，或核对代码` }];
    },
  }),
  rule({
    id: 'out_of_city_max_60',
    severity: 'hard',
    notice: '市外培训项目每班次不超过60人〔二(二)二〕',
    needs: ['headcount'],
    when: { scope: ['市外'] },
    limits: { max: 60 },
    hint: ({ max }) => ({ field: 'headcount', text: `市外培训每班次不超过 ${max} 人` }),
    check: (p, _ctx, { max }) => {
      if (p.headcount <= max) return [];
      const parts = Math.ceil(p.headcount / max);
      return [
        {
          field: 'headcount',
          message: `市外培训每期 ${p.headcount} 人，超过 ${max} 人`,
          suggestion: `可分${cnCount(parts)}期各 ${Math.ceil(p.headcount / parts)} 人，或把人数减到 ${max} 人以内`,
        },
      ];
    },
  }),
  rule({
    id: 'in_city_min_30',
    severity: 'soft',
    notice: '市内培训项目原则上每班次不少于30人〔二(二)四〕',
    needs: ['headcount'],
    when: { scope: ['市内'] },
    limits: { min: 30 },
    hint: ({ min }) => ({ field: 'headcount', text: `市内培训原则上每班次不少于 ${min} 人` }),
    check: (p, _ctx, { min }) =>
      p.headcount >= min
        ? []
        : [{ field: 'headcount', message: `市内培训每期 ${p.headcount} 人，少于 ${min} 人`, suggestion: '可与其他主管单位联合办班凑足人数，或合并期数；确需小班的，请填写情况说明' }],
  }),
  rule({
    id: 'venue_named',
    severity: 'hard',
    notice: '申报表须填写培训地点；市内培训项目须在本市行政区域内举办〔二(二)四〕',
    needs: ['location'],
    when: { mode: HELD },
    check: (p) =>
      p.location
        ? []
        : [{ field: 'location', message: `${p.mode}培训须填写培训地点`, suggestion: '请写明举办的地点，市内培训例如「柳州市城中区市委党校」；全部线上授课的，培训方式请选「线上」' }],
  }),
  rule({
    id: 'in_city_in_liuzhou',
    severity: 'hard',
    notice: '市内培训项目须在本市行政区域内举办〔二(二)四〕',
    needs: ['location'],
    when: { scope: ['市内'], mode: HELD },
    check: (p) => {
      const place = placeOf(p);
      if (place?.where !== 'outside') return [];
      return [
        {
          field: 'location',
          message: `培训地点「${p.location}」在${place.place}，不在柳州市行政区域内`,
          suggestion: '市内培训须在柳州市行政区域内举办；在柳州以外举办的，请把培训类别改为「市外」',
        },
      ];
    },
  }),
  rule({
    id: 'in_city_place_named',
    severity: 'hard',
    notice: '市内培训项目须在本市行政区域内举办〔二(二)四〕',
    needs: ['location'],
    when: { scope: ['市内'], mode: HELD },
    hint: () => ({ field: 'location', text: '市内培训须写明柳州市的区县' }),
    check: (p) => {
      if (placeOf(p)?.where !== 'unknown') return [];
      return [
        {
          field: 'location',
          message: `培训地点「${p.location}」没有写明在柳州市哪个区县，无法确认在本市行政区域内`,
          suggestion: '请在地点前写明区县，例如「柳州市城中区……」；在柳州以外举办的，请把培训类别改为「市外」',
          question: `「${p.location}」在柳州市哪个区县？请写明，例如「柳州市城中区……」`,
        },
      ];
    },
  }),
  rule({
    id: 'out_of_city_institution_named',
    severity: 'hard',
    notice: '市外培训项目原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕',
    needs: ['institution'],
    when: { scope: ['市外'] },
    check: (p) =>
      p.institution ? [] : [{ field: 'institution', message: '市外培训须填写承办机构，才能核对是否在培训基地名单内', suggestion: '例如「中国井冈山干部学院」' }],
  }),
  rule({
    id: 'out_of_city_on_base_list',
    severity: 'soft',
    notice: '市外培训项目，原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕',
    needs: ['institution'],
    when: { scope: ['市外'] },
    hint: () => ({ field: 'institution', text: '市外培训原则上选择柳州市干部教育培训基地名单内的承办机构' }),
    check: (p, ctx: FactContext) => {
      const m = p.institution ? matchBase(p.institution, ctx.bases) : null;
      if (!m || m.kind === 'exact') return [];
      // A near miss is named in the message itself: a package's flag shows only the message to reviewers.
      const near = m.kind === 'near' ? `（是否为「${m.suggestion.name}」？）` : '';
      const fix = near ? '请按名单中的名称填写' : '请从培训基地名单中选择承办机构';
      return [{ field: 'institution', message: `承办机构「${p.institution}」不在柳州市干部教育培训基地名单中${near}`, suggestion: `${fix}；确需选择名单外机构的，请填写情况说明` }];
    },
  }),
  rule({
    id: 'out_of_city_month',
    severity: 'soft',
    notice: '每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕',
    needs: ['month'],
    when: { scope: ['市外'] },
    limits: { months: [5, 6, 11, 12] },
    hint: ({ months }) => ({ field: 'month', text: `市外培训原则上不安排在 ${monthSpans(months)}` }),
    check: (p, _ctx, { months }) =>
      !months.includes(p.month)
        ? []
        : [
            {
              field: 'month',
              message: `市外培训安排在 ${p.month} 月，${monthSpans(months)}原则上不安排外出项目`,
              suggestion: `可改在 ${nearestMonths(p.month, otherMonths(months)).join(' 月或 ')} 月；确需此时外出的，请填写情况说明`,
            },
          ],
  }),
  rule({
    id: 'out_of_city_quota',
    severity: 'soft',
    notice: '在编人员120人以上的单位原则上控制在每年1个班次；60-120人的单位每一至两年1个班次；60人以下的单位每三年以上1个班次〔二(二)二〕',
    needs: ['sessions'],
    when: { scope: ['市外'] },
    // 以上/以下 include the number (民法典 第1259条): 120 staff is the first band, 60 the last.
    limits: {
      classes: 1,
      bands: [
        { fromStaff: 120, years: 1, words: '在编人员120人以上的单位原则上控制在每年1个班次' },
        { fromStaff: 61, years: 2, words: '在编人员60-120人的单位原则上控制在每一至两年1个班次' },
        { fromStaff: 0, years: 3, words: '60人以下的单位原则上控制在每三年以上1个班次' },
      ],
    } satisfies QuotaLimits,
    check: (p, ctx: RuleContext, limits) => quotaFindings(p, ctx, limits),
  }),
  rule({
    id: 'joint_units_registered',
    severity: 'hard',
    notice: '鼓励各单位根据业务需要，联合两家或以上主管单位组织业务培训〔二(二)五〕',
    needs: ['jointUnits'],
    check: (p, ctx: RuleContext) =>
      p.jointUnits.flatMap((ref): RuleFinding[] => {
        const unit = findUnit(ref, ctx.units);
        if (!unit) return [{ field: 'jointUnits', message: `联合办班单位「${ref}」不在单位名册中`, suggestion: '请填写对方的预算单位代码或名册中的单位全称' }];
        if (unit.code === ctx.competent.code) return [{ field: 'jointUnits', message: '联合办班单位不能是本单位', suggestion: '请删除本单位' }];
        if (isCompetent(unit)) return [];
        return [{ field: 'jointUnits', message: `「${unit.name}」是二层单位，联合办班应与其他主管单位联合`, suggestion: unit.parentCode ? `可填写其主管单位（${unit.parentCode}）` : undefined }];
      }),
  }),
];

type AnyRule = (typeof RULES)[number];
export type RuleId = AnyRule['id'];
export type RuleOf<I extends RuleId> = Extract<AnyRule, { id: I }>;
export type Finding = Checked<RuleId, PlanFieldKey> & Pick<RuleFinding, 'question'>;

/** The rules that read no more than a class's facts and the training bases: they can judge a package too. */
export type FactRuleId = { [I in RuleId]: RuleOf<I> extends Rule<I, unknown, FactContext> ? I : never }[RuleId];

export function ruleById<I extends RuleId>(id: I): RuleOf<I> {
  return RULES.find((r) => r.id === id) as RuleOf<I>;
}

/** The out-of-city quota band of a unit family's staff: at most one class in any `years` consecutive years. */
export function quotaWindow(staff: number): { years: 1 | 2 | 3; rule: string } {
  const band = quotaBand(staff, ruleById('out_of_city_quota').limits.bands);
  return { years: band.years, rule: band.words };
}

const bySeverity = (a: Finding, b: Finding) => (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1);
const answered = (r: AnyRule, d: PlanDraft) => r.needs.every((k) => d[k] !== undefined);
const findingsOf = (rules: readonly AnyRule[], plan: PlanDraft, ctx: RuleContext) =>
  rules.flatMap((r) => r.run(plan as PlanData, ctx).map((f): Finding => ({ ...f, rule: r.id, severity: r.severity, notice: r.notice }))).sort(bySeverity);

/** All findings of a complete plan, hard ones first. */
export function check(plan: PlanData, ctx: RuleContext): Finding[] {
  return findingsOf(RULES, plan, ctx);
}

/** The findings of the rules whose fields are all answered: what a half-filled plan already breaks. */
export function checkPartial(draft: PlanDraft, ctx: RuleContext): Finding[] {
  return findingsOf(RULES.filter((r) => answered(r, draft)), draft, ctx);
}

/** The findings of these rules on a class's facts (a package): those whose fields are given. */
export function checkFacts(ids: readonly FactRuleId[], facts: PlanDraft, ctx: FactContext): Finding[] {
  const rules = RULES.filter((r) => (ids as readonly string[]).includes(r.id) && answered(r, facts));
  // Sound: FactRuleId admits only the rules whose check reads no more than a FactContext.
  return findingsOf(rules, facts, ctx as RuleContext);
}
