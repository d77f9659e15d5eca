// Execution of approved plans on the fast seam: classes and their six steps, packages reviewed on cards
// (returned, departing from the plan), attachments, the missing-data alerts around National Day 2026, and
// cancelling a class. (补录 and the completion report: backfill-report.test.ts.)
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import type { World } from '../../support/converse.ts';
import { messageText } from '../../support/transcript.ts';
import { addPerson, alertsJob, at, BASES, cardsTo, DECL, EDU, executionWorld, filesTo, latestPatch, packageCard, PEOPLE, PLAN, POL, publishedPlan, recordClass, REV_A, REV_B, textsTo, UNITS, valueIn } from './helpers.ts';

let w: World;
const approvedPlan = (unitCode: string, year: number, data: Partial<PlanDraft> = {}): Promise<PlanRecord> => publishedPlan(w, unitCode, year, { ...PLAN, ...data });

const PACKAGE = { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: '40', content: '理想信念教育、现场教学、专题研讨，共 3 天 18 学时' };

beforeAll(async () => {
  w = await executionWorld({ start: at('2026-09-14T10:00:00'), units: UNITS, people: PEOPLE, bases: BASES });
});
afterEach(() => w.lintSentCards());

describe('a class and its six steps', () => {
  it('is walked through on time: dates, package with an attachment, review, publication, registration, attendance, teaching, settlement', async () => {
    const p = await approvedPlan('101001', 2026);
    const t = w.as(DECL);
    const list = await t.say('执行');
    expect(list[0]).toContain(`${p.number}《2026年度人社业务能力提升培训班》`);
    expect(list[0]).toContain('还有 2 期未登记开班日期');

    const { classId, saved, messageId } = await recordClass(w, DECL, p.id, '2026-10-12', '2026-10-14');
    expect(saved.toast?.content).toBe(`已登记${p.number} 第1期`);
    // Due dates count working days: back over National Day and the make-up Saturday Oct 10.
    expect(saved.cardText).toContain('⚪ ① 培训包审核　应于 9月29日 前完成');
    expect(saved.cardText).toContain('⚪ ④ 学员签到　应于 10月21日 前填报');
    expect(saved.cardText).toContain('[报送①培训包]');

    const open = await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    expect(open.cardText).toContain('已按批准的计划预填');
    expect(JSON.stringify(open.card)).toContain('"default_value":"中国井冈山干部学院"');
    await w.as(DECL).send('培训方案.pdf', Buffer.from('%PDF-1.4 培训方案'));
    expect(textsTo(w, DECL).at(-1)).toContain(`已收到「培训方案.pdf」，附在 ${p.number} 第1期《2026年度人社业务能力提升培训班》的培训包上（共 1 个附件）`);
    await w.as(DECL).send('培训方案.pdf', Buffer.from('%PDF-1.4 培训方案'));
    expect(textsTo(w, DECL).at(-1)).toContain('已经附在');

    const submitted = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: PACKAGE });
    expect(submitted.toast).toMatchObject({ type: 'success', content: '已提交审核' });
    expect(submitted.cardText).toContain('⏳ ① 培训包审核　审核中');

    const a = packageCard(w, REV_A, `${p.number} 第1期`);
    const b = packageCard(w, REV_B, `${p.number} 第1期`);
    expect(messageText(a)).toContain('✅ 与批准的计划和通知的要求一致');
    expect(messageText(a)).toContain('📎 附件 1 个：培训方案.pdf');
    const rv = w.as(REV_A);
    const files = await rv.clickValue(a.messageId, valueIn(a.content, 'pkg_review', { op: 'files' }));
    expect(files.toast?.content).toBe('已发送 1 个附件');
    expect(filesTo(w, REV_A).at(-1)).toMatchObject({ fileName: '培训方案.pdf', data: Buffer.from('%PDF-1.4 培训方案') });

    // A declarant cannot approve their own package.
    const forged = await t.clickValue(a.messageId, valueIn(a.content, 'pkg_review', { op: 'approve' }));
    expect(forged.toast?.type).toBe('error');
    const approved = await rv.clickValue(a.messageId, valueIn(a.content, 'pkg_review', { op: 'approve' }));
    expect(approved.toast?.content).toBe('培训包已审核通过');
    expect(approved.cardText).toContain('审核员甲 于 2026年9月14日 10:00 审核通过');
    expect(latestPatch(w, b.messageId)).toContain('已通过 · 培训包');
    expect(latestPatch(w, b.messageId)).not.toContain('[通过]');
    expect(messageText(w.messenger.to(DECL).at(-1)!)).toContain(`培训包审核通过 · ${p.number} 第1期`);

    w.clock.set(at('2026-09-25T10:00:00'));
    const early = await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 4 });
    expect(early.toast).toMatchObject({ type: 'warning', content: '开班（2026年10月12日）后才能填报' });
    const tooEarly3 = await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 3 });
    expect(tooEarly3.toast?.content).toBe('请先登记发布培训项目');
    const bad = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 2, v: 0 }, { formValue: { publishedOn: '2026-10-30 +0800', channel: '柳州市干部网络学院' } });
    expect(bad.toast?.type).toBe('error');
    expect(bad.cardText).toContain('发布日期不能晚于今天');
    expect(JSON.stringify(bad.card)).toContain('"default_value":"柳州市干部网络学院"'); // nothing typed is lost
    const s2 = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 2, v: 0 }, { formValue: { publishedOn: '2026-09-25 +0800', channel: '柳州市干部网络学院' } });
    expect(s2.toast?.content).toBe('已保存②发布培训项目');
    const s3 = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 3, v: 0 }, { formValue: { registered: '52', accepted: '40' } });
    expect(s3.cardText).toContain('✅ ③ 培训报名审核　报名 52 人，审核通过 40 人');
    // The same click again (an old card): one report, the second is told.
    const again = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 3, v: 0 }, { formValue: { registered: '52', accepted: '41' } });
    expect(again.toast?.type).toBe('warning');

    w.clock.set(at('2026-10-15T10:00:00'));
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 4, v: 0 }, { formValue: { attended: '39' } });
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 5, v: 0 }, { formValue: { teachers: '王芳（井冈山干部学院）', courses: '理想信念教育；现场教学', hours: '18' } });
    const s6 = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 6, v: 0 }, { formValue: { amount: '70,000' } });
    expect(s6.cardText).toContain('本计划已结算合计 70,000.00元，超出批准的经费预算 60,000.00元（超出 10,000.00元）');
    expect(s6.cardText).toContain('✅ ⑥ 结算金额　结算 70,000.00元');
    expect(s6.cardText.match(/✅/g)).toHaveLength(6);

    const report = await t.say('完成情况');
    expect(report[0]).toContain(`**${p.number}《2026年度人社业务能力提升培训班》** 市外 · 进行中 · 已登记 1/2 期`);
    expect(report[0]).toContain('第1期 2026年10月12日–10月14日　✅✅✅✅✅✅');
    const timeline = await w.as(REV_A).say(`附件 ${p.number}`);
    expect(timeline.join('\n')).toContain(`已发送计划 ${p.number} 的 1 个文件`);
  });

  it('a returned package, resubmitted with another mode, is flagged for reviewers and in the report', async () => {
    w.clock.set(at('2026-09-15T10:00:00'));
    const p = await approvedPlan('101001', 2026, { title: '2026年度劳动保障监察培训班', sessions: 1 });
    const { classId, messageId } = await recordClass(w, DECL, p.id, '2026-10-19', '2026-10-21');
    const t = w.as(DECL);
    await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: { ...PACKAGE, institution: '某某培训中心' } });
    const label = `${p.number} 第1期`;
    const first = packageCard(w, REV_A, label);
    const firstB = packageCard(w, REV_B, label);
    expect(messageText(first)).toContain('承办机构与批准的计划不一致：中国井冈山干部学院 → 某某培训中心');
    expect(messageText(first)).toContain('承办机构「某某培训中心」不在柳州市干部教育培训基地名单中');

    const rv = w.as(REV_A);
    const form = await rv.clickValue(first.messageId, valueIn(first.content, 'pkg_review', { op: 'return' }));
    expect(form.cardText).toContain('<comment>');
    const empty = await rv.clickValue(first.messageId, { a: 'pkg_return', cls: classId, v: 1 }, { formValue: { comment: ' ' } });
    expect(empty.toast?.type).toBe('error');
    const returned = await rv.clickValue(first.messageId, { a: 'pkg_return', cls: classId, v: 1 }, { formValue: { comment: '承办机构须为基地名单内的机构' } });
    expect(returned.toast?.content).toBe('已退回修改');
    const notice = w.messenger.to(DECL).at(-1)!;
    expect(messageText(notice)).toContain(`培训包退回修改 · ${label}`);
    expect(messageText(notice)).toContain('审核意见：承办机构须为基地名单内的机构');
    // The other reviewer's copy is out of date now.
    const late = await w.as(REV_B).clickValue(firstB.messageId, valueIn(firstB.content, 'pkg_review', { op: 'approve' }));
    expect(late.toast?.content).toMatch(/^已由 审核员甲 于 2026年9月15日 10:00 退回，这张卡片已过期$/);

    const resubmit = await t.click('重新报送');
    expect(resubmit.cardText).toContain('↩️ ① 培训包审核');
    const v = valueIn(resubmit.card, 'step_save', { step: 1 }).v;
    await t.clickValue(notice.messageId, { a: 'step_save', cls: classId, step: 1, v }, { formValue: { ...PACKAGE, mode: '线上' } });
    const second = packageCard(w, REV_A, label);
    expect(second.messageId).not.toBe(first.messageId);
    expect(messageText(second)).toContain('培训方式与批准的计划不一致：线下 → 线上');
    expect(messageText(second)).toContain('退回：承办机构须为基地名单内的机构'); // the history
    expect(latestPatch(w, firstB.messageId)).toContain('已有新版本');
    const ok = await rv.clickValue(second.messageId, valueIn(second.content, 'pkg_review', { op: 'approve' }));
    expect(ok.toast?.content).toBe('培训包已审核通过');

    const report = await t.say('完成情况');
    expect(report.at(-1)).toContain('第1期 2026年10月19日–10月21日　✅⚪⚪⚪⚪⚪　⚠️与计划或通知的要求不一致');
    await t.click('导出 Excel');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filesTo(w, DECL).at(-1)!.data as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('完成情况')!.getSheetValues().filter(Array.isArray).map((r) => r.join('|'));
    expect(rows.find((r) => r.includes(p.number))).toContain('培训方式与批准的计划不一致：线下 → 线上');
  });
});

describe('missing-data alerts', () => {
  let c1: number;
  beforeAll(async () => {
    const p = await approvedPlan('103001', 2026, { title: '2026年度教师培训班', scope: '市内', institution: null, location: '柳州市城中区' });
    const ex = w.stores;
    const created = at('2026-08-01T10:00:00');
    const ev = { at: created, actor: EDU, action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'card' as const };
    c1 = (await ex.classes.add({ planId: p.id, seq: 1, start: '2026-10-12', end: '2026-10-14', source: 'chat', at: created, event: ev }))!.id;
    const c2 = (await ex.classes.add({ planId: p.id, seq: 2, start: '2026-09-28', end: '2026-09-30', source: 'chat', at: created, event: ev }))!.id;
    for (const step of [1, 2, 3] as const) {
      await ex.steps.put({ classId: c2, step, expectedVersion: null, status: 'done', data: {}, reportedBy: EDU, at: at('2026-09-10T10:00:00'), source: 'chat', event: { ...ev, planId: p.id, action: 'step_report' } });
    }
  });

  const job = (when: string, dry?: '--dry-run') => alertsJob(w, when, { dryRun: dry === '--dry-run' });
  const cards = (who: string) => cardsTo(w, who);

  it('remind steps 1–3 on the 7th and the 5th working day before the start, once each', async () => {
    expect(await job('2026-09-23T09:00:00', '--dry-run')).not.toContain(EDU);
    const out = await job('2026-09-24T09:00:00');
    expect(out).toContain(`${EDU} 9月24日 09:00`);
    expect(cards(EDU)).toHaveLength(1);
    expect(cards(EDU)[0]).toContain('# 培训执行提醒：开班前环节');
    expect(cards(EDU)[0]).toContain('①培训包审核、②发布培训项目、③培训报名审核 须在 **9月29日**（开班前 5 个工作日）前完成');
    expect(await job('2026-09-24T09:30:00')).toMatch(/^已发送 0 条提醒，此前已发送 \d+ 条/m);
    expect(cards(EDU)).toHaveLength(1);
    await job('2026-09-29T09:00:00');
    expect(cards(EDU).at(-1)).toContain('今天是最后一天');
  });

  it('remind steps 4–6 on the 3rd working day after the end, a make-up Saturday included, and once overdue', async () => {
    const before = cards(EDU).length;
    expect(await job('2026-10-09T09:00:00', '--dry-run')).not.toContain(EDU);
    await job('2026-10-10T09:00:00'); // Saturday, a make-up working day
    expect(cards(EDU)).toHaveLength(before + 1);
    expect(cards(EDU).at(-1)).toContain('④学员签到、⑤教培管理、⑥结算金额 须在 **10月13日**（结班后 5 个工作日内）前填报');
    await job('2026-10-14T09:00:00');
    expect(cards(EDU).at(-1)).toContain('已超过填报期限（10月13日）：④学员签到、⑤教培管理、⑥结算金额 仍未填报');
    expect(cards(EDU).at(-1)).toContain('将调减下一年度培训预算〔通知 二(一)5〕');
  });

  it('a class that starts without an approved package is reported to the reviewers on its first morning', async () => {
    const before = cards(REV_A).length;
    await job('2026-10-12T08:30:00');
    const alert = cards(REV_A).slice(before).join('\n');
    expect(alert).toContain('# 培训包未审核通过已开班');
    expect(alert).toContain('柳州市教育局');
    expect(alert).toContain('已开班，但培训包未报送');
    expect(cards(EDU).at(-1)).toContain('市工作领导小组办公室已收到提示');
    expect(c1).toBeGreaterThan(0);
  });

  it('a class recorded after its start is reported at once, and the job does not repeat it', async () => {
    w.clock.set(at('2026-10-14T10:00:00'));
    const p = await approvedPlan('104001', 2026, { title: '2026年度警务实战培训班', scope: '市内', institution: null, location: '柳州市柳北区' });
    const before = cards(REV_B).length;
    await recordClass(w, POL, p.id, '2026-10-13', '2026-10-15');
    const alerts = cards(REV_B).slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('柳州市公安局');
    expect(await job('2026-10-14T10:05:00')).toContain('此前已发送');
    expect(cards(REV_B).slice(before)).toHaveLength(1);
  });
});


describe('cancelling a class', () => {
  it('确认取消 acts only on the class as the card showed it: an outdated copy cancels nothing', async () => {
    w.clock.set(at('2026-09-14T10:00:00'));
    const p = await approvedPlan('105001', 2026, { title: '2026年度商务系统业务培训班', sessions: 1 });
    await addPerson(w, { openId: 'ou_ex_commerce01', name: '刘洋', unitCode: '105001' });
    const t = w.as('ou_ex_commerce01');
    const { classId, messageId } = await recordClass(w, 'ou_ex_commerce01', p.id, '2026-11-16', '2026-11-18');
    const asked = await t.clickValue(messageId, { a: 'class', cls: classId, op: 'cancel' });
    const confirm = valueIn(asked.card, 'class', { op: 'cancel_yes' });
    expect(confirm.v).toEqual(expect.any(Number));
    // the dates change after the confirmation card went out
    const dates = await t.clickValue(messageId, { a: 'class', cls: classId, op: 'dates' });
    expect(dates.toast?.type).toBe('info');
    await t.clickValue(messageId, { a: 'class_save', plan: p.id, cls: classId, v: confirm.v as number }, { formValue: { start: '2026-11-23 +0800', end: '2026-11-25 +0800' } });
    const stale = await w.click('ou_ex_commerce01', 'om_old_confirm_copy', confirm);
    expect(stale).toMatchObject({ toast: { type: 'warning', content: '这一期在卡片发出后已有变化，已显示最新内容' } });
    expect((await w.stores.classes.get(classId))!.status).toBe('active');
    // the card as it is now (the same click on the old message would be answered from the dedupe record)
    const again = await t.clickValue('om_class_card_now', { a: 'class', cls: classId, op: 'cancel' });
    const done = await t.clickValue('om_class_card_now', valueIn(again.card, 'class', { op: 'cancel_yes' }));
    expect(done.toast).toMatchObject({ type: 'success', content: '已取消这一期' });
    expect((await w.stores.classes.get(classId))!.status).toBe('cancelled');
  });
});
