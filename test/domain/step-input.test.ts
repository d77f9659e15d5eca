import { describe, expect, it } from 'vitest';
import { readStep } from '../../src/domain/step-input.ts';
import { plan } from './execution-fixtures.ts';
describe('reading a step', () => {
  const ctx = { today: '2026-10-16', plan, start: '2026-10-12', end: '2026-10-14', earlier: { 3: { registered: 45, accepted: 40 } } };
  const BEFORE = '依据：开展培训前五个工作日上报培训包审核、发布培训项目、培训报名审核等信息数据，经市工作领导小组审核后方可开班〔一、二(一)4〕';
  it.each([
    // Values that cannot be read say what is expected; a rule's verdict also gives the fix and the notice.
    [1, { mode: '线下', scope: '市外', institution: '', location: '井冈山', headcount: '40', content: '课程' }, { institution: '市外培训须填写承办机构，才能核对是否在培训基地名单内。建议：例如「中国井冈山干部学院」。依据：市外培训项目原则上按照柳州市干部教育培训基地名单选择承办机构〔二(二)三〕' }],
    [1, { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '井冈山', headcount: '65', content: '课程' }, { headcount: '市外培训每期 65 人，超过 60 人。建议：可分两期各 33 人，或把人数减到 60 人以内。依据：市外培训项目每班次不超过60人〔二(二)二〕' }],
    [1, { mode: '线下', scope: '市内', institution: '', location: '市委党校', headcount: '40', content: '课程' }, { location: '「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」。建议：请在地点前写明区县，例如「柳州市城中区……」。依据：市内培训项目须在本市行政区域内举办〔二(二)四〕' }],
    [1, { mode: '线下', scope: '市内', institution: '', location: '', headcount: '40', content: '课程' }, { location: '线下培训须填写培训地点。建议：请写明举办的地点，市内培训例如「柳州市城中区市委党校」；全部线上授课的，培训方式请选「线上」。依据：申报表须填写培训地点；市内培训项目须在本市行政区域内举办〔二(二)四〕' }],
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
        '市外培训（4月29日–5月2日）有培训日在 5 月，5-6 月和 11-12 月原则上不安排外出项目，须填写情况说明。建议：可改在其他月份开班；确需此时外出的，请在「情况说明」中写明理由（审核人员会看到）。依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕',
      );
    });

    it('a 市内 class may run in May', () => {
      expect(readStep(1, { ...pkg, scope: '市内', institution: '', location: '柳州市城中区' }, at2026('2026-05-11', '2026-05-12')).ok).toBe(true);
    });
  });
});
