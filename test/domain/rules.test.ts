import { describe, expect, it } from 'vitest';
import type { PlanData } from '../../src/domain/plan.ts';
import { check, checkPartial, quotaWindow, RULES, verdict, type RuleContext, type RuleId } from '../../src/domain/rules.ts';
import type { TrainingBase } from '../../src/domain/training-bases.ts';
import type { Unit } from '../../src/domain/units.ts';

const unit = (code: string, name: string, staff: number, parentCode: string | null = null): Unit => ({
  code, name, parentCode, staffCount: staff, contactName: null, contactMobile: null,
});

const HRSS = unit('101001', '柳州市人力资源和社会保障局', 70);
const CENTER = unit('101002', '柳州市就业服务中心', 30, '101001'); // second-tier: family staff 100
const FINANCE = unit('102001', '柳州市财政局', 90);
const FIN_CHILD = unit('102002', '柳州市财政局票据中心', 8, '102001');
const UNITS = [HRSS, CENTER, FINANCE, FIN_CHILD];
const BASES: TrainingBase[] = [{ name: '中共柳州市委党校（柳州市行政学院）', city: '柳州', aliases: [] }, { name: '中国井冈山干部学院', city: '井冈山', aliases: [] }];

const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  planYear: 2027, competent: HRSS, units: UNITS, bases: BASES, outOfCityByYear: new Map(), ...over,
});

const inCity: PlanData = {
  budgetCode: '101001', unitName: '柳州市人力资源和社会保障局', title: '2027年度人社业务能力提升培训班', scope: '市内', mode: '线下',
  audience: '业务科室工作人员', headcount: 45, sessions: 1, days: 3, month: 10, location: '柳州市城中区市委党校', institution: null,
  budget: 36000, jointUnits: [], contactName: '李明', contactPhone: '0772-2825472', remarks: null, justification: null,
};
const outCity: PlanData = { ...inCity, scope: '市外', location: '江西省井冈山市', institution: '中国井冈山干部学院', headcount: 40, month: 9 };

const rulesOf = (p: PlanData, c = ctx()) => check(p, c).map((f) => `${f.rule}:${f.severity}`);

const family = (competentStaff: number, childStaff: number) => {
  const c = unit('300001', '某委', competentStaff);
  return { competent: c, units: [c, unit('300002', '某委下属中心', childStaff, '300001')] };
};
const quota = (competentStaff: number, childStaff: number, history: [number, number][]) => ({ ...family(competentStaff, childStaff), outOfCityByYear: new Map(history) });
const ofFamily = { ...outCity, budgetCode: '300001', unitName: '某委' };

type Row = readonly [what: string, plan: PlanData, fires: boolean, context?: Partial<RuleContext>];

/**
 * Every rule at its limit: a row that passes and a row that fails (and, for a rule about some plans only, a
 * row of the others). Adding a rule to domain/rules.ts adds its rows here; the type asks for them.
 */
const TABLE: { [I in RuleId]: readonly Row[] } = {
  budget_code_registered: [
    ['a code in the registry', inCity, false],
    ['a code not in the registry', { ...inCity, budgetCode: '999999' }, true],
  ],
  budget_code_in_family: [
    ['a second-tier unit of the declarant', { ...inCity, budgetCode: '101002', unitName: '柳州市就业服务中心' }, false],
    ['another competent unit', { ...inCity, budgetCode: '102001', unitName: '柳州市财政局' }, true],
  ],
  unit_name_matches: [
    ['the registry\'s name', inCity, false],
    ['another unit\'s name', { ...inCity, unitName: '柳州市财政局' }, true],
  ],
  out_of_city_max_60: [
    ['市外, 60 people', { ...outCity, headcount: 60 }, false],
    ['市外, 61 people', { ...outCity, headcount: 61 }, true],
    ['市内, 61 people', { ...inCity, headcount: 61 }, false],
  ],
  in_city_min_30: [
    ['市内, 30 people', { ...inCity, headcount: 30 }, false],
    ['市内, 29 people', { ...inCity, headcount: 29 }, true],
    ['市外, 29 people', { ...outCity, headcount: 29 }, false],
  ],
  venue_named: [
    ['线下 at a venue', inCity, false],
    ['线下 with no venue', { ...inCity, location: null }, true],
    ['线上线下结合 with no venue', { ...inCity, mode: '线上线下结合', location: null }, true],
    ['线上 with no venue', { ...inCity, mode: '线上', location: null }, false],
  ],
  in_city_in_liuzhou: [
    ['市内 in a district of Liuzhou', inCity, false],
    ['市内 in Nanning', { ...inCity, location: '南宁市青秀区柳州大厦' }, true],
    ['市外 in Nanning', { ...outCity, location: '南宁市青秀区柳州大厦' }, false],
    ['市内 online, a venue in Nanning', { ...inCity, mode: '线上', location: '南宁市青秀区柳州大厦' }, false],
  ],
  in_city_place_named: [
    ['市内 naming its district', inCity, false],
    ['市内 naming no place', { ...inCity, location: '市委党校' }, true],
    ['市外 naming no place', { ...outCity, location: '市委党校' }, false],
  ],
  out_of_city_institution_named: [
    ['市外 with an institution', outCity, false],
    ['市外 with none', { ...outCity, institution: null }, true],
    ['市内 with none', { ...inCity, institution: null }, false],
  ],
  out_of_city_on_base_list: [
    ['市外 at a listed base', outCity, false],
    ['市外 at a near miss', { ...outCity, institution: '中国井岗山干部学院' }, true],
    ['市外 elsewhere', { ...outCity, institution: '某某培训公司' }, true],
    ['市内 elsewhere', { ...inCity, institution: '某某培训公司' }, false],
  ],
  out_of_city_month: [
    ['市外 in April', { ...outCity, month: 4 }, false],
    ['市外 in May', { ...outCity, month: 5 }, true],
    ['市外 in June', { ...outCity, month: 6 }, true],
    ['市外 in July', { ...outCity, month: 7 }, false],
    ['市外 in October', { ...outCity, month: 10 }, false],
    ['市外 in November', { ...outCity, month: 11 }, true],
    ['市外 in December', { ...outCity, month: 12 }, true],
    ['市内 in May', { ...inCity, month: 5 }, false],
  ],
  out_of_city_quota: [
    ['120 staff, one last year', ofFamily, false, quota(100, 20, [[2026, 1]])],
    ['120 staff, another this year', ofFamily, true, quota(100, 20, [[2027, 1]])],
    ['61 staff, one two years ago', ofFamily, false, quota(50, 11, [[2025, 1]])],
    ['61 staff, one last year', ofFamily, true, quota(50, 11, [[2026, 1]])],
    ['60 staff, one three years ago', ofFamily, false, quota(40, 20, [[2024, 1]])],
    ['60 staff, one two years ago', ofFamily, true, quota(40, 20, [[2025, 1]])],
    ['150 staff, two sessions of this plan', { ...ofFamily, sessions: 2 }, true, quota(150, 0, [])],
    ['市内, 60 staff, one last year', { ...inCity, budgetCode: '300001', unitName: '某委' }, false, quota(40, 20, [[2026, 1]])],
  ],
  joint_units_registered: [
    ['another competent unit, by code and by name', { ...inCity, jointUnits: ['102001', '柳州市财政局'] }, false],
    ['a second-tier unit', { ...inCity, jointUnits: ['102002'] }, true],
    ['the declarant itself', { ...inCity, jointUnits: ['101001'] }, true],
    ['a unit not in the registry', { ...inCity, jointUnits: ['不存在的局'] }, true],
  ],
};

describe('every rule at its limit (one table; a new rule adds its rows)', () => {
  const rows = Object.entries(TABLE).flatMap(([id, rs]) => rs.map(([what, plan, fires, context]) => [id, what, fires, plan, context] as const));
  it.each(rows)('%s: %s → fires %s', (id, _what, fires, plan, context) => {
    const c = ctx(context);
    expect(check(plan, c).some((f) => f.rule === id)).toBe(fires);
    // Half-filled, with only the fields the rule reads, it says the same.
    const rule = RULES.find((r) => r.id === id)!;
    const partial = Object.fromEntries(rule.needs.map((k) => [k, plan[k]]));
    expect(checkPartial(partial, c).some((f) => f.rule === id)).toBe(fires);
  });

  it.each(RULES.map((r) => [r.id]))('%s has a row that passes and one that fails', (id) => {
    expect(TABLE[id].map(([, , fires]) => fires).sort()).toEqual(expect.arrayContaining([false, true]));
  });
});

describe('the notice\'s rules at their boundaries', () => {
  it('a clean in-city and a clean out-of-city plan have no findings', () => {
    expect(check(inCity, ctx())).toEqual([]);
    expect(check(outCity, ctx())).toEqual([]);
  });

  it.each([
    [60, []],
    [61, ['out_of_city_max_60:hard']],
  ])('out-of-city headcount %i → %j', (headcount, expected) => {
    expect(rulesOf({ ...outCity, headcount })).toEqual(expected);
  });

  it('suggests splitting an oversized out-of-city class', () => {
    const f = check({ ...outCity, headcount: 70 }, ctx())[0]!;
    expect(f.suggestion).toContain('可分两期各 35 人');
    expect(f.notice).toContain('每班次不超过60人');
  });

  it.each([
    [29, ['in_city_min_30:soft']],
    [30, []],
  ])('in-city headcount %i → %j', (headcount, expected) => {
    expect(rulesOf({ ...inCity, headcount })).toEqual(expected);
  });

  it.each([
    [4, []], [5, ['out_of_city_month:soft']], [6, ['out_of_city_month:soft']], [7, []],
    [10, []], [11, ['out_of_city_month:soft']], [12, ['out_of_city_month:soft']],
  ])('out-of-city in month %i → %j', (month, expected) => {
    expect(rulesOf({ ...outCity, month })).toEqual(expected);
  });

  it('in-city classes may be held in any month', () => {
    expect(rulesOf({ ...inCity, month: 5 })).toEqual([]);
  });

  it.each([
    ['融水苗族自治县思源实验学校', []],
    ['三江侗族自治县', []],
    ['鹿寨县党校', []],
    ['柳州市委党校', []],
    ['桂林市七星区', ['in_city_in_liuzhou:hard']],
    // The examples: Liuzhou's names after another place do not make it Liuzhou.
    ['南宁市青秀区柳州大厦', ['in_city_in_liuzhou:hard']],
    ['上海市徐汇区柳州路', ['in_city_in_liuzhou:hard']],
    ['广东省融安路', ['in_city_in_liuzhou:hard']],
    // No city or district: a question, not a verdict of being outside.
    ['市委党校', ['in_city_place_named:hard']],
    ['农贸市场', ['in_city_place_named:hard']],
  ])('in-city location %j → %j', (location, expected) => {
    expect(rulesOf({ ...inCity, location })).toEqual(expected);
  });

  it('says where an outside venue is and suggests 市外; asks about a venue that names no place', () => {
    const [outside] = check({ ...inCity, location: '南宁市青秀区柳州大厦' }, ctx());
    expect(outside).toMatchObject({
      message: '培训地点「南宁市青秀区柳州大厦」在南宁市，不在柳州市行政区域内',
      notice: '市内培训项目须在本市行政区域内举办〔二(二)四〕',
    });
    expect(outside!.suggestion).toContain('请把培训类别改为「市外」');
    const [unknown] = check({ ...inCity, location: '市委党校' }, ctx());
    expect(unknown!.question).toBe('「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」');
  });

  it.each([
    // mode, location → findings: an online class needs no venue and is not held anywhere.
    ['线上', null, []],
    ['线上', '上海市徐汇区柳州路', []],
    ['线上', '市委党校', []],
    ['线下', null, ['venue_named:hard']],
    ['线上线下结合', null, ['venue_named:hard']],
    ['线上线下结合', '南宁市青秀区', ['in_city_in_liuzhou:hard']],
  ] as const)('in-city, %s, venue %j → %j', (mode, location, expected) => {
    expect(rulesOf({ ...inCity, mode, location })).toEqual(expected);
  });

  it('an out-of-city class may be anywhere (and online needs no venue)', () => {
    expect(rulesOf({ ...outCity, location: '市委党校' })).toEqual([]);
    expect(rulesOf({ ...outCity, mode: '线上', location: null })).toEqual([]);
    expect(rulesOf({ ...outCity, location: null })).toEqual(['venue_named:hard']);
  });

  it.each([
    ['中共柳州市委党校（柳州市行政学院）', []],
    ['中共柳州市委党校(柳州市行政学院)', []], // half-width brackets
    ['中国井岗山干部学院', ['out_of_city_on_base_list:soft']],
    ['某某培训公司', ['out_of_city_on_base_list:soft']],
    [null, ['out_of_city_institution_named:hard']],
  ])('out-of-city institution %j → %j', (institution, expected) => {
    expect(rulesOf({ ...outCity, institution })).toEqual(expected);
  });

  it('names the closest official base in the message: a package flag shows only the message', () => {
    expect(check({ ...outCity, institution: '中国井岗山干部学院' }, ctx())[0]).toMatchObject({
      message: '承办机构「中国井岗山干部学院」不在柳州市干部教育培训基地名单中（是否为「中国井冈山干部学院」？）',
      suggestion: '请按名单中的名称填写；确需选择名单外机构的，请填写情况说明',
    });
  });

  it('checks the budget code, the unit family and the unit name', () => {
    expect(rulesOf({ ...inCity, budgetCode: '999999' })).toEqual(['budget_code_registered:hard']);
    expect(rulesOf({ ...inCity, budgetCode: '101002', unitName: '柳州市就业服务中心' })).toEqual([]);
    expect(rulesOf({ ...inCity, budgetCode: '102001', unitName: '柳州市财政局' })).toEqual(['budget_code_in_family:hard']);
    expect(rulesOf({ ...inCity, unitName: '柳州市财政局' })).toEqual(['unit_name_matches:hard']);
  });

  it('checks joint units: another competent unit in the registry', () => {
    expect(rulesOf({ ...inCity, jointUnits: ['102001', '柳州市财政局'] })).toEqual([]);
    expect(rulesOf({ ...inCity, jointUnits: ['不存在的局'] })).toEqual(['joint_units_registered:hard']);
    expect(rulesOf({ ...inCity, jointUnits: ['101001'] })).toEqual(['joint_units_registered:hard']);
    expect(rulesOf({ ...inCity, jointUnits: ['102002'] })).toEqual(['joint_units_registered:hard']);
  });
});

describe('the out-of-city quota by staff size', () => {
  it.each([
    [60, 3], [61, 2], [119, 2], [120, 1],
  ])('%i staff → at most one class in any %i consecutive years', (staff, years) => {
    expect(quotaWindow(staff).years).toBe(years);
  });

  const family = (competentStaff: number, childStaff: number) => {
    const c = unit('300001', '某委', competentStaff);
    return { competent: c, units: [c, unit('300002', '某委下属中心', childStaff, '300001')] };
  };
  const plan = { ...outCity, budgetCode: '300001', unitName: '某委' };
  const withHistory = (staffCompetent: number, staffChild: number, history: [number, number][]) =>
    rulesOf(plan, ctx({ ...family(staffCompetent, staffChild), outOfCityByYear: new Map(history) }));

  it('counts the competent unit with its second-tier units: 100 + 20 = 120 staff → one a year', () => {
    expect(withHistory(100, 20, [[2026, 1]])).toEqual([]); // last year does not matter at ≥ 120
    expect(withHistory(100, 20, [[2027, 1]])).toEqual(['out_of_city_quota:soft']); // another plan this year
  });

  it('61–119 staff: one in any two consecutive years', () => {
    expect(withHistory(50, 11, [[2025, 1]])).toEqual([]);
    expect(withHistory(50, 11, [[2026, 1]])).toEqual(['out_of_city_quota:soft']);
    expect(withHistory(50, 11, [[2028, 1]])).toEqual(['out_of_city_quota:soft']); // an approved plan next year
  });

  it('60 staff or fewer: one in any three consecutive years', () => {
    expect(withHistory(40, 20, [[2024, 1]])).toEqual([]);
    expect(withHistory(40, 20, [[2025, 1]])).toEqual(['out_of_city_quota:soft']);
    expect(withHistory(40, 20, [[2029, 1]])).toEqual(['out_of_city_quota:soft']);
    expect(withHistory(40, 20, [[2030, 1]])).toEqual([]);
  });

  it('a plan of two out-of-city sessions alone uses two classes', () => {
    expect(withHistory(150, 0, [])).toEqual([]);
    expect(rulesOf({ ...plan, sessions: 2 }, ctx({ ...family(150, 0) }))).toEqual(['out_of_city_quota:soft']);
  });

  it('explains the count in the message', () => {
    const f = check(plan, ctx({ ...family(50, 11), outOfCityByYear: new Map([[2026, 1]]) }))[0]!;
    expect(f.message).toBe('本单位（含二层单位）在编 61 人，原则上控制在每一至两年1个班次；2026–2027年度已有市外班次 2026年度 1 个，本计划为 1 个，合计 2 个');
  });
});

describe('verdict', () => {
  it('hard findings block; soft ones need a justification', () => {
    expect(verdict(check({ ...outCity, headcount: 61 }, ctx()), '说明')).toMatchObject({ canSubmit: false, reason: 'hard' });
    const soft = check({ ...outCity, month: 5 }, ctx());
    expect(verdict(soft, '')).toMatchObject({ canSubmit: false, reason: 'justification' });
    expect(verdict(soft, '承担全国会议保障任务，只能5月外出')).toEqual({ canSubmit: true, needsJustification: true });
    expect(verdict([], null)).toEqual({ canSubmit: true, needsJustification: false });
  });

  it('lists hard findings before soft ones', () => {
    expect(rulesOf({ ...outCity, headcount: 61, month: 12 })).toEqual(['out_of_city_max_60:hard', 'out_of_city_month:soft']);
  });
});
