// Review by message cards, end to end: first review, returns with per-field comments and the revision,
// safe decisions, closing, second review, municipal approval and publication.
import { createStores } from '../../src/db/stores.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { transcript } from '../support/transcript.ts';

const HRSS = 'ou_rv_decl_hrss1';
const EDU = 'ou_rv_decl_edu01';
const FIN = 'ou_rv_decl_fin01';
const REVIEWER_A = 'ou_rv_reviewer_a';
const REVIEWER_B = 'ou_rv_reviewer_b';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  await createStores(h.db).registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '103001', name: '柳州市教育局', parentCode: null, staffCount: 200, contactName: null, contactMobile: null },
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 120, contactName: null, contactMobile: null },
  ]);
  await h.db.user.createMany({
    data: [
      { openId: HRSS, name: '李明', role: 'declarant', unitCode: '101001' },
      { openId: EDU, name: '赵敏', role: 'declarant', unitCode: '103001' },
      { openId: FIN, name: '张伟', role: 'declarant', unitCode: '102001' },
      { openId: REVIEWER_A, name: '审核员甲', role: 'reviewer' },
      { openId: REVIEWER_B, name: '审核员乙', role: 'reviewer' },
    ],
  });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());
beforeEach(() => h.clock.set(DECLARING));

const FORM = {
  title: '2027年度业务能力提升培训班', scope: '市内', mode: '线下', audience: '业务科室工作人员', headcount: '45', sessions: '1', days: '3',
  month: '10', location: '柳州市城中区', budget: '30000', contactName: '联系人', contactPhone: '0772-2825472',
};

/** Declares and submits a plan through the form card; returns its number. */
async function submitted(openId: string, values: Partial<typeof FORM> = {}): Promise<string> {
  const t = transcript(h, openId);
  await t.say('表单申报');
  const r = await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...FORM, ...values } });
  expect(r.toast?.type).toBe('success');
  const done = await t.say('提交');
  return /已提交 · (2027-\d{3})/.exec(done.join('\n'))![1]!;
}

function reviewCardOf(reviewer: string, number: string) {
  return [...h.stub.messagesTo(reviewer)].reverse().find((m) => m.msgType === 'interactive' && JSON.stringify(m.content).includes(`· ${number}`))!;
}

const decide = (reviewer: string, number: string, op: string, formValue?: Record<string, unknown>) => {
  const card = reviewCardOf(reviewer, number);
  const value = JSON.parse(JSON.stringify(card.content).match(new RegExp(`\\{"a":"review","plan":\\d+,"v":\\d+,"op":"${op === 'review_return' ? 'return' : op}"\\}`))![0]);
  const v = op === 'review_return' ? { a: 'review_return', plan: value.plan, v: value.v } : value;
  return transcript(h, reviewer).clickValue(card.messageId, v, formValue ? { formValue } : {});
};

describe('first review', () => {
  it('approve: every reviewer got the card; after the decision every copy shows it and the unit is told', async () => {
    const number = await submitted(HRSS);
    const a = reviewCardOf(REVIEWER_A, number);
    const b = reviewCardOf(REVIEWER_B, number);
    expect(transcript(h, REVIEWER_A).all().join('\n')).toContain('✅ 符合通知的各项要求');
    const r = await decide(REVIEWER_A, number, 'approve');
    expect(r.toast).toMatchObject({ type: 'success', content: '初审通过' });
    expect(r.cardText).toContain('审核员甲 于');
    expect(r.cardText).not.toContain('[通过]');
    await h.bot.idle();
    for (const m of [a, b]) {
      const patch = h.stub.patches.filter((p) => p.messageId === m.messageId).at(-1)!;
      expect(JSON.stringify(patch.content)).toContain('初审通过 · ');
      expect(JSON.stringify(patch.content)).not.toContain('"tag":"button"');
    }
    expect(h.stub.textsTo(HRSS).at(-1)).toContain(`${number}《2027年度业务能力提升培训班》初审已通过`);
  });

  it('a declarant clicking a forwarded review card is refused', async () => {
    const number = await submitted(EDU);
    const card = reviewCardOf(REVIEWER_A, number);
    const value = JSON.parse(JSON.stringify(card.content).match(/\{"a":"review","plan":\d+,"v":\d+,"op":"approve"\}/)![0]);
    const r = await transcript(h, EDU).clickValue(card.messageId, value);
    expect(r.toast).toEqual({ type: 'error', content: '只有市工作领导小组办公室的审核人员可以操作' });
    expect((await h.db.plan.findUnique({ where: { number } }))!.status).toBe('SUBMITTED');
  });

  it('two reviewers clicking at once produce one decision; the other is told who decided and when', async () => {
    const number = await submitted(FIN);
    const [ra, rb] = await Promise.all([decide(REVIEWER_A, number, 'approve'), decide(REVIEWER_B, number, 'approve')]);
    const toasts = [ra.toast!, rb.toast!];
    expect(toasts.filter((t) => t.type === 'success')).toHaveLength(1);
    expect(toasts.find((t) => t.type === 'warning')!.content).toMatch(/^已由 审核员[甲乙] 于 2026年8月3日 \d\d:\d\d 初审通过，这张卡片已过期$/);
    const events = await h.db.planEvent.findMany({ where: { plan: { number }, action: 'approve_first' } });
    expect(events).toHaveLength(1);
  });
});

describe('return, revise, resubmit', () => {
  it('returns with two fields; the declarant revises exactly those; reviewers see what changed and the previous comment', async () => {
    const number = await submitted(EDU, { title: '2027年度教师信息化能力培训班', headcount: '45', month: '10' });
    // the return form opens in the card
    const opened = await decide(REVIEWER_A, number, 'return');
    expect(opened.cardText).toContain('<comment>');
    // a form without fields is refused inline
    const bad = await decide(REVIEWER_A, number, 'review_return', { comment: '请调整', fields: [] });
    expect(bad.toast?.type).toBe('error');
    expect(bad.cardText).toContain('请至少选择一个需要修改的项目');
    const r = await decide(REVIEWER_A, number, 'review_return', {
      comment: '人数偏少且时间与全市会议冲突，请调整',
      fields: ['headcount'],
      notes: '每期人数：不少于50人\n计划月份：改到9月',
    });
    expect(r.toast).toMatchObject({ type: 'success', content: '退回修改' });
    // the decided card keeps what was asked of the unit, on every reviewer's copy
    expect(r.cardText).toContain('意见：人数偏少且时间与全市会议冲突，请调整');
    expect(r.cardText).toContain('需修改：每期人数（不少于50人）、计划月份（改到9月）');
    await h.bot.idle();
    const copyB = reviewCardOf(REVIEWER_B, number);
    const patchedB = h.stub.patches.filter((x) => x.messageId === copyB.messageId).at(-1)!;
    expect(JSON.stringify(patchedB.content)).toContain('需修改：每期人数（不少于50人）、计划月份（改到9月）');

    const t = transcript(h, EDU);
    const notice = t.all().at(-1)!;
    expect(notice).toContain(`# 退回修改 · ${number}`);
    expect(notice).toContain('审核意见：人数偏少且时间与全市会议冲突，请调整');
    expect(notice).toContain('- 每期人数：不少于50人');
    expect(notice).toContain('- 计划月份：改到9月');
    expect(notice).toContain('请于 **2026年8月10日 23:59** 前修改后重新提交');

    const revise = await t.click('修改');
    expect(revise.messages[0]).toContain('每期多少人');
    // each question of the revision says what is there now and what the reviewer asked of it
    expect(revise.messages[0]).toContain('现在填的是：45人\n审核意见：不少于50人');
    const month = (await t.say('50'))[0]!;
    expect(month).toContain('# 计划月份');
    expect(month).toContain('现在填的是：10月');
    expect(month).toContain('审核意见：改到9月');
    const summary = await t.click('9月');
    expect(summary.messages.at(-1)).toContain('# 申报汇总');
    expect(summary.messages.at(-1)).toContain('**每期人数**　50人');
    expect((await t.say('提交')).join('\n')).toContain(`已提交 · ${number}`);

    const card = transcript(h, REVIEWER_B).all().at(-1)!;
    expect(card).toContain(`# 待初审 · ${number}`);
    expect(card).toContain('修改后重新提交');
    expect(card).toContain('- 每期人数：45人 → **50人**');
    expect(card).toContain('- 计划月份：10月 → **9月**');
    expect(card).toContain('上次退回意见：人数偏少且时间与全市会议冲突，请调整');

    // the card of the first version is outdated: its click is refused with who decided
    const oldCard = [...h.stub.messagesTo(REVIEWER_A)].find((m) => JSON.stringify(m.content).includes(`待初审 · ${number}`))!;
    const oldValue = JSON.parse(JSON.stringify(oldCard.content).match(/\{"a":"review","plan":\d+,"v":\d+,"op":"approve"\}/)![0]);
    const stale = await transcript(h, REVIEWER_A).clickValue(oldCard.messageId, oldValue);
    expect(stale.toast?.type).toBe('warning');
    expect(stale.toast?.content).toContain('这张卡片已过期');

    const approved = await decide(REVIEWER_B, number, 'approve');
    expect(approved.toast).toMatchObject({ type: 'success', content: '初审通过' });
    // 查看详情: the whole history
    const detail = await decide(REVIEWER_B, number, 'detail');
    expect(detail.messages[0]).toContain(`# 处理记录 · ${number}`);
    expect(detail.messages[0]).toContain('审核员甲 **退回修改**');
    expect(detail.messages[0]).toContain('意见：人数偏少且时间与全市会议冲突，请调整');
    expect(detail.messages[0]).toContain('审核员乙 **初审通过**');
    // the first submission is 提交, the one after the return 重新提交; each change with its old and new value
    expect(detail.messages[0]).toMatch(/赵敏 创建草稿，填写 14 项（卡片）\n　预算单位代码：103001\n　培训班名称：2027年度教师信息化能力培训班\n/);
    expect(detail.messages[0]).toContain('赵敏 **提交**（已提交，待初审）');
    expect(detail.messages[0]).toContain('赵敏 **重新提交**（已提交，待初审）');
    expect(detail.messages[0]).toContain('　每期人数：45人 → 50人');
    expect(detail.messages[0]).toContain('　计划月份：10月 → 9月');
  });

  it('revision after the deadline is refused with the date', async () => {
    const number = await submitted(HRSS, { title: '2027年度劳动关系协调员培训班' });
    await decide(REVIEWER_A, number, 'review_return', { comment: '请补充培训对象', fields: ['audience'] });
    h.clock.set(new Date('2026-08-11T09:00:00+08:00'));
    const t = transcript(h, HRSS);
    const r = await t.click('修改');
    expect(r.messages.join('\n')).toContain('申报和修改已于 2026年8月10日 23:59 截止，系统已关闭，不再受理');
    h.clock.set(DECLARING);
  });
});

describe('before the close', () => {
  it('复审, 报批 and the batch button say why they wait, with the date', async () => {
    h.clock.set(DECLARING);
    const rv = transcript(h, REVIEWER_A);
    const second = (await rv.say('复审'))[0]!;
    expect(second).toMatch(/^2027年度的复审在申报系统关闭后进行：修改截止是 2026年8月10日 23:59，之后发送「复审」。现在有 \d+ 个计划已提交或初审通过，初审请发送「待审」。$/);
    expect((await rv.say('报批'))[0]).toContain('2027年度的报批在申报系统关闭后进行：修改截止是 2026年8月10日 23:59');
    const r = await rv.clickValue('om_old_card', { a: 'batch2', year: 2027 });
    expect(r.toast?.type).toBe('warning');
    expect(r.toast?.content).toContain('2027年度的复审在申报系统关闭后进行');
    expect(await h.db.plan.count({ where: { year: 2027, status: 'SECOND_APPROVED' } })).toBe(0);
  });
});

describe('similar plans of different units [notice 二(二)四、二(二)五]', () => {
  it('the declarant\'s summary suggests joint training, the reviewer\'s card lists the similar plan, 相似计划 shows the pair', async () => {
    const fin = await submitted(FIN, { title: '2027年度预算绩效管理培训班', month: '9', audience: '本系统财务人员' });
    const t = transcript(h, HRSS);
    await t.say('表单申报');
    const r = await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...FORM, title: '预算绩效培训班', audience: '全市财务人员' } });
    expect(r.cardText).toContain(`💡 柳州市财政局也计划在9月办「2027年度预算绩效管理培训班」（${fin}，都有「预算绩效」，对象都有「财务」），可考虑联合办班〔通知 二(二)五〕`);
    const mine = /已提交 · (2027-\d{3})/.exec((await t.say('提交')).join('\n'))![1]!;
    const card = transcript(h, REVIEWER_A).all().find((x) => x.includes(`# 待初审 · ${mine}`))!;
    expect(card).toContain('**其他单位的相似计划**（可建议联合办班〔通知 二(二)五〕，避免项目冗杂〔二(二)四〕）');
    expect(card).toContain(`- 柳州市财政局也计划在9月办「2027年度预算绩效管理培训班」（${fin}，都有「预算绩效」，对象都有「财务」）`);
    const overview = (await transcript(h, REVIEWER_A).say('相似计划 2027')).join('\n');
    expect(overview).toContain('# 相似计划 · 2027年度');
    expect(overview).toMatch(new RegExp(`柳州市(财政局|人力资源和社会保障局) (${fin}|${mine})《[^》]+》\\d+月 ↔ 柳州市(财政局|人力资源和社会保障局) (${fin}|${mine})《[^》]+》\\d+月（都有「预算绩效」，对象都有「财务」）`));
    // a declarant may not ask for it
    expect((await transcript(h, HRSS).say('相似计划'))[0]).toContain('只有相应权限的人员可以使用');
  });
});

describe('closing, second review, approval, publication', () => {
  it('close → expired; 复审 with batch approval; 报批; 全部审批通过; 公布 sends one card per unit', async () => {
    // a draft and an unrevised return at close
    const t = transcript(h, FIN);
    await t.say('申报');
    await t.say('2027年度一份没提交的草稿');
    await t.say('保存草稿');

    const job = async (name: string, at: string) => {
      const out: string[] = [];
      expect(await runCli(['jobs:run', name, '--now', at], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l))).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      await h.bot.idle();
      return out.join('\n');
    };
    expect(await job('close', '2026-08-10T23:00:00+08:00')).toContain('没有到了修改截止、尚未关闭的申报年度。'); // not yet
    h.clock.set(new Date('2026-08-11T00:05:00+08:00'));
    expect(await job('close', '2026-08-11T00:01:00+08:00')).toMatch(/已关闭 2027年度的申报，[1-9]\d* 个计划作逾期处理。/);
    expect(await job('close', '2026-08-11T01:00:00+08:00')).toContain('没有到了修改截止、尚未关闭的申报年度。'); // once only
    expect(await h.db.plan.count({ where: { year: 2027, status: { in: ['DRAFT', 'RETURNED'] } } })).toBe(0);
    expect(h.stub.textsTo(FIN).at(-1)).toContain('已作逾期处理，不再受理：');
    expect(h.stub.textsTo(REVIEWER_A).at(-1)).toMatch(/2027年度培训计划申报已关闭：\d+ 个计划等待复审/);

    h.clock.set(new Date('2026-08-12T09:00:00+08:00'));
    const rv = transcript(h, REVIEWER_A);
    const list = await rv.say('复审');
    expect(list[0]).toMatch(/# 2027年度复审 · 待复审 \d+ 个/);
    expect(list[0]).toContain('**合计**');
    const waiting = await h.db.plan.count({ where: { year: 2027, status: { in: ['FIRST_APPROVED', 'SUBMITTED'] } } });
    const batch = await rv.click(/^全部通过/);
    expect(batch.toast?.content).toBe(`已复审通过 ${waiting} 个计划`);

    const sent = await rv.say('报批');
    expect(sent[0]).toContain('# 2027年度培训计划报批汇总');
    expect(sent[0]).toContain('柳州市人力资源和社会保障局');
    expect(sent[0]).toContain('**合计**');
    const one = await h.db.plan.findFirst({ where: { year: 2027, status: 'SENT_FOR_APPROVAL', unitCode: '101001' } });
    expect((await rv.say(`审批 ${one!.number} 不通过 与部门职能关联不大`))[0]).toBe(`已登记：${one!.number} 审批不通过。`);
    const all = await rv.click('登记：全部审批通过');
    expect(all.toast?.content).toMatch(/已登记 \d+ 个计划审批通过/);

    await rv.say('公布');
    const before = { hrss: h.stub.messagesTo(HRSS).length, edu: h.stub.messagesTo(EDU).length, fin: h.stub.messagesTo(FIN).length };
    const pub = await rv.click('确认公布');
    expect(pub.toast?.content).toMatch(/已向 \d+ 个单位公布/);
    const newCards = (who: string, n: number) => h.stub.messagesTo(who).slice(n).filter((m) => JSON.stringify(m.content).includes('年度培训计划审批结果'));
    expect(newCards(HRSS, before.hrss)).toHaveLength(1);
    expect(newCards(EDU, before.edu)).toHaveLength(1);
    const hrssCard = transcript(h, HRSS).all().at(-1)!;
    expect(hrssCard).toContain('未通过：');
    expect(hrssCard).toContain('理由：与部门职能关联不大');
    expect(await h.db.plan.count({ where: { year: 2027, status: 'PUBLISHED' } })).toBeGreaterThan(0);
    // publishing again sends nothing new
    await rv.click('确认公布');
    expect(newCards(HRSS, before.hrss)).toHaveLength(1);
  });
});

describe('进度', () => {
  it('tells a declarant where each plan is and for how long; reviewers see their queue with ages', async () => {
    h.clock.set(new Date('2026-07-30T09:00:00+08:00')); // a Thursday
    const number = await submitted(FIN, { title: '2027年度财政票据管理培训班' });
    h.clock.set(new Date('2026-08-03T15:00:00+08:00')); // the next Monday: Fri + Mon = 2 working days
    const mine = (await transcript(h, FIN).say('进度'))[0]!;
    expect(mine).toContain(`${number}《2027年度财政票据管理培训班》`);
    expect(mine).toContain('已提交，待初审 · 在：市工作领导小组办公室（初审） · 自 7月30日 09:00 起 2 个工作日');
    expect(mine).toContain('下一个截止：申报 2026年8月5日 23:59');
    const queue = (await transcript(h, REVIEWER_A).say('进度'))[0]!;
    expect(queue).toMatch(/# 待初审 \d+ 个/);
    expect(queue).toContain(`${number} 柳州市财政局《2027年度财政票据管理培训班》 7月30日 09:00 提交，已等待 2 个工作日`);
  });
});

describe('with a review group (REVIEW_CHAT_ID)', () => {
  it('posts the review card in the group instead of to each reviewer', async () => {
    const g = await startHarness({ start: DECLARING, env: { REVIEW_CHAT_ID: 'oc_review_group_01' } });
    try {
      await createStores(g.db).registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
      await g.db.user.createMany({ data: [{ openId: HRSS, name: '李明', role: 'declarant', unitCode: '101001' }, { openId: REVIEWER_A, name: '审核员甲', role: 'reviewer' }] });
      const t = transcript(g, HRSS);
      await t.say('表单申报');
      await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: FORM });
      await t.say('提交');
      const posted = g.stub.messages.filter((m) => m.receiveIdType === 'chat_id');
      expect(posted).toHaveLength(1);
      expect(posted[0]!.receiveId).toBe('oc_review_group_01');
      expect(g.stub.messagesTo(REVIEWER_A)).toHaveLength(0);
      g.lintSentCards();
    } finally {
      await g.stop();
    }
  });
});

describe('a reviewer linked to a unit', () => {
  it('may not decide that unit\'s plans: refused with who must decide, and the card says so to every reviewer', async () => {
    const g = await startHarness({ start: DECLARING });
    try {
      await createStores(g.db).registry.saveUnits([
        { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 120, contactName: null, contactMobile: null },
        { code: '102002', name: '柳州市财政国库支付中心', parentCode: '102001', staffCount: 30, contactName: null, contactMobile: null },
      ]);
      await g.db.user.createMany({
        data: [
          { openId: FIN, name: '张伟', role: 'declarant', unitCode: '102001' },
          { openId: REVIEWER_A, name: '审核员甲', role: 'reviewer' },
          // a reviewer who still belongs to a second-tier unit of 财政局
          { openId: REVIEWER_B, name: '审核员乙', role: 'reviewer', unitCode: '102002' },
        ],
      });
      const t = transcript(g, FIN);
      await t.say('表单申报');
      // a unit with second-tier units says which unit the class is for
      await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...FORM, budgetCode: '102001' } });
      await t.say('提交');
      await g.bot.idle();
      const card = [...g.stub.messagesTo(REVIEWER_B)].reverse().find((m) => m.msgType === 'interactive')!;
      expect(JSON.stringify(card.content)).toContain('审核人员 审核员乙 关联了本单位，不能审核此计划，需由其他审核人员决定。');
      const value = JSON.parse(JSON.stringify(card.content).match(/\{"a":"review","plan":\d+,"v":\d+,"op":"approve"\}/)![0]);
      const refused = await transcript(g, REVIEWER_B).clickValue(card.messageId, value);
      expect(refused.toast).toEqual({ type: 'error', content: '您关联了柳州市财政国库支付中心，不能审核本单位的计划，请由其他审核人员决定' });
      const returning = await transcript(g, REVIEWER_B).clickValue(card.messageId, { ...value, op: 'return' });
      expect(returning.toast?.type).toBe('error');
      expect((await g.db.plan.findFirstOrThrow({ where: { unitCode: '102001' } })).status).toBe('SUBMITTED');
      const other = [...g.stub.messagesTo(REVIEWER_A)].reverse().find((m) => m.msgType === 'interactive')!;
      expect((await transcript(g, REVIEWER_A).clickValue(other.messageId, value)).toast).toMatchObject({ type: 'success', content: '初审通过' });
      g.lintSentCards();
    } finally {
      await g.stop();
    }
  });
});
