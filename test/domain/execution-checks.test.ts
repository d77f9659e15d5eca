import { describe, expect, it } from 'vitest';
import { attendanceDeviations, EXEC_RULES, packageDeviations, packageProblems, storedDeviation } from '../../src/domain/execution-checks.ts';
import { ruleById } from '../../src/domain/rules.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { bases, plan } from './execution-fixtures.ts';
describe('a package against the notice and the approved plan [seed 一: the second listed problem]', () => {
  const pkg = { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '井冈山', headcount: 40, content: '课程' };
  const october = { start: '2026-10-12', end: '2026-10-14' };
  it.each([
    ['the same plan', {}, []],
    ['the same base under another of its names', { institution: '井冈山干部学院' }, []],
    ['another mode', { mode: '线上' }, ['package_mode:培训方式与批准的计划不一致：线下 → 线上']],
    ['another scope', { scope: '市内', institution: '中共柳州市委党校（柳州市行政学院）', location: '江西省井冈山市' }, [
      'package_scope:培训类别与批准的计划不一致：市外 → 市内',
      'package_institution:承办机构与批准的计划不一致：中国井冈山干部学院 → 中共柳州市委党校（柳州市行政学院）',
      'in_city_in_liuzhou:培训地点「江西省井冈山市」在江西省，不在柳州市行政区域内',
    ]],
    ['an institution off the base list', { institution: '某某培训中心' }, ['package_institution:承办机构与批准的计划不一致：中国井冈山干部学院 → 某某培训中心', 'out_of_city_on_base_list:承办机构「某某培训中心」不在柳州市干部教育培训基地名单中']],
    ['a near miss of a base', { institution: '井冈山干部学院培训部' }, ['package_institution:承办机构与批准的计划不一致：中国井冈山干部学院 → 井冈山干部学院培训部', 'out_of_city_on_base_list:承办机构「井冈山干部学院培训部」不在柳州市干部教育培训基地名单中（是否为「中国井冈山干部学院」？）']],
    ['more people than approved', { headcount: 50 }, ['package_headcount:参训人数多于批准的每期人数：40 → 50']],
    ['another venue', { location: '陕西省延安市' }, ['package_location:培训地点与批准的计划不一致：江西省井冈山市 → 陕西省延安市']],
  ])('%s', (_name, change, expected) => {
    expect(packageDeviations(plan, { ...pkg, ...change }, bases, october).map((d) => `${d.rule}:${d.message}`)).toEqual(expected);
  });

  const inCity: PlanDraft = { ...plan, scope: '市内', institution: null, location: '柳州市城中区市委党校' };
  const inPkg = { ...pkg, scope: '市内', institution: '', location: '柳州市城中区市委党校' };
  it.each([
    ['the planned venue', '柳州市城中区市委党校', []],
    ['the planned venue, said more precisely', '柳州市城中区市委党校三楼报告厅', []],
    ['another place in Liuzhou', '柳州市鹿寨县党校', ['package_location']],
    ['a place outside Liuzhou', '南宁市青秀区柳州大厦', ['package_location', 'in_city_in_liuzhou']],
  ])('an in-city class at %s', (_name, location, rules) => {
    expect(packageDeviations(inCity, { ...inPkg, location }, bases, october).map((d) => d.rule)).toEqual(rules);
  });

  it('an online class is held nowhere', () => {
    expect(packageDeviations(inCity, { ...inPkg, mode: '线上', location: '' }, bases, october).map((d) => d.rule)).toEqual(['package_mode']);
  });

  it.each([
    ['2026-04-30', '2026-04-30', []],
    ['2026-05-01', '2026-05-01', ['out_of_city_month:soft']],
    ['2026-04-29', '2026-05-02', ['out_of_city_month:soft']],
    ['2026-06-30', '2026-07-01', ['out_of_city_month:soft']],
    ['2026-07-01', '2026-07-01', []],
    ['2026-10-31', '2026-10-31', []],
    ['2026-10-31', '2026-11-01', ['out_of_city_month:soft']],
    ['2026-12-30', '2027-01-02', ['out_of_city_month:soft']],
  ])('a 市外 class %s–%s: %j', (start, end, expected) => {
    expect(packageDeviations(plan, pkg, bases, { start, end }).map((d) => `${d.rule}:${d.severity}`)).toEqual(expected);
  });

  it.each([
    ['市外', 60, []],
    ['市外', 61, ['attendance_over_cap:hard']],
    ['市内', 61, []],
  ])('attendance of a %s class: %i → %j [二(二)二]', (scope, attended, expected) => {
    const d = attendanceDeviations(scope, attended);
    expect(d.map((x) => `${x.rule}:${x.severity}`)).toEqual(expected);
    if (d.length) expect(d[0]).toMatchObject({ message: '市外培训签到 61 人，超过每班次 60 人的上限', notice: '市外培训项目每班次不超过60人〔二(二)二〕' });
  });
});

describe('a package is judged by the plan rules themselves [二(二)二-四]', () => {
  const october = { start: '2026-10-12', end: '2026-10-14' };
  const pkg = { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: 40, content: '课程' };
  it.each([
    // change → the fields it cannot be saved with, by the plan rule that says so
    ['市外, 60 people', { headcount: 60 }, []],
    ['市外, 61 people', { headcount: 61 }, ['headcount:out_of_city_max_60']],
    ['市内, 61 people', { scope: '市内', institution: '', location: '柳州市城中区', headcount: 61 }, []],
    ['市外 with no institution', { institution: '' }, ['institution:out_of_city_institution_named']],
    ['市内 at a venue naming no district', { scope: '市内', location: '市委党校' }, ['location:in_city_place_named']],
    ['线下 with no venue', { location: '' }, ['location:venue_named']],
    ['线上 with no venue', { mode: '线上', location: '' }, []],
    ['no mode given (its own error), no venue', { mode: null, location: '' }, []],
  ] as const)('%s → %j', (_name, change, expected) => {
    expect(Object.entries(packageProblems({ ...pkg, ...change }, october)).map(([k, f]) => `${k}:${f.rule}`)).toEqual(expected);
  });

  it('says what the plan rule says: an unclear venue is asked about, with a fix that keeps the approved scope', () => {
    expect(packageProblems({ ...pkg, scope: '市内', location: '市委党校' }, october).location).toMatchObject({
      message: '「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」',
      suggestion: '请在地点前写明区县，例如「柳州市城中区……」',
      notice: ruleById('in_city_place_named').notice,
    });
  });

  it('flags a 市内 class held outside Liuzhou with the plan rule and a fix for a class already approved', () => {
    const [flag] = packageDeviations({ ...plan, scope: '市内', location: '南宁市青秀区' }, { ...pkg, scope: '市内', institution: '', location: '南宁市青秀区' }, bases, october).filter((d) => d.rule === 'in_city_in_liuzhou');
    expect(flag).toMatchObject({ field: 'location', planned: '柳州市行政区域内', actual: '南宁市青秀区', suggestion: '市内培训须在柳州市行政区域内举办；确需到外地举办的，须按市外培训报批' });
  });

  it('the cap on attendance and the restricted months are the plan rules\' limits and words', () => {
    expect(EXEC_RULES.attendance_over_cap.notice).toBe(ruleById('out_of_city_max_60').notice);
    expect(EXEC_RULES.out_of_city_month).toMatchObject({ severity: 'soft', notice: ruleById('out_of_city_month').notice });
    const [month] = packageDeviations(plan, pkg, bases, { start: '2026-05-11', end: '2026-05-12' });
    expect(month).toMatchObject({ planned: '1-4 月、7-10 月', actual: '5月' });
  });

  it.each([
    // a flag stored before flags had a rule gets the rule of its field
    ['base', 'out_of_city_on_base_list', 'soft'],
    ['attended', 'attendance_over_cap', 'hard'],
    ['mode', 'package_mode', 'hard'],
  ] as const)('a stored %s flag without a rule is read as %s (%s)', (field, rule, severity) => {
    expect(storedDeviation({ field, message: '旧的标记' })).toMatchObject({ rule, severity, message: '旧的标记', planned: '', actual: '' });
  });
});
