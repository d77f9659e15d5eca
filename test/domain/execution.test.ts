import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/domain/dates.ts';
import { groupHistory, readHistoryRow, type HistoryKey } from '../../src/domain/execution-history.ts';
import { attendanceDeviations, backfillSlots, checkClassDates, classAlertSlots, classTimeline, dueText, packageDeviations, planOutcome, readStep, tentativeYears, type StepRecord } from '../../src/domain/execution.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/reminders.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

// 2026 around National Day (State Council schedule, as chinese-days has it): Fri Sep 25 (中秋) and Oct 1–7 are
// off; Sun Sep 20 and Sat Oct 10 are make-up working days.
const cal = new WorkCalendar();
const at = (iso: string) => new Date(`${iso}+08:00`);
const plan: PlanDraft = { title: '业务能力提升培训班', scope: '市外', mode: '线下', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: 40, sessions: 2, days: 3, budget: 60000 };
const bases = [
  { name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] },
  { name: '中共柳州市委党校（柳州市行政学院）', city: '柳州', aliases: ['柳州市委党校'] },
];

describe('due dates of the six steps count working days', () => {
  it.each([
    // start, end, steps 1–3 due (5 working days before), steps 4–6 due (5 working days after)
    ['2026-10-12', '2026-10-14', '2026-09-29', '2026-10-21'], // back over National Day and the make-up Saturday Oct 10
    ['2026-09-28', '2026-09-30', '2026-09-20', '2026-10-13'], // back over 中秋 to the make-up Sunday Sep 20; forward over National Day, Sat Oct 10 counts
    ['2026-03-09', '2026-03-11', '2026-03-02', '2026-03-18'], // ordinary weeks
  ])('class %s–%s: ①②③ by %s, ④⑤⑥ by %s', (start, end, before, after) => {
    const t = classTimeline({ start, end }, new Map(), cal, at('2026-01-05T10:00:00'));
    expect(t.map((s) => s.due)).toEqual([before, before, before, after, after, after]);
  });

  it('marks steps done on time, done late, overdue, due soon and blocked', () => {
    const rec = (step: 1 | 2 | 3 | 4 | 5 | 6, reportedAt: string, status: StepRecord['status'] = 'done', source = 'chat'): StepRecord => ({ step, status, data: {}, reportedAt: at(reportedAt), source });
    const steps = new Map([
      [1, rec(1, '2026-09-20T10:00:00')],
      [2, rec(2, '2026-09-29T23:00:00')], // the due day itself: on time
      [3, rec(3, '2026-09-30T09:00:00')], // a day late
    ] as const);
    const t = classTimeline({ start: '2026-10-12', end: '2026-10-14' }, steps, cal, at('2026-10-16T10:00:00'));
    expect(t.map((s) => [s.step, s.done, s.late, s.overdue, s.dueSoon, s.blockedBy])).toEqual([
      [1, true, false, false, false, null],
      [2, true, false, false, false, null],
      [3, true, true, false, false, null],
      [4, false, null, false, true, null],
      [5, false, null, false, true, null],
      [6, false, null, false, true, null],
    ]);
    const before = classTimeline({ start: '2026-10-12', end: '2026-10-14' }, new Map(), cal, at('2026-09-30T10:00:00'));
    // ②③ wait for the package to be sent, not for its review; ④⑤⑥ for the class to start.
    expect(before.map((s) => [s.overdue, s.blockedBy])).toEqual([
      [true, null],
      [true, '请先报送①培训包'],
      [true, '请先报送①培训包'],
      [false, '开班（2026年10月12日）后才能填报'],
      [false, '开班（2026年10月12日）后才能填报'],
      [false, '开班（2026年10月12日）后才能填报'],
    ]);
    const backfilled = classTimeline({ start: '2022-05-09', end: '2022-05-10' }, new Map([[1, rec(1, '2026-11-01T10:00:00', 'done', 'backfill')]]), cal, at('2026-11-02T10:00:00'));
    expect(backfilled[0]!.late).toBeNull(); // entered afterwards: timeliness not judged
  });
});

describe('alerts of a class', () => {
  const show = (start: string, end: string) =>
    Object.fromEntries(classAlertSlots({ id: 7, start, end, createdAt: at('2026-08-01T10:00:00') }, DEFAULT_SCHEDULE, cal).map((s) => [s.kind, formatDateTime(s.effective)]));

  it('counts working days around National Day and the make-up Saturday', () => {
    expect(show('2026-10-12', '2026-10-14')).toEqual({
      exec_pre7: '2026年9月24日 09:00', // the 7th working day before: Sep 25 is 中秋, 26–27 a weekend
      exec_pre5: '2026年9月29日 09:00', // the due day of ①②③
      exec_started: '2026年10月12日 08:30',
      exec_post3: '2026年10月19日 09:00',
      exec_overdue: '2026年10月22日 09:00', // the first working day after the due day Oct 21
    });
    expect(show('2026-09-28', '2026-09-30')).toMatchObject({
      exec_post3: '2026年10月10日 09:00', // the make-up Saturday is a working day
      exec_overdue: '2026年10月14日 09:00',
    });
  });

  it('a class recorded after its start is reported as soon as it is recorded (in waking hours)', () => {
    const late = classAlertSlots({ id: 8, start: '2026-10-12', end: '2026-10-14', createdAt: at('2026-10-13T21:40:00') }, DEFAULT_SCHEDULE, cal);
    expect(formatDateTime(late.find((s) => s.kind === 'exec_started')!.effective)).toBe('2026年10月14日 08:30');
    const day = classAlertSlots({ id: 9, start: '2026-10-12', end: '2026-10-14', createdAt: at('2026-10-13T10:05:00') }, DEFAULT_SCHEDULE, cal);
    expect(formatDateTime(day.find((s) => s.kind === 'exec_started')!.effective)).toBe('2026年10月13日 10:05');
  });

  it('补录 reminders before Dec 31: 30, 14, 7, 3, 1 days before and on the day, moved off non-working days', () => {
    const slots = backfillSlots(at('2027-01-01T00:00:00'), DEFAULT_SCHEDULE, cal);
    expect(slots.map((s) => formatDateTime(s.effective))).toEqual([
      '2026年12月1日 09:00',
      '2026年12月17日 09:00',
      '2026年12月24日 09:00',
      '2026年12月28日 09:00',
      '2026年12月30日 09:00',
      '2026年12月31日 09:00',
    ]);
  });
});

describe('reading a step', () => {
  const ctx = { today: '2026-10-16', plan, start: '2026-10-12', end: '2026-10-14', earlier: { 3: { registered: 45, accepted: 40 } } };
  const BEFORE = '依据：开展培训前五个工作日上报培训包审核、发布培训项目、培训报名审核等信息数据，经市工作领导小组审核后方可开班〔一、二(一)4〕';
  it.each([
    // Values that cannot be read say what is expected; a rule's verdict also gives the fix and the notice.
    [1, { mode: '线下', scope: '市外', institution: '', location: '井冈山', headcount: '40', content: '课程' }, { institution: '市外培训须填写承办机构（原则上为柳州市干部教育培训基地名单内的机构）。建议：请填写承办机构，例如「中国井冈山干部学院」。依据：市外培训项目，原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕' }],
    [1, { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '井冈山', headcount: '65', content: '课程' }, { headcount: '市外培训每期 65 人，超过 60 人。建议：分期举办，每期不超过 60 人。依据：市外培训项目每班次不超过60人〔二(二)二〕' }],
    [1, { mode: '线下', scope: '市内', institution: '', location: '市委党校', headcount: '40', content: '课程' }, { location: '「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」。建议：请在地点前写明区县，例如「柳州市城中区……」。依据：市内培训项目须在本市行政区域内举办〔二(二)四〕' }],
    [1, { mode: '线下', scope: '市内', institution: '', location: '', headcount: '40', content: '课程' }, { location: '线下培训须填写培训地点。建议：请写明举办的地点；全部线上授课的，培训方式请选「线上」。依据：市内培训项目须在本市行政区域内举办〔二(二)四〕' }],
    [1, { mode: '线上', scope: '市内', institution: '', location: '', headcount: '200', content: '课程' }, null], // online: no venue
    [2, { publishedOn: '2026-10-13 +0800' }, { publishedOn: `发布日期（2026年10月13日）晚于开班日期（2026年10月12日）。建议：请核对发布日期；开班日期有变的，请先在卡片上「修改日期」。${BEFORE}` }],
    [2, { publishedOn: '2026-10-20' }, { publishedOn: '发布日期不能晚于今天' }],
    [3, { registered: '30', accepted: '35' }, { accepted: '审核通过人数（35）多于报名人数（30）。建议：请核对报名人数和审核通过人数。依据：补录内容为培训包审核、发布培训项目、培训报名审核、学员签到、教培管理、结算金额等六个步骤信息〔一〕' }],
    [4, { attended: '四十' }, null],
    [4, { attended: '-1' }, { attended: '签到人数应为整数，例如：44' }],
    [5, { teachers: '王芳', courses: '政策解读', hours: '40' }, { hours: '这一期共 3 天，学时不能超过 36。建议：请核对学时（每天最多 12 学时）或这一期的日期。依据：培训结束后五个工作日内完成学员签到、教培管理、结算金额等信息录入；未完成项目信息的单位，将调减该单位下一年度培训预算〔一、二(一)5〕' }],
    [6, { amount: '3.5万' }, null],
    [6, { amount: '12.345' }, { amount: '结算金额（元）应为不小于 0 的金额，最多两位小数，例如：35800.50' }],
  ] as const)('step %i %j', (step, raw, errors) => {
    const r = readStep(step, raw, ctx);
    if (errors) expect(r.ok ? null : r.errors).toEqual(errors);
    else expect(r.ok).toBe(true);
  });

  it('names the rule of each verdict among the errors', () => {
    const r = readStep(2, { publishedOn: '2026-10-13' }, ctx);
    expect(r.ok ? [] : r.findings.map((f) => [f.rule, f.severity])).toEqual([['published_after_start', 'hard']]);
  });

  it('warns about attendance beyond registrations and the plan, with the notice', () => {
    const r = readStep(4, { attended: '48' }, ctx);
    expect(r.ok && r.warnings.map((w) => [w.rule, w.message])).toEqual([
      ['attendance_over_accepted', '签到人数（48）多于报名审核通过人数（40）'],
      ['attendance_over_plan', '签到人数（48）多于计划的每期人数（40）'],
    ]);
    expect(r.ok && r.warnings[1]!.notice).toContain('〔一〕');
  });

  describe('a 市外 package with a day in May–June or November–December needs a 情况说明 [二(二)三]', () => {
    const pkg = { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: '40', content: '课程' };
    const at2026 = (start: string, end: string) => ({ ...ctx, today: '2026-01-05', start, end });
    it.each([
      ['2026-04-30', '2026-04-30', false],
      ['2026-05-01', '2026-05-01', true],
      ['2026-04-29', '2026-05-02', true], // spans Apr 29–May 2
      ['2026-06-30', '2026-06-30', true],
      ['2026-07-01', '2026-07-03', false],
      ['2026-10-31', '2026-10-31', false],
      ['2026-11-01', '2026-11-01', true],
      ['2026-10-29', '2026-11-02', true],
    ])('%s–%s: asked %s', (start, end, asked) => {
      const r = readStep(1, pkg, at2026(start, end));
      expect(!r.ok && Object.keys(r.errors)).toEqual(asked ? ['justification'] : false);
      expect(readStep(1, { ...pkg, justification: '承担全国性会议保障任务，只能此时外出' }, at2026(start, end)).ok).toBe(true);
    });

    it('says why and how', () => {
      const r = readStep(1, pkg, at2026('2026-04-29', '2026-05-02'));
      expect(!r.ok && r.errors.justification).toBe(
        '市外培训（4月29日–5月2日）有培训日在 5 月，5-6月和11-12月原则上不安排外出项目，须填写情况说明。建议：可改在其他月份开班；确需此时外出的，请在「情况说明」中写明理由（审核人员会看到）。依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕',
      );
    });

    it('a 市内 class may run in May', () => {
      expect(readStep(1, { ...pkg, scope: '市内', institution: '', location: '柳州市城中区' }, at2026('2026-05-11', '2026-05-12')).ok).toBe(true);
    });
  });

  it('checks class dates: inside the plan year, end after start, as long as planned', () => {
    const base = { planYear: 2026, planDays: 3, today: '2026-10-05', cal, packageApproved: false };
    expect(checkClassDates({ start: '2027-01-04 +0800', end: '2027-01-06 +0800' }, base)).toEqual({ ok: false, errors: { start: '开班日期应在计划年度 2026 年内' } });
    expect(checkClassDates({ start: '2026-10-12', end: '2026-10-11' }, base)).toEqual({ ok: false, errors: { end: '结班日期不能早于开班日期' } });
    expect(checkClassDates({ start: '2026-10-12', end: '2026-10-13' }, base)).toEqual({
      ok: true,
      dates: { start: '2026-10-12', end: '2026-10-13' },
      warnings: ['这一期 2 天，批准的计划为每期 3 天', '培训包须在开班前 5 个工作日（9月29日前）报送审核，现在已过期限；请尽快报送培训包，或推迟开班〔通知 一、二(一)4〕'],
    });
  });
});

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
      'in_city_held_outside:市内培训在江西省举办（江西省井冈山市），不在柳州市行政区域内',
    ]],
    ['an institution off the base list', { institution: '某某培训中心' }, ['package_institution:承办机构与批准的计划不一致：中国井冈山干部学院 → 某某培训中心', 'package_base:市外培训的承办机构「某某培训中心」不在柳州市干部教育培训基地名单内']],
    ['a near miss of a base', { institution: '井冈山干部学院培训部' }, ['package_institution:承办机构与批准的计划不一致：中国井冈山干部学院 → 井冈山干部学院培训部', 'package_base:市外培训的承办机构「井冈山干部学院培训部」不在柳州市干部教育培训基地名单内（是否为「中国井冈山干部学院」？）']],
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
    ['a place outside Liuzhou', '南宁市青秀区柳州大厦', ['package_location', 'in_city_held_outside']],
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

describe('lateness is the unit\'s, not the reviewer\'s', () => {
  // Class Oct 12–14, 2026: ①②③ due Sep 29.
  const oct = { start: '2026-10-12', end: '2026-10-14' };
  const pkg = (status: StepRecord['status'], sent: string, reviewed?: string): StepRecord => ({ step: 1, status, data: {}, reportedAt: at(sent), reviewedAt: reviewed ? at(reviewed) : null, source: 'chat' });
  it.each([
    // package, as of → overdue, late, owed
    ['sent in time, waiting for a review past the due day', pkg('submitted', '2026-09-28T10:00:00'), '2026-10-09T10:00:00', false, null, false],
    ['sent in time, approved after the due day', pkg('done', '2026-09-28T10:00:00', '2026-10-09T10:00:00'), '2026-10-09T11:00:00', false, false, false],
    ['sent on the due day itself, approved later', pkg('done', '2026-09-29T23:00:00', '2026-10-08T10:00:00'), '2026-10-09T11:00:00', false, false, false],
    ['sent late, waiting', pkg('submitted', '2026-09-30T10:00:00'), '2026-10-09T10:00:00', true, null, false],
    ['sent late, approved', pkg('done', '2026-09-30T10:00:00', '2026-09-30T15:00:00'), '2026-10-09T10:00:00', false, true, false],
    ['sent in time, returned in time, not sent again', pkg('returned', '2026-09-20T10:00:00', '2026-09-22T10:00:00'), '2026-10-09T10:00:00', true, null, true],
    ['sent in time, returned after the due day', pkg('returned', '2026-09-28T10:00:00', '2026-10-08T10:00:00'), '2026-10-09T10:00:00', false, null, true],
  ])('%s', (_name, record, asOf, overdue, late, owed) => {
    const [s1, s2] = classTimeline(oct, new Map([[1, record]]), cal, at(asOf));
    expect([s1!.overdue, s1!.late, s1!.owed]).toEqual([overdue, late, owed]);
    expect(s2!.blockedBy).toBeNull(); // ②③ can be reported once the package was sent
  });
});

describe('due dates on a year with no holiday schedule are 暂定', () => {
  it.each([
    // start, end, ①②③ tentative, ④⑤⑥ tentative, unknown years
    ['2026-10-12', '2026-10-14', false, false, []],
    ['2026-12-28', '2026-12-30', false, true, [2027]], // ④⑤⑥ due in January 2027
    ['2027-03-08', '2027-03-10', true, true, [2027]],
  ])('class %s–%s', (start, end, before, after, years) => {
    const t = classTimeline({ start, end }, new Map(), cal, at('2026-10-01T10:00:00'));
    expect(t.map((s) => s.tentative)).toEqual([before, before, before, after, after, after]);
    expect(tentativeYears(t, { start, end }, cal)).toEqual(years);
    expect(dueText(t[5]!).endsWith('（暂定）')).toBe(after);
  });
});

describe("a plan's outcome", () => {
  const now = at('2026-11-27T10:00:00');
  const cls = (seq: number, start: string, end: string, done: number[], lateSteps: number[] = [], backfill = false) => {
    // In time: ①②③ three weeks before the start, ④⑤⑥ on the last day; late: in November.
    const inTime = (n: number) => (n <= 3 ? new Date(at(`${start}T10:00:00`).getTime() - 21 * 86_400_000) : at(`${end}T18:00:00`));
    const steps = new Map(done.map((n) => [n as 1, { step: n as 1, status: 'done' as const, data: {}, reportedAt: lateSteps.includes(n) ? at('2026-11-20T10:00:00') : inTime(n), source: backfill ? 'backfill' : 'chat' }]));
    return { seq, start, end, steps: classTimeline({ start, end }, steps, cal, now), deviations: [], backfill };
  };
  const marks = (ms: { seq: number; step: number }[]) => ms.map((m) => `${m.seq}-${m.step}`);
  it.each([
    // name, sessions, classes, statement → status, missing, budget cut, done late
    ['all steps of both classes', 2, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6]), cls(2, '2026-05-11', '2026-05-12', [1, 2, 3, 4, 5, 6])], false, 'complete', [], [], []],
    ['a class still to come', 2, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6]), cls(2, '2026-12-21', '2026-12-22', [1])], false, 'on_track', [], [], []],
    ['⑤⑥ missing past due: listed for the cut', 1, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4])], false, 'missing', ['第1期⑤⑥'], ['1-5', '1-6'], []],
    ['⑥ reported late: done late, not cut', 1, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6], [6])], false, 'complete', [], [], ['1-6']],
    ['③ reported late', 1, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6], [3])], false, 'complete', [], [], ['1-3']],
    ['a backfilled class missing ⑤⑥: reported, not cut', 1, [cls(1, '2024-03-11', '2024-03-13', [1, 2, 3, 4], [], true)], false, 'missing', ['第1期⑤⑥'], [], []],
    ['not run, statement uploaded', 1, [], true, 'not_run', [], [], []],
    ['not run yet, year not over', 1, [], false, 'no_classes', [], [], []],
  ])('%s', (_name, sessions, classes, statement, status, missing, cut, late) => {
    const o = planOutcome({ year: 2026, sessions, classes, statement, now });
    expect(o.status).toBe(status);
    expect(o.missing).toEqual(missing);
    expect(marks(o.budgetFlag)).toEqual(cut);
    expect(marks(o.lateSteps)).toEqual(late);
  });

  it('counts backfilled classes still missing steps', () => {
    expect(planOutcome({ year: 2024, sessions: 1, classes: [cls(1, '2024-03-11', '2024-03-13', [1, 2, 3, 4], [], true)], statement: false, now }).backfillGaps).toBe(1);
  });

  it('marks 暂定 what is judged on a guessed calendar', () => {
    const late = at('2027-12-20T10:00:00');
    const steps = classTimeline({ start: '2027-03-08', end: '2027-03-10' }, new Map(), cal, late);
    const o = planOutcome({ year: 2027, sessions: 1, classes: [{ seq: 1, start: '2027-03-08', end: '2027-03-10', steps, deviations: [], backfill: false }], statement: false, now: late });
    expect(o.missing).toEqual(['第1期①②③④⑤⑥（暂定）']);
    expect(o.budgetFlag.map((m) => m.tentative)).toEqual([true, true]);
  });

  it('after the year, a plan not run without a statement is missing one', () => {
    const o = planOutcome({ year: 2025, sessions: 2, classes: [], statement: false, now });
    expect([o.status, o.missing]).toEqual(['missing', ['未开展且未上传情况说明']]);
  });
});

describe('补录 rows', () => {
  const units = [
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 30, contactName: null, contactMobile: null },
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 100, contactName: null, contactMobile: null },
  ];
  const ctx = { today: '2026-11-27', units, allowedCompetent: '101001' };
  const good: Partial<Record<HistoryKey, string>> = { year: '2023', budgetCode: '101002', title: '就业服务能力培训班', scope: '市内', mode: '线下', start: '2023-05-10', end: '2023-05-12', packageOn: '2023-04-20', publishedOn: '2023-04-25', registered: '50', accepted: '45', attended: '44', teachers: '王芳', courses: '政策解读', hours: '18', amount: '28000' };

  it('reads a class with its six steps, for the competent unit of a second-tier budget code', () => {
    const r = readHistoryRow(5, good, ctx);
    expect(r.ok && [r.value.unitCode, r.value.cls, Object.keys(r.value.steps)]).toEqual(['101001', { seq: null, start: '2023-05-10', end: '2023-05-12' }, ['1', '2', '3', '4', '5', '6']]);
  });

  it.each([
    [{ year: '2019' }, 'year', '年度应在 2020–2026 之间'],
    [{ budgetCode: '999999' }, 'budgetCode', '单位名册中没有预算单位代码「999999」'],
    [{ budgetCode: '102001' }, 'budgetCode', '「柳州市财政局」不是本单位或本单位的二层单位'],
    [{ end: '2023-05-01' }, 'end', '结班日期不能早于开班日期'],
    [{ start: '2024-05-10', end: '2024-05-12' }, 'start', '开班日期不在 2023 年内'],
    [{ start: '', end: '' }, 'start', '填写了执行数据，但没有开班、结班日期'],
    [{ accepted: '60' }, 'accepted', '审核通过人数（60）多于报名人数（50）。建议：请核对报名人数和审核通过人数。依据：补录内容为培训包审核、发布培训项目、培训报名审核、学员签到、教培管理、结算金额等六个步骤信息〔一〕'],
    [{ teachers: '' }, 'teachers', '请填写授课教师，例如：王芳（市委党校）、刘强（市人社局）'],
    [{ number: '2024-001' }, 'number', '计划编号 2024-001 与年度 2023 不一致'],
  ] as const)('%j → %s: %s', (change, key, message) => {
    const r = readHistoryRow(5, { ...good, ...change }, ctx);
    expect(r.ok ? [] : r.problems.map((p) => [p.key, p.message])).toContainEqual([key, message]);
  });

  it('groups rows into plans, numbers classes in order and rejects repeated 期次', () => {
    const rows = [good, { ...good, start: '2023-09-04', end: '2023-09-06' }, { ...good, seq: '1', start: '2023-11-06', end: '2023-11-07' }].map((v, i) => {
      const r = readHistoryRow(5 + i, v, ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.value;
    });
    const g = groupHistory(rows);
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0]!.map((r) => r.cls!.seq)).toEqual([2, 3, 1]);
    expect(rows.map((r) => r.cls!.seq)).toEqual([null, null, 1]); // the input is not changed
    const twice = groupHistory([rows[0]!, { ...rows[1]!, cls: { ...rows[1]!.cls!, seq: 1 } }, { ...rows[2]!, cls: { ...rows[2]!.cls!, seq: 1 } }].map((r) => ({ ...r, cls: { ...r.cls! } })));
    expect(twice.problems.map((p) => [p.row, p.message])).toContainEqual([7, '与第 6 行的期次重复']);
  });
});
