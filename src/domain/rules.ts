// Every rule of the notice as named data [DOMAIN.md "The declaration form", "Out-of-city quota"]. A rule has
// an id, a severity (soft where the notice says 原则上: the declarant may keep the value only with a written
// 情况说明 that reviewers see; hard otherwise), the notice's words, and a suggested fix where one exists.
// check() returns every finding at once, so chat, Excel, cards and the reviewer's checklist show one list.
import { matchKey } from './parse.ts';
import type { PlanData, PlanDraft, PlanFieldKey } from './plan.ts';
import { outOfCityClasses } from './plan.ts';
import { readPlace } from './places.ts';
import { matchBase, type TrainingBase } from './training-bases.ts';
import { findUnit, isCompetent, type Unit } from './units.ts';

import type { Checked, Severity } from './findings.ts';

export type { Severity } from './findings.ts';

export type RuleId =
  | 'budget_code_registered'
  | 'budget_code_in_family'
  | 'unit_name_matches'
  | 'out_of_city_max_60'
  | 'in_city_min_30'
  | 'venue_named'
  | 'in_city_in_liuzhou'
  | 'in_city_place_named'
  | 'out_of_city_institution_named'
  | 'out_of_city_on_base_list'
  | 'out_of_city_month'
  | 'out_of_city_quota'
  | 'joint_units_registered';

export type Finding = Checked<RuleId, PlanFieldKey> & {
  /** For a value that is unclear rather than wrong: what to ask in the conversation instead of refusing. */
  question?: string | undefined;
};

export type RuleContext = {
  planYear: number;
  /** The declarant's competent unit. */
  competent: Unit;
  /** The whole registry. */
  units: readonly Unit[];
  bases: readonly TrainingBase[];
  /**
   * Out-of-city classes (班次) already counted for the competent unit with its second-tier units, by plan
   * year: approved plans of other years (and backfilled history), and the other declared plans of this
   * year. The plan being checked is not included.
   */
  outOfCityByYear: ReadonlyMap<number, number>;
};

type Rule = {
  id: RuleId;
  severity: Severity;
  notice: string;
  /** The fields the rule reads: with a partial plan it runs once all of them are answered. */
  needs: readonly PlanFieldKey[];
  check(plan: PlanData, ctx: RuleContext): Omit<Finding, 'rule' | 'severity' | 'notice'>[];
};

const CN_COUNT = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnCount = (n: number) => CN_COUNT[n] ?? String(n);

/** Staff-size bands of the out-of-city quota; 以上/以下 include the number (民法典 第1259条). */
export function quotaWindow(staff: number): { years: 1 | 2 | 3; rule: string } {
  if (staff >= 120) return { years: 1, rule: '在编人员120人以上的单位原则上控制在每年1个班次' };
  if (staff > 60) return { years: 2, rule: '在编人员60-120人的单位原则上控制在每一至两年1个班次' };
  return { years: 3, rule: '60人以下的单位原则上控制在每三年以上1个班次' };
}

/** Staff of a competent unit with its second-tier units: the quota is counted for them together. */
export function familyStaff(competent: Unit, units: readonly Unit[]): number {
  return units.filter((u) => u.code === competent.code || u.parentCode === competent.code).reduce((s, u) => s + u.staffCount, 0);
}

const RESTRICTED_MONTHS = [5, 6, 11, 12];
function nearestAllowedMonths(month: number): number[] {
  const allowed = [1, 2, 3, 4, 7, 8, 9, 10];
  const best = Math.min(...allowed.map((m) => Math.abs(m - month)));
  return allowed.filter((m) => Math.abs(m - month) === best);
}

export const RULES: readonly Rule[] = [
  {
    id: 'budget_code_registered',
    needs: ['budgetCode'],
    severity: 'hard',
    notice: '“预算单位代码”的填写必须与财政预算管理一体化系统预算单位代码一致，漏填、错填视为无效〔二(一)1〕',
    check: (p, ctx) =>
      ctx.units.some((u) => u.code === p.budgetCode)
        ? []
        : [{ field: 'budgetCode', message: `预算单位代码 ${p.budgetCode} 不在单位名册中`, suggestion: '请核对财政预算管理一体化系统中的代码；名册有误请联系管理员' }],
  },
  {
    id: 'budget_code_in_family',
    needs: ['budgetCode'],
    severity: 'hard',
    notice: '主管单位统筹安排本级和二层单位全年的培训计划，按要求汇总上报〔二(二)一〕',
    check: (p, ctx) => {
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
  },
  {
    id: 'unit_name_matches',
    needs: ['budgetCode', 'unitName'],
    severity: 'hard',
    notice: '预算单位代码与单位名称须与财政预算管理一体化系统一致〔二(一)1〕',
    check: (p, ctx) => {
      const unit = ctx.units.find((u) => u.code === p.budgetCode);
      if (!unit || !p.unitName || matchKey(unit.name) === matchKey(p.unitName)) return [];
      return [
        {
          field: 'unitName',
          message: `代码 ${unit.code} 在名册中是「${unit.name}」，与填写的「${p.unitName}」不一致`,
          suggestion: `单位名称改为「${unit.name}」，或核对代码`,
        },
      ];
    },
  },
  {
    id: 'out_of_city_max_60',
    needs: ['scope', 'headcount'],
    severity: 'hard',
    notice: '市外培训项目每班次不超过60人〔二(二)二〕',
    check: (p) => {
      if (p.scope !== '市外' || p.headcount <= 60) return [];
      const parts = Math.ceil(p.headcount / 60);
      return [
        {
          field: 'headcount',
          message: `市外培训每期 ${p.headcount} 人，超过 60 人`,
          suggestion: `可分${cnCount(parts)}期各 ${Math.ceil(p.headcount / parts)} 人，或把人数减到 60 人以内`,
        },
      ];
    },
  },
  {
    id: 'in_city_min_30',
    needs: ['scope', 'headcount'],
    severity: 'soft',
    notice: '市内培训项目原则上每班次不少于30人〔二(二)四〕',
    check: (p) =>
      p.scope !== '市内' || p.headcount >= 30
        ? []
        : [
            {
              field: 'headcount',
              message: `市内培训每期 ${p.headcount} 人，少于 30 人`,
              suggestion: '可与其他主管单位联合办班凑足人数，或合并期数；确需小班的，请填写情况说明',
            },
          ],
  },
  {
    id: 'venue_named',
    needs: ['mode', 'location'],
    severity: 'hard',
    notice: '申报表须填写培训地点；市内培训项目须在本市行政区域内举办〔二(二)四〕',
    check: (p) =>
      p.mode === '线上' || p.location
        ? []
        : [{ field: 'location', message: `${p.mode}培训须填写培训地点`, suggestion: '请写明举办的地点，市内培训例如「柳州市城中区市委党校」；全部线上授课的，培训方式请选「线上」' }],
  },
  {
    id: 'in_city_in_liuzhou',
    needs: ['scope', 'mode', 'location'],
    severity: 'hard',
    notice: '市内培训项目须在本市行政区域内举办〔二(二)四〕',
    check: (p) => {
      const place = p.scope === '市内' && p.mode !== '线上' && p.location ? readPlace(p.location) : null;
      if (place?.where !== 'outside') return [];
      return [
        {
          field: 'location',
          message: `培训地点「${p.location}」在${place.place}，不在柳州市行政区域内`,
          suggestion: '市内培训须在柳州市行政区域内举办；在柳州以外举办的，请把培训类别改为「市外」',
        },
      ];
    },
  },
  {
    id: 'in_city_place_named',
    needs: ['scope', 'mode', 'location'],
    severity: 'hard',
    notice: '市内培训项目须在本市行政区域内举办〔二(二)四〕',
    check: (p) => {
      const place = p.scope === '市内' && p.mode !== '线上' && p.location ? readPlace(p.location) : null;
      if (place?.where !== 'unknown') return [];
      return [
        {
          field: 'location',
          message: `培训地点「${p.location}」没有写明在柳州市哪个区县，无法确认在本市行政区域内`,
          suggestion: '请在地点前写明区县，例如「柳州市城中区……」；在柳州以外举办的，请把培训类别改为「市外」',
          question: `「${p.location}」在柳州市哪个区县？请写明，例如「柳州市城中区……」`,
        },
      ];
    },
  },
  {
    id: 'out_of_city_institution_named',
    needs: ['scope', 'institution'],
    severity: 'hard',
    notice: '市外培训项目原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕',
    check: (p) =>
      p.scope !== '市外' || p.institution
        ? []
        : [{ field: 'institution', message: '市外培训须填写承办机构，才能核对是否在培训基地名单内', suggestion: '例如「中国井冈山干部学院」' }],
  },
  {
    id: 'out_of_city_on_base_list',
    needs: ['scope', 'institution'],
    severity: 'soft',
    notice: '市外培训项目，原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕',
    check: (p, ctx) => {
      if (p.scope !== '市外' || !p.institution) return [];
      const m = matchBase(p.institution, ctx.bases);
      if (m.kind === 'exact') return [];
      return [
        {
          field: 'institution',
          message: `承办机构「${p.institution}」不在柳州市干部教育培训基地名单中`,
          suggestion:
            m.kind === 'near'
              ? `是不是「${m.suggestion.name}」？请按名单中的名称填写；确需选择名单外机构的，请填写情况说明`
              : '请从培训基地名单中选择承办机构；确需选择名单外机构的，请填写情况说明',
        },
      ];
    },
  },
  {
    id: 'out_of_city_month',
    needs: ['scope', 'month'],
    severity: 'soft',
    notice: '每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕',
    check: (p) =>
      p.scope !== '市外' || !RESTRICTED_MONTHS.includes(p.month)
        ? []
        : [
            {
              field: 'month',
              message: `市外培训安排在 ${p.month} 月，5-6 月和 11-12 月原则上不安排外出项目`,
              suggestion: `可改在 ${nearestAllowedMonths(p.month).join(' 月或 ')} 月；确需此时外出的，请填写情况说明`,
            },
          ],
  },
  {
    id: 'out_of_city_quota',
    needs: ['scope', 'sessions'],
    severity: 'soft',
    notice: '在编人员120人以上的单位原则上控制在每年1个班次；60-120人的单位每一至两年1个班次；60人以下的单位每三年以上1个班次〔二(二)二〕',
    check: (p, ctx) => {
      const mine = outOfCityClasses(p);
      if (mine === 0) return [];
      const staff = familyStaff(ctx.competent, ctx.units);
      const { years, rule } = quotaWindow(staff);
      // Every window of `years` consecutive plan years that contains this plan's year.
      for (let start = ctx.planYear - years + 1; start <= ctx.planYear; start++) {
        const span = Array.from({ length: years }, (_, i) => start + i);
        const used = span.map((y) => ({ y, n: ctx.outOfCityByYear.get(y) ?? 0 })).filter((x) => x.n > 0);
        const total = used.reduce((s, x) => s + x.n, 0) + mine;
        if (total <= 1) continue;
        const others = used.map((x) => `${x.y}年度 ${x.n} 个`).join('、');
        return [
          {
            field: 'scope',
            message:
              `本单位（含二层单位）在编 ${staff} 人，${rule.replace(/^.*?的单位/, '')}；` +
              `${years === 1 ? `${ctx.planYear}年度` : `${span[0]}–${span[span.length - 1]}年度`}` +
              `${others ? `已有市外班次 ${others}，` : ''}本计划为 ${mine} 个，合计 ${total} 个`,
            suggestion: '可改为市内培训或线上培训、与其他主管单位联合办班，或减少期数；确有需要的，请填写情况说明',
          },
        ];
      }
      return [];
    },
  },
  {
    id: 'joint_units_registered',
    needs: ['jointUnits'],
    severity: 'hard',
    notice: '鼓励各单位根据业务需要，联合两家或以上主管单位组织业务培训〔二(二)五〕',
    check: (p, ctx) =>
      p.jointUnits.flatMap((ref) => {
        const unit = findUnit(ref, ctx.units);
        if (!unit) return [{ field: 'jointUnits' as const, message: `联合办班单位「${ref}」不在单位名册中`, suggestion: '请填写对方的预算单位代码或名册中的单位全称' }];
        if (unit.code === ctx.competent.code) return [{ field: 'jointUnits' as const, message: '联合办班单位不能是本单位', suggestion: '请删除本单位' }];
        if (!isCompetent(unit)) {
          return [
            {
              field: 'jointUnits' as const,
              message: `「${unit.name}」是二层单位，联合办班应与其他主管单位联合`,
              suggestion: unit.parentCode ? `可填写其主管单位（${unit.parentCode}）` : undefined,
            },
          ];
        }
        return [];
      }),
  },
];

export function ruleById(id: RuleId): Rule {
  return RULES.find((r) => r.id === id)!;
}

const bySeverity = (a: Finding, b: Finding) => (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1);

/** All findings of a complete plan, hard ones first. */
export function check(plan: PlanData, ctx: RuleContext): Finding[] {
  return RULES.flatMap((r) => r.check(plan, ctx).map((f) => ({ ...f, rule: r.id, severity: r.severity, notice: r.notice }))).sort(bySeverity);
}

/** The findings of the rules whose fields are all answered: what a half-filled plan already breaks. */
export function checkPartial(draft: PlanDraft, ctx: RuleContext): Finding[] {
  return RULES.filter((r) => r.needs.every((k) => draft[k] !== undefined))
    .flatMap((r) => r.check(draft as PlanData, ctx).map((f) => ({ ...f, rule: r.id, severity: r.severity, notice: r.notice })))
    .sort(bySeverity);
}

export type Verdict =
  | { canSubmit: true; needsJustification: boolean }
  | { canSubmit: false; reason: 'hard'; blocking: Finding[] }
  | { canSubmit: false; reason: 'justification'; soft: Finding[] };

/** Hard findings block; soft findings need a written justification (情况说明) that reviewers will see. */
export function verdict(findings: readonly Finding[], justification: string | null | undefined): Verdict {
  const hard = findings.filter((f) => f.severity === 'hard');
  if (hard.length) return { canSubmit: false, reason: 'hard', blocking: hard };
  const soft = findings.filter((f) => f.severity === 'soft');
  if (soft.length && !justification?.trim()) return { canSubmit: false, reason: 'justification', soft };
  return { canSubmit: true, needsJustification: soft.length > 0 };
}
