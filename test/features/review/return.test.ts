// 退回修改 [seed 二(一)2]: the return form on the card, per-field comments, the unit's notice with 修改, the
// revision of exactly those fields, what the reviewers see of it, and the processing record (查看详情).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { World } from '../../support/converse.ts';
import { decide, EDU, HRSS, reviewCardIn, reviewValue, REVIEWER_A, REVIEWER_B, reviewWorld, submitted } from './helpers.ts';

let w: World;
beforeEach(async () => {
  w = await reviewWorld();
});
afterEach(() => w.lintSentCards());

describe('return, revise, resubmit', () => {
  it('returns with two fields; the declarant revises exactly those; reviewers see what changed and the previous comment', async () => {
    const number = await submitted(w, EDU, { title: '2027年度教师信息化能力培训班', headcount: '45', month: '10' });
    const firstCard = reviewCardIn(w, REVIEWER_A, number);
    // the return form opens in the card
    const opened = await decide(w, REVIEWER_A, number, 'return');
    expect(opened.toast).toEqual({ type: 'info', content: '请填写退回意见' });
    expect(opened.cardText).toContain('<comment>');
    // a form without fields is refused inline
    const bad = await decide(w, REVIEWER_A, number, 'review_return', { comment: '请调整', fields: [] });
    expect(bad.toast?.type).toBe('error');
    expect(bad.cardText).toContain('请至少选择一个需要修改的项目');
    const r = await decide(w, REVIEWER_A, number, 'review_return', {
      comment: '人数偏少且时间与全市会议冲突，请调整',
      fields: ['headcount'],
      notes: '每期人数：不少于50人\n计划月份：改到9月',
    });
    expect(r.toast).toMatchObject({ type: 'success', content: '退回修改' });
    // the decided card keeps what was asked of the unit, on every reviewer's copy
    expect(r.cardText).toContain('意见：人数偏少且时间与全市会议冲突，请调整');
    expect(r.cardText).toContain('需修改：每期人数（不少于50人）、计划月份（改到9月）');
    const copyB = reviewCardIn(w, REVIEWER_B, number);
    expect(JSON.stringify(w.messenger.cardNow(copyB.messageId))).toContain('需修改：每期人数（不少于50人）、计划月份（改到9月）');

    const t = w.as(EDU);
    const notice = t.all().at(-1)!;
    expect(notice).toContain(`# 退回修改 · ${number}`);
    expect(notice).toContain('审核意见：人数偏少且时间与全市会议冲突，请调整');
    expect(notice).toContain('- 每期人数：不少于50人');
    expect(notice).toContain('- 计划月份：改到9月');
    expect(notice).toContain('请于 **2026年8月10日 23:59** 前修改后重新提交');
    // 修改 is the declaration feature's: its value stays { a: 'revise', plan }
    const plan = (await w.stores.plans.byNumber(number))!;
    expect(JSON.stringify(t.lastCard().content)).toContain(JSON.stringify({ a: 'revise', plan: plan.id }));

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

    const card = w.as(REVIEWER_B).all().at(-1)!;
    expect(card).toContain(`# 待初审 · ${number}`);
    expect(card).toContain('修改后重新提交');
    expect(card).toContain('- 每期人数：45人 → **50人**');
    expect(card).toContain('- 计划月份：10月 → **9月**');
    expect(card).toContain('上次退回意见：人数偏少且时间与全市会议冲突，请调整');

    // the card of the first version is outdated: its click is refused with who decided
    const stale = await w.as(REVIEWER_A).clickValue(firstCard.messageId, reviewValue(firstCard.content, 'approve'));
    expect(stale.toast?.type).toBe('warning');
    expect(stale.toast?.content).toMatch(/^已由 \S+ 于 2026年8月\d+日 \d\d:\d\d 重新提交，这张卡片已过期$/);

    const approved = await decide(w, REVIEWER_B, number, 'approve');
    expect(approved.toast).toMatchObject({ type: 'success', content: '初审通过' });
    // 查看详情: the whole history
    const detail = await decide(w, REVIEWER_B, number, 'detail');
    expect(detail.toast).toEqual({ type: 'success', content: '已发送详情和处理记录' });
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

  it('the return form has 返回, which shows the decision buttons again', async () => {
    const number = await submitted(w, HRSS);
    const opened = await decide(w, REVIEWER_A, number, 'return');
    const back = await w.as(REVIEWER_A).clickValue(reviewCardIn(w, REVIEWER_A, number).messageId, reviewValue(opened.card, 'back'));
    expect(back.toast).toEqual({ type: 'info', content: '已返回' });
    expect(back.cardText).toContain('[通过]\n[退回修改]\n[查看详情]');
    expect(back.cardText).not.toContain('<comment>');
  });

  it('revision after the deadline is refused with the date', async () => {
    const number = await submitted(w, HRSS, { title: '2027年度劳动关系协调员培训班' });
    await decide(w, REVIEWER_A, number, 'review_return', { comment: '请补充培训对象', fields: ['audience'] });
    w.clock.set(new Date('2026-08-11T09:00:00+08:00'));
    const r = await w.as(HRSS).click('修改');
    expect(r.messages.join('\n')).toContain('申报和修改已于 2026年8月10日 23:59 截止，系统已关闭，不再受理');
  });
});
