// The facts of each class against the notice and the approved plan, on the fast seam: a 市外 class in May asks
// for a 情况说明 that the reviewer sees, a 市内 class held outside Liuzhou, attendance over 60; lateness judged
// on what the unit did (a late review is not the unit's); 暂定 due dates in a year with no holiday schedule;
// and the report's lists, each with its rule.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import type { World } from '../../support/converse.ts';
import { messageText } from '../../support/transcript.ts';
import { alertsJob, at, executionWorld, packageCard, publishedPlan, recordClass, unit, valueIn } from './helpers.ts';

const HRSS = 'ou_er_decl_hrss01';
const EDU = 'ou_er_decl_edu001';
const FIN = 'ou_er_decl_fin001';
const REV = 'ou_er_reviewer_01';
let w: World;

const outCity: PlanDraft = {
  budgetCode: '101001', unitName: '柳州市人力资源和社会保障局', title: '赴井冈山理想信念教育培训班', scope: '市外', mode: '线下', audience: '业务骨干',
  headcount: 40, sessions: 1, days: 3, month: 5, location: '江西省井冈山市', institution: '中国井冈山干部学院', budget: 60000, jointUnits: [],
  contactName: '李明', contactPhone: '0772-2825472', remarks: null, justification: '承担全国会议保障，只能5月外出',
};
const inCity: PlanDraft = { ...outCity, title: '人社业务能力提升培训班', scope: '市内', month: 10, location: '柳州市城中区市委党校', institution: null, justification: null };

const approvedPlan = (unitCode: string, year: number, data: PlanDraft): Promise<PlanRecord> => publishedPlan(w, unitCode, year, data);

beforeAll(async () => {
  w = await executionWorld({
    start: at('2026-04-01T10:00:00'),
    units: [unit('101001', '柳州市人力资源和社会保障局', 150), unit('103001', '柳州市教育局', 200), unit('102001', '柳州市财政局', 120)],
    bases: [{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }],
    people: [
      { openId: HRSS, name: '李明', unitCode: '101001' },
      { openId: EDU, name: '赵敏', unitCode: '103001' },
      { openId: FIN, name: '张伟', unitCode: '102001' },
      { openId: REV, name: '审核员', reviewer: true },
    ],
  });
});
afterEach(() => w.lintSentCards());

describe('a package against the notice [二(二)二-四]', () => {
  it('a 市外 class in May: the form asks for a 情况说明, and the reviewer sees it with the month flagged and cited', async () => {
    w.clock.set(at('2026-04-01T10:00:00'));
    const p = await approvedPlan('101001', 2026, outCity);
    const { t, classId, messageId } = await recordClass(w, HRSS, p.id, '2026-05-11', '2026-05-13');
    await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    const pkg = { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: '40', content: '理想信念教育，共 3 天' };
    const refused = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: pkg });
    expect(refused.toast?.type).toBe('error');
    expect(refused.cardText).toContain('市外培训（5月11日–5月13日）有培训日在 5 月，5-6 月和 11-12 月原则上不安排外出项目，须填写情况说明');
    expect(refused.cardText).toContain('依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕');
    expect(JSON.stringify(refused.card)).toContain('"default_value":"理想信念教育，共 3 天"'); // nothing typed is lost

    const sent = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: { ...pkg, justification: '承担全国会议保障任务，只能5月外出学习' } });
    expect(sent.toast?.content).toBe('已提交审核');
    const card = messageText(packageCard(w, REV, `${p.number} 第1期`));
    expect(card).toContain('市外培训（5月11日–5月13日）有培训日在 5 月，5-6 月和 11-12 月原则上不安排外出项目</font>（原则性要求）');
    expect(card).toContain('依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕');
    expect(card).toContain('**情况说明**　承担全国会议保障任务，只能5月外出学习');
  });

  it('a 市内 class held outside Liuzhou, and at another place than planned, is flagged; a venue with no district is asked about', async () => {
    w.clock.set(at('2026-09-01T10:00:00'));
    const p = await approvedPlan('103001', 2026, { ...inCity, budgetCode: '103001', title: '校长管理能力培训班' });
    const { t, classId, messageId } = await recordClass(w, EDU, p.id, '2026-10-19', '2026-10-21');
    await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    const pkg = { mode: '线下', scope: '市内', institution: '', headcount: '40', content: '管理实务' };
    const unclear = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: { ...pkg, location: '市委党校' } });
    expect(unclear.cardText).toContain('「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」');
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: { ...pkg, location: '南宁市青秀区柳州大厦' } });
    const card = messageText(packageCard(w, REV, `${p.number} 第1期`));
    expect(card).toContain('培训地点与批准的计划不一致：柳州市城中区市委党校 → 南宁市青秀区柳州大厦');
    expect(card).toContain('培训地点「南宁市青秀区柳州大厦」在南宁市，不在柳州市行政区域内');
    expect(card).toContain('依据：市内培训项目须在本市行政区域内举办〔二(二)四〕');
  });

  it('市外 attendance over 60 is flagged against the cap, whatever the plan said', async () => {
    w.clock.set(at('2026-04-01T10:00:00'));
    const p = await approvedPlan('102001', 2026, { ...outCity, budgetCode: '102001', title: '财政业务赴外地研修班', month: 9, headcount: 70, justification: null });
    const { t, classId, messageId } = await recordClass(w, FIN, p.id, '2026-09-07', '2026-09-09');
    const ex = w.stores;
    const ev = { planId: p.id, at: at('2026-04-01T10:00:00'), actor: FIN, action: 'step_report', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'card' as const };
    await ex.steps.put({ classId, step: 1, expectedVersion: null, status: 'done', data: { scope: '市外', mode: '线下' }, reportedBy: FIN, at: ev.at, source: 'chat', event: ev });
    w.clock.set(at('2026-09-10T10:00:00'));
    const saved = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 4, v: 0 }, { formValue: { attended: '61' } });
    expect(saved.toast?.content).toBe('已保存④学员签到');
    expect(saved.cardText).toContain('市外培训签到 61 人，超过每班次 60 人的上限。建议：请核对签到人数；确有超出的，请向市工作领导小组办公室说明。依据：市外培训项目每班次不超过60人〔二(二)二〕');
    expect(saved.cardText).toContain('与批准的计划或通知的要求不一致');
  });
});

describe('lateness is the unit\'s, not the reviewer\'s [一、二(一)4]', () => {
  it('a package sent in time and reviewed after its due day: ②③ are reported meanwhile, nothing is late, nobody nags the unit', async () => {
    w.clock.set(at('2026-09-14T10:00:00'));
    const p = await approvedPlan('101001', 2026, { ...inCity, title: '窗口服务礼仪培训班' });
    const { t, classId, messageId } = await recordClass(w, HRSS, p.id, '2026-10-12', '2026-10-14'); // ①②③ due Sep 29
    w.clock.set(at('2026-09-28T10:00:00'));
    await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: { mode: '线下', scope: '市内', institution: '', location: '柳州市城中区市委党校', headcount: '45', content: '礼仪实务' } });
    const s2 = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 2, v: 0 }, { formValue: { publishedOn: '2026-09-28 +0800', channel: '柳州市干部网络学院' } });
    expect(s2.toast?.content).toBe('已保存②发布培训项目');
    const s3 = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 3, v: 0 }, { formValue: { registered: '50', accepted: '45' } });
    expect(s3.cardText).toContain('⏳ ① 培训包审核　审核中（9月28日 10:00 报送，应于 9月29日 前报送）');
    expect(s3.cardText).not.toContain('逾期');
    // The last day of ①②③: nothing is owed by the unit any more, so no alert reaches it.
    expect(await alertsJob(w, '2026-09-29T09:00:00')).not.toContain(HRSS);

    w.clock.set(at('2026-10-09T10:00:00')); // the review comes after the due day
    const card = packageCard(w, REV, `${p.number} 第1期`);
    const approved = await w.as(REV).clickValue(card.messageId, valueIn(card.content, 'pkg_review', { op: 'approve' }));
    expect(approved.toast?.content).toBe('培训包已审核通过');
    const view = await t.clickValue(messageId, { a: 'class', cls: classId, op: 'back' });
    expect(view.cardText).toContain('✅ ① 培训包审核');
    expect(view.cardText).toContain('（9月28日 10:00 报送，10月9日 10:00 审核通过）');
    expect(view.cardText).not.toContain('逾期');
    const [report] = await w.as(REV).say('完成情况 2026');
    expect(report).not.toContain('窗口服务礼仪培训班');
    expect(report).toMatch(/\*\*逾期完成的环节（0 个单位，供审核人员研判，不列入压减名单）\*\*[\s\S]*（无）/);
  });
});

describe('due dates in a year with no holiday schedule are 暂定', () => {
  it('on the class card (with the note once), in the alerts, and in the report\'s lists', async () => {
    w.clock.set(at('2027-02-01T10:00:00'));
    const p = await approvedPlan('103001', 2027, { ...inCity, budgetCode: '103001', title: '2027年度教师信息化培训班' });
    const { saved, classId } = await recordClass(w, EDU, p.id, '2027-03-08', '2027-03-10');
    expect(saved.cardText).toContain('⚪ ① 培训包审核　应于 3月1日（暂定） 前完成');
    expect(saved.cardText).toContain('⚪ ④ 学员签到　应于 3月17日（暂定） 前填报');
    expect(saved.cardText.match(/2027年节假日安排尚未导入，期限暂按周一至周五计算/g)).toHaveLength(1);
    const [list] = await w.as(EDU).say('执行');
    expect(list).toContain('第1期 2027年3月8日–3月10日（期限暂定）');
    expect(list).toContain('期限暂定的：2027年节假日安排尚未导入，期限暂按周一至周五计算');

    await alertsJob(w, '2027-02-25T09:00:00'); // the 7th working day before the start, Monday to Friday
    const alert = messageText([...w.messenger.to(EDU)].reverse().find((m) => m.msgType === 'interactive')!);
    expect(alert).toContain('须在 **3月1日（暂定）**（开班前 5 个工作日）前完成');
    expect(alert).toContain('期限暂定：2027年节假日安排尚未导入，期限暂按周一至周五计算');

    const ex = w.stores;
    const ev = { planId: p.id, at: at('2027-02-20T10:00:00'), actor: EDU, action: 'step_report', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'card' as const };
    for (const step of [1, 2, 3] as const) await ex.steps.put({ classId, step, expectedVersion: null, status: 'done', data: {}, reportedBy: EDU, at: ev.at, source: 'chat', event: ev });
    w.clock.set(at('2027-04-01T10:00:00'));
    const [report] = await w.as(REV).say('完成情况 2027');
    expect(report).toMatch(/柳州市教育局<\/font>（暂定）：2027-\d{3} 第1期 ⑤教培管理逾期未填报（应于 3月17日（暂定） 前）/);
    expect(report).toContain('※ 标「暂定」的：2027年节假日安排尚未导入，期限暂按周一至周五计算');
  });
});

describe('backfilled classes are reported, not listed for next year\'s cut [一, 二(一)5]', () => {
  it('a 2024 class entered by 补录 with ⑤⑥ missing', async () => {
    w.clock.set(at('2026-11-27T10:00:00'));
    const p = await approvedPlan('102001', 2024, { ...inCity, budgetCode: '102001', title: '2024年度预算管理培训班' });
    const ex = w.stores;
    const ev = { at: at('2026-11-01T10:00:00'), actor: 'cli', action: 'backfill', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'cli' as const };
    const cls = (await ex.classes.add({ planId: p.id, seq: 1, start: '2024-05-13', end: '2024-05-15', source: 'backfill', at: ev.at, event: ev }))!;
    for (const step of [1, 2, 3, 4] as const) await ex.steps.put({ classId: cls.id, step, expectedVersion: null, status: 'done', data: {}, reportedBy: 'cli', at: ev.at, source: 'backfill', event: { ...ev, planId: p.id } });
    const [report] = await w.as(REV).say('完成情况 2024');
    expect(report).toMatch(/\*\*⑤⑥逾期未填报、拟压减下一年度培训经费的单位（0 个单位）\*\*\n.*\n（无）/);
    expect(report).toContain('**补录的往年期次仍有缺项（1 个单位，只报告，不列入压减名单）**');
    expect(report).toMatch(/柳州市财政局<\/font>：2024-\d{3} 第1期（2024年5月13日–5月15日）缺⑤⑥/);
  });
});
