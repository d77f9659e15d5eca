// Execution of approved plans, end to end through the real webhook and card callbacks: classes and their six
// steps, packages reviewed on cards (returned, departing from the plan), attachments and statements, the
// missing-data alerts around National Day 2026, 补录 by the admin and by a unit, and the completion report.
import { createStores } from '../../src/db/stores.ts';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { publishedPlan, valueIn } from '../support/execution.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { cardText, messageText, transcript } from '../support/transcript.ts';
import type { PlanRecord } from '../../src/ports/plans.ts';

const DECL = 'ou_ex_decl_hrss01';
const EDU = 'ou_ex_decl_edu001';
const FIN = 'ou_ex_decl_fin001';
const POL = 'ou_ex_decl_pol001';
const REV_A = 'ou_ex_reviewer_a1';
const REV_B = 'ou_ex_reviewer_b1';
const at = (iso: string) => new Date(`${iso}+08:00`);

let h: Harness;
let seq = 0;
const plan: PlanDraft = {
  budgetCode: '101001',
  unitName: '柳州市人力资源和社会保障局',
  title: '2026年度人社业务能力提升培训班',
  scope: '市外',
  mode: '线下',
  audience: '业务骨干',
  headcount: 40,
  sessions: 2,
  days: 3,
  month: 10,
  location: '江西省井冈山市',
  institution: '中国井冈山干部学院',
  budget: 60000,
  jointUnits: [],
  contactName: '李明',
  contactPhone: '0772-2825472',
  remarks: null,
  justification: null,
};

const approvedPlan = (unitCode: string, year: number, data: Partial<PlanDraft> = {}): Promise<PlanRecord> => publishedPlan(h, unitCode, year, { ...plan, ...data });

async function sendFile(openId: string, fileName: string, data: Buffer, image = false) {
  const messageId = `om_ex_file_${++seq}`;
  const key = image ? `img_v3_${seq}` : `file_v3_ex_${seq}`;
  h.stub.addResource(messageId, key, data);
  const res = await h.say(openId, '', image ? { messageId, messageType: 'image', content: { image_key: key } } : { messageId, file: { fileKey: key, fileName } });
  expect(res.status).toBe(200);
  await h.bot.idle();
}

/** Files the bot sent to a person, newest last. */
function filesTo(openId: string) {
  return h.stub
    .messagesTo(openId)
    .filter((m) => m.msgType === 'file')
    .map((m) => h.stub.uploads.find((u) => u.fileKey === m.content.file_key)!);
}

function packageCard(reviewer: string, label: string) {
  return [...h.stub.messagesTo(reviewer)].reverse().find((m) => m.msgType === 'interactive' && messageText(m).includes(`培训包审核 · ${label}`))!;
}

const latestPatch = (messageId: string) => cardText(h.stub.patches.filter((p) => p.messageId === messageId).at(-1)?.content);

/** 登记开班 through the 执行 card's menu and the dates form; returns the class id. */
async function recordClass(openId: string, planId: number, start: string, end: string) {
  const t = transcript(h, openId);
  await t.say('执行');
  const r = await t.clickValue(t.lastCard().messageId, { a: 'class_new' }, { option: String(planId) });
  expect(r.toast?.content).toBe('请填写开班日期');
  const form = t.lastCard();
  const saved = await t.clickValue(form.messageId, { a: 'class_save', plan: planId }, { formValue: { start: `${start} +0800`, end: `${end} +0800` } });
  expect(saved.toast?.type).toBe('success');
  return { classId: valueIn(saved.card, 'class', { op: 'dates' }).cls as number, saved, messageId: form.messageId };
}

const PACKAGE = { mode: '线下', scope: '市外', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: '40', content: '理想信念教育、现场教学、专题研讨，共 3 天 18 学时' };

beforeAll(async () => {
  h = await startHarness({ start: at('2026-09-14T10:00:00') });
  await createStores(h.db).registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 30, contactName: null, contactMobile: null },
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 120, contactName: null, contactMobile: null },
    { code: '103001', name: '柳州市教育局', parentCode: null, staffCount: 200, contactName: null, contactMobile: null },
    { code: '104001', name: '柳州市公安局', parentCode: null, staffCount: 300, contactName: null, contactMobile: null },
    { code: '105001', name: '柳州市商务局', parentCode: null, staffCount: 60, contactName: null, contactMobile: null },
  ]);
  await createStores(h.db).bases.save([{ name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] }], false);
  await h.db.user.createMany({
    data: [
      { openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' },
      { openId: EDU, name: '赵敏', role: 'declarant', unitCode: '103001' },
      { openId: FIN, name: '张伟', role: 'declarant', unitCode: '102001' },
      { openId: POL, name: '王强', role: 'declarant', unitCode: '104001' },
      { openId: REV_A, name: '审核员甲', role: 'reviewer' },
      { openId: REV_B, name: '审核员乙', role: 'reviewer' },
    ],
  });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

describe('a class and its six steps', () => {
  it('is walked through on time: dates, package with an attachment, review, publication, registration, attendance, teaching, settlement', async () => {
    const p = await approvedPlan('101001', 2026);
    const t = transcript(h, DECL);
    const list = await t.say('执行');
    expect(list[0]).toContain(`${p.number}《2026年度人社业务能力提升培训班》`);
    expect(list[0]).toContain('还有 2 期未登记开班日期');

    const { classId, saved, messageId } = await recordClass(DECL, p.id, '2026-10-12', '2026-10-14');
    expect(saved.toast?.content).toBe(`已登记${p.number} 第1期`);
    // Due dates count working days: back over National Day and the make-up Saturday Oct 10.
    expect(saved.cardText).toContain('⚪ ① 培训包审核　应于 9月29日 前完成');
    expect(saved.cardText).toContain('⚪ ④ 学员签到　应于 10月21日 前填报');
    expect(saved.cardText).toContain('[报送①培训包]');

    const open = await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    expect(open.cardText).toContain('已按批准的计划预填');
    expect(JSON.stringify(open.card)).toContain('"default_value":"中国井冈山干部学院"');
    await sendFile(DECL, '培训方案.pdf', Buffer.from('%PDF-1.4 培训方案'));
    expect(h.stub.textsTo(DECL).at(-1)).toContain(`已收到「培训方案.pdf」，附在 ${p.number} 第1期《2026年度人社业务能力提升培训班》的培训包上（共 1 个附件）`);
    await sendFile(DECL, '培训方案.pdf', Buffer.from('%PDF-1.4 培训方案'));
    expect(h.stub.textsTo(DECL).at(-1)).toContain('已经附在');

    const submitted = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: PACKAGE });
    expect(submitted.toast).toMatchObject({ type: 'success', content: '已提交审核' });
    expect(submitted.cardText).toContain('⏳ ① 培训包审核　审核中');

    const a = packageCard(REV_A, `${p.number} 第1期`);
    const b = packageCard(REV_B, `${p.number} 第1期`);
    expect(messageText(a)).toContain('✅ 与批准的计划和通知的要求一致');
    expect(messageText(a)).toContain('📎 附件 1 个：培训方案.pdf');
    const rv = transcript(h, REV_A);
    const files = await rv.clickValue(a.messageId, valueIn(a.content, 'pkg_review', { op: 'files' }));
    expect(files.toast?.content).toBe('已发送 1 个附件');
    expect(filesTo(REV_A).at(-1)).toMatchObject({ fileName: '培训方案.pdf', data: Buffer.from('%PDF-1.4 培训方案') });

    // A declarant cannot approve their own package.
    const forged = await t.clickValue(a.messageId, valueIn(a.content, 'pkg_review', { op: 'approve' }));
    expect(forged.toast?.type).toBe('error');
    const approved = await rv.clickValue(a.messageId, valueIn(a.content, 'pkg_review', { op: 'approve' }));
    expect(approved.toast?.content).toBe('培训包已审核通过');
    expect(approved.cardText).toContain('审核员甲 于 2026年9月14日 10:00 审核通过');
    expect(latestPatch(b.messageId)).toContain('已通过 · 培训包');
    expect(latestPatch(b.messageId)).not.toContain('[通过]');
    expect(messageText(h.stub.messagesTo(DECL).at(-1)!)).toContain(`培训包审核通过 · ${p.number} 第1期`);

    h.clock.set(at('2026-09-25T10:00:00'));
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

    h.clock.set(at('2026-10-15T10:00:00'));
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 4, v: 0 }, { formValue: { attended: '39' } });
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 5, v: 0 }, { formValue: { teachers: '王芳（井冈山干部学院）', courses: '理想信念教育；现场教学', hours: '18' } });
    const s6 = await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 6, v: 0 }, { formValue: { amount: '70,000' } });
    expect(s6.cardText).toContain('本计划已结算合计 70,000.00元，超出批准的经费预算 60,000.00元（超出 10,000.00元）');
    expect(s6.cardText).toContain('✅ ⑥ 结算金额　结算 70,000.00元');
    expect(s6.cardText.match(/✅/g)).toHaveLength(6);

    const report = await t.say('完成情况');
    expect(report[0]).toContain(`**${p.number}《2026年度人社业务能力提升培训班》** 市外 · 进行中 · 已登记 1/2 期`);
    expect(report[0]).toContain('第1期 2026年10月12日–10月14日　✅✅✅✅✅✅');
    const timeline = await transcript(h, REV_A).say(`附件 ${p.number}`);
    expect(timeline.join('\n')).toContain(`已发送计划 ${p.number} 的 1 个文件`);
  });

  it('a returned package, resubmitted with another mode, is flagged for reviewers and in the report', async () => {
    h.clock.set(at('2026-09-15T10:00:00'));
    const p = await approvedPlan('101001', 2026, { title: '2026年度劳动保障监察培训班', sessions: 1 });
    const { classId, messageId } = await recordClass(DECL, p.id, '2026-10-19', '2026-10-21');
    const t = transcript(h, DECL);
    await t.clickValue(messageId, { a: 'step_open', cls: classId, step: 1 });
    await t.clickValue(messageId, { a: 'step_save', cls: classId, step: 1, v: 0 }, { formValue: { ...PACKAGE, institution: '某某培训中心' } });
    const label = `${p.number} 第1期`;
    const first = packageCard(REV_A, label);
    const firstB = packageCard(REV_B, label);
    expect(messageText(first)).toContain('承办机构与批准的计划不一致：中国井冈山干部学院 → 某某培训中心');
    expect(messageText(first)).toContain('承办机构「某某培训中心」不在柳州市干部教育培训基地名单中');

    const rv = transcript(h, REV_A);
    const form = await rv.clickValue(first.messageId, valueIn(first.content, 'pkg_review', { op: 'return' }));
    expect(form.cardText).toContain('<comment>');
    const empty = await rv.clickValue(first.messageId, { a: 'pkg_return', cls: classId, v: 1 }, { formValue: { comment: ' ' } });
    expect(empty.toast?.type).toBe('error');
    const returned = await rv.clickValue(first.messageId, { a: 'pkg_return', cls: classId, v: 1 }, { formValue: { comment: '承办机构须为基地名单内的机构' } });
    expect(returned.toast?.content).toBe('已退回修改');
    const notice = h.stub.messagesTo(DECL).at(-1)!;
    expect(messageText(notice)).toContain(`培训包退回修改 · ${label}`);
    expect(messageText(notice)).toContain('审核意见：承办机构须为基地名单内的机构');
    // The other reviewer's copy is out of date now.
    const late = await transcript(h, REV_B).clickValue(firstB.messageId, valueIn(firstB.content, 'pkg_review', { op: 'approve' }));
    expect(late.toast?.content).toMatch(/^已由 审核员甲 于 2026年9月15日 10:00 退回，这张卡片已过期$/);

    const resubmit = await t.click('重新报送');
    expect(resubmit.cardText).toContain('↩️ ① 培训包审核');
    const v = valueIn(resubmit.card, 'step_save', { step: 1 }).v;
    await t.clickValue(notice.messageId, { a: 'step_save', cls: classId, step: 1, v }, { formValue: { ...PACKAGE, mode: '线上' } });
    const second = packageCard(REV_A, label);
    expect(second.messageId).not.toBe(first.messageId);
    expect(messageText(second)).toContain('培训方式与批准的计划不一致：线下 → 线上');
    expect(messageText(second)).toContain('退回：承办机构须为基地名单内的机构'); // the history
    expect(latestPatch(firstB.messageId)).toContain('已有新版本');
    const ok = await rv.clickValue(second.messageId, valueIn(second.content, 'pkg_review', { op: 'approve' }));
    expect(ok.toast?.content).toBe('培训包已审核通过');

    const report = await t.say('完成情况');
    expect(report.at(-1)).toContain('第1期 2026年10月19日–10月21日　✅⚪⚪⚪⚪⚪　⚠️与计划或通知的要求不一致');
    await t.click('导出 Excel');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filesTo(DECL).at(-1)!.data as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('完成情况')!.getSheetValues().filter(Array.isArray).map((r) => r.join('|'));
    expect(rows.find((r) => r.includes(p.number))).toContain('培训方式与批准的计划不一致：线下 → 线上');
  });
});

describe('missing-data alerts', () => {
  let c1: number;
  beforeAll(async () => {
    const p = await approvedPlan('103001', 2026, { title: '2026年度教师培训班', scope: '市内', institution: null, location: '柳州市城中区' });
    const ex = createStores(h.db);
    const created = at('2026-08-01T10:00:00');
    const ev = { at: created, actor: EDU, action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'card' as const };
    c1 = (await ex.classes.add({ planId: p.id, seq: 1, start: '2026-10-12', end: '2026-10-14', source: 'chat', at: created, event: ev }))!.id;
    const c2 = (await ex.classes.add({ planId: p.id, seq: 2, start: '2026-09-28', end: '2026-09-30', source: 'chat', at: created, event: ev }))!.id;
    for (const step of [1, 2, 3] as const) {
      await ex.steps.put({ classId: c2, step, expectedVersion: null, status: 'done', data: {}, reportedBy: EDU, at: at('2026-09-10T10:00:00'), source: 'chat', event: { ...ev, planId: p.id, action: 'step_report' } });
    }
  });

  async function job(when: string, ...extra: string[]) {
    const out: string[] = [];
    const code = await runCli(['jobs:run', 'execution-alerts', '--now', `${when}+08:00`, ...extra], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l));
    expect(code).toBe(0);
    await new Promise((r) => setTimeout(r, 250));
    await h.bot.idle();
    return out.join('\n');
  }
  const cards = (who: string) => h.stub.messagesTo(who).filter((m) => m.msgType === 'interactive').map(messageText);

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
    h.clock.set(at('2026-10-14T10:00:00'));
    const p = await approvedPlan('104001', 2026, { title: '2026年度警务实战培训班', scope: '市内', institution: null, location: '柳州市柳北区' });
    const before = cards(REV_B).length;
    await recordClass(POL, p.id, '2026-10-13', '2026-10-15');
    const alerts = cards(REV_B).slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('柳州市公安局');
    expect(await job('2026-10-14T10:05:00')).toContain('此前已发送');
    expect(cards(REV_B).slice(before)).toHaveLength(1);
  });
});

describe('补录 since 2020', () => {
  const dir = () => fs.mkdtempSync(path.join(h.dir, 'hist-'));
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runCli(args, { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l), at('2026-11-27T10:00:00'));
    return { code, out: out.join('\n') };
  };
  const ROW = {
    1: 2023, 3: '102001', 5: '2023年度财政业务培训班', 6: '市内', 7: '线下', 9: '柳州市城中区', 10: 45, 11: 2, 12: 50000,
    14: '2023-05-10', 15: '2023-05-12', 16: '2023-04-20', 17: '2023-04-25', 18: 50, 19: 45, 20: 44, 21: '王芳（市委党校）', 22: '政策解读；实操', 23: 18, 24: 24000,
  } as Record<number, ExcelJS.CellValue>;

  async function sheet(rows: Record<number, ExcelJS.CellValue>[], template?: Buffer): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    if (template) await wb.xlsx.load(template as unknown as ArrayBuffer);
    else {
      const d = dir();
      expect((await cli('history:template', path.join(d, 't.xlsx'))).code).toBe(0);
      await wb.xlsx.readFile(path.join(d, 't.xlsx'));
    }
    const ws = wb.getWorksheet('执行数据补录')!;
    let r = ws.actualRowCount + 1;
    for (const values of rows) {
      for (const [col, v] of Object.entries(values)) ws.getCell(r, Number(col)).value = v;
      r++;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('history:import names every bad row by its row number and header, imports nothing, then imports a fixed file once', async () => {
    const d = dir();
    const good = [ROW, { ...ROW, 14: '2023-09-04', 15: '2023-09-06', 16: '2023-08-20', 17: '2023-08-22' }, { 1: 2024, 3: '102001', 5: '2024年度预算管理培训班', 6: '市内', 7: '线下', 11: 1 }];
    const badRows = [
      { ...ROW, 1: 2019, 5: '2019年度往年培训班' },
      { ...ROW, 5: '日期错的班', 14: '2023-06-10', 15: '2023-06-01' },
      { ...ROW, 5: '人数错的班', 18: 30, 19: 35 },
      { ...ROW, 3: '999999', 5: '单位错的班' },
    ];
    fs.writeFileSync(path.join(d, 'bad.xlsx'), await sheet([...good, ...badRows]));
    const bad = await cli('history:import', path.join(d, 'bad.xlsx'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('有 4 处问题，没有导入任何内容');
    expect(bad.out).toContain('第 7 行「年度」：年度应在 2020–2026 之间');
    expect(bad.out).toContain('第 8 行「结班日期」：结班日期不能早于开班日期');
    expect(bad.out).toContain('第 9 行「③审核通过人数」：审核通过人数（35）多于报名人数（30）。建议：请核对报名人数和审核通过人数。依据：');
    expect(bad.out).toContain('第 10 行「预算单位代码」：单位名册中没有预算单位代码「999999」');
    expect(await h.db.plan.count({ where: { year: 2023 } })).toBe(0);

    fs.writeFileSync(path.join(d, 'good.xlsx'), await sheet(good));
    expect((await cli('history:import', path.join(d, 'good.xlsx'), '--dry-run')).out).toContain('试运行：没有导入任何内容');
    const ok = await cli('history:import', path.join(d, 'good.xlsx'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('计划：新建 2 个（补录的往年计划），匹配已有 0 个');
    expect(ok.out).toContain('期次：新登记 2 期，已有 0 期');
    expect(ok.out).toContain('环节：补录 12 项');
    const twice = await cli('history:import', path.join(d, 'good.xlsx'));
    expect(twice.out).toContain('计划：新建 0 个（补录的往年计划），匹配已有 2 个');
    expect(twice.out).toContain('环节：补录 0 项，已有记录保持不变 12 项');
  });

  it('a unit sees what is missing, gets its pre-filled sheet, uploads the rest, and sends a statement for a plan not run', async () => {
    h.clock.set(at('2026-11-27T10:00:00'));
    const t = transcript(h, FIN);
    const status = await t.say('补录');
    expect(status[0]).toContain('未开展且未上传情况说明');
    const template = filesTo(FIN).at(-1)!;
    expect(template.fileName).toBe('2020年以来培训执行数据补录表（柳州市财政局）.xlsx');
    const pre = new ExcelJS.Workbook();
    await pre.xlsx.load(template.data as unknown as ArrayBuffer);
    expect(pre.getWorksheet('执行数据补录')!.actualRowCount).toBe(3 + 3); // title, note, header + 3 rows on record

    const upload = await sheet([{ 1: 2025, 3: '102001', 5: '2025年度政府采购培训班', 6: '市内', 7: '线上', 11: 1, 14: '2025-06-09', 15: '2025-06-10', 16: '2025-05-20', 17: '2025-05-22', 18: 120, 19: 118, 20: 115 }], template.data);
    await sendFile(FIN, '补录表.xlsx', upload);
    const check = t.all().at(-1)!;
    expect(check).toContain('「补录表.xlsx」检查通过');
    expect(check).toContain('3 个计划、3 期、16 项环节数据');
    const done = await t.click('确认导入');
    expect(done.cardText).toContain('环节：补录 4 项，已有记录保持不变 12 项');
    const steps = await h.db.classStep.count();
    await t.click('确认导入'); // a second click imports nothing more
    expect(await h.db.classStep.count()).toBe(steps);

    const after = await t.say('补录');
    expect(after[0]).toContain('第1期⑤⑥');

    const plan2024 = await h.db.plan.findFirstOrThrow({ where: { year: 2024, unitCode: '102001' } });
    const asked = await t.say(`上传情况说明 ${plan2024.number}`);
    expect(asked[0]).toContain('请把盖章的情况说明（PDF、Word 或拍照）直接发给我');
    await sendFile(FIN, '', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), true);
    expect(h.stub.textsTo(FIN).at(-1)).toContain(`已收到「${plan2024.number} 情况说明 图片1.jpg」，作为计划 ${plan2024.number}《2024年度预算管理培训班》的情况说明保存`);
    const final = await t.say('补录');
    expect(final[0]).not.toContain('未开展且未上传情况说明');
  });

  it('a 补录 upload with a row of another unit is refused by row and header', async () => {
    await sendFile(FIN, '补录2.xlsx', await sheet([{ ...ROW, 3: '101002', 5: '别人的班' }]));
    const msgs = transcript(h, FIN).all();
    expect(msgs.at(-2)).toContain('第 4 行「预算单位代码」：「柳州市就业服务中心」不是本单位或本单位的二层单位');
    expect(filesTo(FIN).at(-1)!.fileName).toBe('补录2（问题标注）.xlsx');
  });
});

describe('the completion report', () => {
  beforeAll(async () => {
    const ex = createStores(h.db);
    const ev = { at: at('2022-02-01T10:00:00'), actor: 'cli', action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'cli' as const };
    const done = async (classId: number, planId: number, steps: number[], when: (n: number) => string) => {
      for (const n of steps) await ex.steps.put({ classId, step: n as 1, expectedVersion: null, status: 'done', data: { amount: 1000 }, reportedBy: 'ou_x', reportedAt: at(when(n)), at: at(when(n)), source: 'chat', event: { ...ev, planId, action: 'step_report' } });
    };
    // 商务局: one class, all six steps on time.
    const a = await approvedPlan('105001', 2022, { title: '2022年度商务培训班', sessions: 1, scope: '市内', institution: null });
    const a1 = (await ex.classes.add({ planId: a.id, seq: 1, start: '2022-03-07', end: '2022-03-09', source: 'chat', at: ev.at, event: ev }))!.id;
    await done(a1, a.id, [1, 2, 3], () => '2022-02-20T10:00:00');
    await done(a1, a.id, [4, 5, 6], () => '2022-03-10T10:00:00');
    // 教育局: two classes, ⑤⑥ never reported for the first, ⑥ reported late for the second; and a plan not run, with a statement.
    const b = await approvedPlan('103001', 2022, { title: '2022年度校长培训班', sessions: 2, scope: '市内', institution: null });
    const b1 = (await ex.classes.add({ planId: b.id, seq: 1, start: '2022-04-11', end: '2022-04-13', source: 'chat', at: ev.at, event: ev }))!.id;
    await done(b1, b.id, [1, 2, 3], () => '2022-03-25T10:00:00');
    await done(b1, b.id, [4], () => '2022-04-14T10:00:00');
    const b2 = (await ex.classes.add({ planId: b.id, seq: 2, start: '2022-09-05', end: '2022-09-07', source: 'chat', at: ev.at, event: ev }))!.id;
    await done(b2, b.id, [1, 2, 3], () => '2022-08-20T10:00:00');
    await done(b2, b.id, [4, 5, 6], (n) => (n === 6 ? '2022-10-20T10:00:00' : '2022-09-08T10:00:00'));
    const c = await approvedPlan('103001', 2022, { title: '2022年度未开展的班', sessions: 1, scope: '市内', institution: null });
    await ex.attachments.add({ planId: c.id, classId: null, kind: 'statement', fileName: '情况说明.pdf', data: Buffer.from('%PDF 说明'), by: EDU, at: ev.at, event: { ...ev, action: 'statement' } });
  });

  it('counts a small fixture right and names the unit for the budget reduction, on the card and in Excel', async () => {
    h.clock.set(at('2026-11-27T10:00:00'));
    const rv = transcript(h, REV_A);
    const [card] = await rv.say('完成情况 2022');
    expect(card).toContain('2022年度：2 个单位、3 个计划、批准 4 期；已登记 3 期，六个环节全部完成 2 期；已上传情况说明 1 个');
    expect(card).toContain('**有缺项的单位（1 个）**');
    expect(card).toContain('- 柳州市教育局：1 个计划有缺项，已完成 1/2 期');
    // Only ⑤⑥ still missing is the budget cut [二(一)5]; ⑥ done late is its own list, for the reviewers.
    expect(card).toContain('**⑤⑥逾期未填报、拟压减下一年度培训经费的单位（1 个单位）**');
    expect(card).toContain('依据通知二(一)5：“在培训结束后五个工作日内，各主管单位必须登录系统完成教培管理、结算金额等信息录入。未完成项目信息的单位，将调减该单位下一年度培训预算。”');
    expect(card).toMatch(/柳州市教育局<\/font>：2022-\d{3} 第1期 ⑤教培管理逾期未填报（应于 4月20日 前）；2022-\d{3} 第1期 ⑥结算金额逾期未填报（应于 4月20日 前）\n/);
    expect(card).toContain('**逾期完成的环节（1 个单位，供审核人员研判，不列入压减名单）**');
    expect(card).toContain('依据通知一、二(一)4-5 的期限');
    expect(card).toMatch(/柳州市教育局<\/font>：2022-\d{3} 第2期 ⑥结算金额逾期完成（应于 9月15日 前，2022年10月20日 填报）/);
    expect(card).not.toMatch(/柳州市商务局<\/font>/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filesTo(REV_A).at(-1)!.data as unknown as ArrayBuffer);
    const values = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(4).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values('单位汇总')).toEqual([
      ['103001', '柳州市教育局', 2, 3, 2, 1, 1, 1, 0, '是', 1, '有缺项'],
      ['105001', '柳州市商务局', 1, 1, 1, 1, 0, 0, 0, '', 0, '已完成'],
    ]);
    expect(values('压减经费名单').map((r) => [r[1], r[2]])).toEqual([['柳州市教育局', expect.stringMatching(/^2022-\d{3} 第1期 ⑤教培管理逾期未填报（应于 4月20日 前）；2022-\d{3} 第1期 ⑥结算金额逾期未填报（应于 4月20日 前）$/)]]);
    expect(values('逾期完成').map((r) => [r[1], r[2]])).toEqual([['柳州市教育局', expect.stringMatching(/第2期 ⑥结算金额逾期完成（应于 9月15日 前，2022年10月20日 填报）$/)]]);
    // Each list's sheet says the rule it follows under its title.
    expect(String(wb.getWorksheet('压减经费名单')!.getCell('A2').value)).toContain('依据通知二(一)5');
    expect(String(wb.getWorksheet('逾期完成')!.getCell('A1').value)).toContain('逾期完成的环节（供审核人员研判，不列入压减名单）');
    expect(values('完成情况').map((r) => [r[1], r[6], r[14]])).toEqual([
      ['柳州市教育局', '第1期', '有缺项'],
      ['柳州市教育局', '第2期', '有缺项'],
      ['柳州市教育局', '', '未开展（已上传情况说明）'],
      ['柳州市商务局', '第1期', '已完成'],
    ]);

    const d = fs.mkdtempSync(path.join(h.dir, 'cmp-'));
    const out: string[] = [];
    const code = await runCli(['export', 'completion', path.join(d, 'c.xlsx'), '--year', '2022'], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l));
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('2 个单位、3 个计划；压减经费名单 1 个单位');

    const [own] = await transcript(h, EDU).say('完成情况 2022');
    expect(own).toContain('# 2022年度计划完成情况 · 柳州市教育局');
    expect(own).toContain('⑤⑥逾期');
    expect(own).toContain('📎 已上传情况说明');
    expect(own).not.toContain('商务局');
  });
});

describe('补录 reminders before Dec 31', () => {
  it('reach the units whose plans since 2020 are incomplete, 30 days before, with what is missing', async () => {
    const out: string[] = [];
    const code = await runCli(['jobs:run', 'execution-alerts', '--now', '2026-12-01T09:00:00+08:00'], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l));
    expect(code).toBe(0);
    await new Promise((r) => setTimeout(r, 250));
    await h.bot.idle();
    const edu = h.stub.messagesTo(EDU).filter((m) => m.msgType === 'interactive').map(messageText).at(-1)!;
    expect(edu).toContain('# 执行数据补录提醒');
    expect(edu).toContain('**柳州市教育局**：2020年以来的培训项目还有 1 个执行数据不全，请于 **2026年12月31日 23:59**（还有 30 天）前补录');
    expect(edu).toMatch(/2022-\d{3}《2022年度校长培训班》第1期⑤⑥/);
    expect(edu).toContain('[获取补录模板]');
    const fin = h.stub.messagesTo(FIN).filter((m) => m.msgType === 'interactive').map(messageText).at(-1)!;
    expect(fin).toMatch(/2025-\d{3}《2025年度政府采购培训班》第1期⑤⑥/);
    // Units with nothing missing hear nothing.
    expect(out.join('\n')).not.toContain(DECL);
  });
});

describe('cancelling a class', () => {
  it('确认取消 acts only on the class as the card showed it: an outdated copy cancels nothing', async () => {
    h.clock.set(at('2026-09-14T10:00:00'));
    const p = await approvedPlan('105001', 2026, { title: '2026年度商务系统业务培训班', sessions: 1 });
    await h.db.user.create({ data: { openId: 'ou_ex_commerce01', name: '刘洋', role: 'declarant', unitCode: '105001' } });
    const t = transcript(h, 'ou_ex_commerce01');
    const { classId, messageId } = await recordClass('ou_ex_commerce01', p.id, '2026-11-16', '2026-11-18');
    const asked = await t.clickValue(messageId, { a: 'class', cls: classId, op: 'cancel' });
    const confirm = valueIn(asked.card, 'class', { op: 'cancel_yes' });
    expect(confirm.v).toEqual(expect.any(Number));
    // the dates change after the confirmation card went out
    const dates = await t.clickValue(messageId, { a: 'class', cls: classId, op: 'dates' });
    expect(dates.toast?.type).toBe('info');
    await t.clickValue(messageId, { a: 'class_save', plan: p.id, cls: classId, v: confirm.v as number }, { formValue: { start: '2026-11-23 +0800', end: '2026-11-25 +0800' } });
    const stale = await h.click('ou_ex_commerce01', 'om_old_confirm_copy', confirm);
    expect(stale.json).toMatchObject({ toast: { type: 'warning', content: '这一期在卡片发出后已有变化，已显示最新内容' } });
    expect((await h.db.trainingClass.findUniqueOrThrow({ where: { id: classId } })).status).toBe('active');
    // the card as it is now (the same click on the old message would be answered from the dedupe record)
    const again = await t.clickValue('om_class_card_now', { a: 'class', cls: classId, op: 'cancel' });
    const done = await t.clickValue('om_class_card_now', valueIn(again.card, 'class', { op: 'cancel_yes' }));
    expect(done.toast).toMatchObject({ type: 'success', content: '已取消这一期' });
    expect((await h.db.trainingClass.findUniqueOrThrow({ where: { id: classId } })).status).toBe('cancelled');
  });
});
