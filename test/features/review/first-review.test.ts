// First review on cards [seed 二(一)2]: every reviewer (or the review group) gets the card when a plan is
// submitted; one decision however many click; every copy shows it; a reviewer linked to the unit may not decide.
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../support/converse.ts';
import { moveTo, plan } from '../../support/fixtures.ts';
import { decide, EDU, FIN, FORM, HRSS, reviewCardIn, reviewValue, REVIEWER_A, REVIEWER_B, reviewWorld, submitted, textsTo, UNITS } from './helpers.ts';

let w: World;
afterEach(() => w.lintSentCards());

describe('first review', () => {
  it('approve: every reviewer got the card; after the decision every copy shows it and the unit is told', async () => {
    w = await reviewWorld();
    const number = await submitted(w, HRSS);
    const a = reviewCardIn(w, REVIEWER_A, number);
    const b = reviewCardIn(w, REVIEWER_B, number);
    expect(w.as(REVIEWER_A).all().join('\n')).toContain('✅ 符合通知的各项要求');
    const r = await decide(w, REVIEWER_A, number, 'approve');
    expect(r.toast).toMatchObject({ type: 'success', content: '初审通过' });
    expect(r.cardText).toContain('审核员甲 于');
    expect(r.cardText).not.toContain('[通过]');
    for (const m of [a, b]) {
      const patched = w.messenger.patches().filter((p) => p.messageId === m.messageId).at(-1)!;
      expect(JSON.stringify(patched.content)).toContain('初审通过 · ');
      expect(JSON.stringify(patched.content)).not.toContain('"tag":"button"');
    }
    expect(textsTo(w, HRSS).at(-1)).toContain(`${number}《2027年度业务能力提升培训班》初审已通过`);
  });

  it('a declarant clicking a forwarded review card is refused', async () => {
    w = await reviewWorld();
    const number = await submitted(w, EDU);
    const card = reviewCardIn(w, REVIEWER_A, number);
    const r = await w.as(EDU).clickValue(card.messageId, reviewValue(card.content, 'approve'));
    expect(r.toast).toEqual({ type: 'error', content: '只有市工作领导小组办公室的审核人员可以操作' });
    expect((await w.stores.plans.byNumber(number))!.status).toBe('SUBMITTED');
  });

  it('two reviewers clicking at once produce one decision; the other is told who decided and when', async () => {
    w = await reviewWorld();
    const number = await submitted(w, FIN);
    const [ra, rb] = await Promise.all([decide(w, REVIEWER_A, number, 'approve'), decide(w, REVIEWER_B, number, 'approve')]);
    const toasts = [ra.toast!, rb.toast!];
    expect(toasts.filter((t) => t.type === 'success')).toHaveLength(1);
    expect(toasts.find((t) => t.type === 'warning')!.content).toMatch(/^已由 审核员[甲乙] 于 2026年8月3日 \d\d:\d\d 初审通过，这张卡片已过期$/);
    const plan = (await w.stores.plans.byNumber(number))!;
    expect((await w.stores.plans.events(plan.id)).filter((e) => e.action === 'approve_first')).toHaveLength(1);
  });
  it('a card of a plan withdrawn and submitted again: who resubmitted it, then expired', async () => {
    w = await reviewWorld();
    const number = await submitted(w, HRSS);
    const old = reviewCardIn(w, REVIEWER_A, number);
    const t = w.as(HRSS);
    await t.say('我的申报');
    expect((await t.click('撤回')).toast).toMatchObject({ type: 'success', content: `已撤回 ${number}，现在是草稿` });
    await t.say('我的申报');
    await t.click('继续填写');
    expect((await t.say('提交')).join('\n')).toContain(`已提交 · ${number}`);
    expect(reviewCardIn(w, REVIEWER_A, number).messageId).not.toBe(old.messageId);

    const r = await w.as(REVIEWER_A).clickValue(old.messageId, reviewValue(old.content, 'approve'));
    expect(r.toast).toEqual({ type: 'warning', content: '已由 李明 于 2026年8月3日 10:00 重新提交，这张卡片已过期' });
    expect((await w.stores.plans.byNumber(number))!.status).toBe('SUBMITTED');
  });

  it('a card of a plan withdrawn since: expired, and the plan is a draft now', async () => {
    w = await reviewWorld();
    const number = await submitted(w, EDU);
    const old = reviewCardIn(w, REVIEWER_A, number);
    await w.as(EDU).say('我的申报');
    await w.as(EDU).click('撤回');
    const r = await w.as(REVIEWER_A).clickValue(old.messageId, reviewValue(old.content, 'approve'));
    expect(r.toast).toEqual({ type: 'warning', content: '已由 赵敏 于 2026年8月3日 10:00 撤回，这张卡片已过期' });
  });

  it('a card of a plan an operator changed since (no decision recorded): expired, then why, in one sentence', async () => {
    w = await reviewWorld();
    const imported = await plan(w.stores, { year: 2027, unitCode: UNITS.fin.code, status: 'SUBMITTED', data: { budgetCode: UNITS.fin.code, title: '2027年度预算绩效管理培训班' }, at: w.clock.now() });
    await w.as(REVIEWER_A).say('待审');
    const old = reviewCardIn(w, REVIEWER_A, imported.number);
    await moveTo(w.stores, imported.id, 'SUBMITTED', w.clock.now());
    const r = await w.as(REVIEWER_A).clickValue(old.messageId, reviewValue(old.content, 'approve'));
    expect(r.toast).toEqual({ type: 'warning', content: '这张卡片已过期，这个计划刚刚被别人（或另一个窗口）修改过。请重新打开计划查看最新内容后再操作。' });
    await moveTo(w.stores, imported.id, 'DRAFT', w.clock.now());
    const again = await w.as(REVIEWER_A).clickValue(old.messageId, reviewValue(old.content, 'approve'));
    expect(again.toast).toEqual({ type: 'warning', content: '这张卡片已过期，计划当前状态为「草稿」，不能初审通过' });
  });
});

describe('with a review group (REVIEW_CHAT_ID)', () => {
  it('posts the review card in the group instead of to each reviewer', async () => {
    w = await reviewWorld({ settings: { reviewChatId: 'oc_review_group_01' }, units: [UNITS.hrss], people: [{ openId: HRSS, name: '李明', unitCode: UNITS.hrss.code }, { openId: REVIEWER_A, name: '审核员甲', reviewer: true }] });
    const t = w.as(HRSS);
    await t.say('表单申报');
    await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: FORM });
    await t.say('提交');
    const posted = w.messenger.all().filter((m) => m.receiveId.startsWith('oc_'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.receiveId).toBe('oc_review_group_01');
    expect(w.messenger.to(REVIEWER_A)).toHaveLength(0);
  });
});

describe('a reviewer linked to a unit', () => {
  it("may not decide that unit's plans: refused with who must decide, and the card says so to every reviewer", async () => {
    w = await reviewWorld({
      units: [UNITS.fin, UNITS.treasury],
      people: [
        { openId: FIN, name: '张伟', unitCode: UNITS.fin.code },
        { openId: REVIEWER_A, name: '审核员甲', reviewer: true },
        // a reviewer who still belongs to a second-tier unit of 财政局
        { openId: REVIEWER_B, name: '审核员乙', reviewer: true, unitCode: UNITS.treasury.code },
      ],
    });
    const t = w.as(FIN);
    await t.say('表单申报');
    // a unit with second-tier units says which unit the class is for
    await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...FORM, budgetCode: '102001' } });
    await t.say('提交');
    const card = [...w.messenger.to(REVIEWER_B)].reverse().find((m) => m.msgType === 'interactive')!;
    expect(JSON.stringify(card.content)).toContain('审核人员 审核员乙 关联了本单位，不能审核此计划，需由其他审核人员决定。');
    const value = reviewValue(card.content, 'approve');
    const refused = await w.as(REVIEWER_B).clickValue(card.messageId, value);
    expect(refused.toast).toEqual({ type: 'error', content: '您关联了柳州市财政国库支付中心，不能审核本单位的计划，请由其他审核人员决定' });
    const returning = await w.as(REVIEWER_B).clickValue(card.messageId, { ...value, op: 'return' });
    expect(returning.toast?.type).toBe('error');
    const [plan] = await w.stores.plans.list({ unitCode: '102001' });
    expect(plan!.status).toBe('SUBMITTED');
    const other = [...w.messenger.to(REVIEWER_A)].reverse().find((m) => m.msgType === 'interactive')!;
    expect((await w.as(REVIEWER_A).clickValue(other.messageId, value)).toast).toMatchObject({ type: 'success', content: '初审通过' });
  });
});
