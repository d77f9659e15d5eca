// After the revision deadline [seed 二(一)2-3]: the close expires what was not resubmitted, 复审 with the batch
// approval, 报批 with its summary, 审批 one by one or all at once, 公布 one card per unit.
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../support/converse.ts';
import { decide, EDU, FIN, HRSS, plansIn, REVIEWER_A, reviewWorld, submitted, textsTo } from './helpers.ts';

let w: World;
afterEach(() => w.lintSentCards());
const at = (iso: string) => new Date(`${iso}+08:00`);

describe('before the close', () => {
  it('复审, 报批 and the batch button say why they wait, with the date', async () => {
    w = await reviewWorld();
    await submitted(w, HRSS);
    const rv = w.as(REVIEWER_A);
    const second = (await rv.say('复审'))[0]!;
    expect(second).toBe('2027年度的复审在申报系统关闭后进行：修改截止是 2026年8月10日 23:59，之后发送「复审」。现在有 1 个计划已提交或初审通过，初审请发送「待审」。');
    expect((await rv.say('报批'))[0]).toContain('2027年度的报批在申报系统关闭后进行：修改截止是 2026年8月10日 23:59');
    const r = await rv.clickValue('om_old_card', { a: 'batch2', year: 2027 });
    expect(r.toast?.type).toBe('warning');
    expect(r.toast?.content).toContain('2027年度的复审在申报系统关闭后进行');
    expect(await plansIn(w, 2027, 'SECOND_APPROVED')).toHaveLength(0);
  });
});

describe('closing, second review, approval, publication', () => {
  it('close → expired; 复审 with batch approval; 报批; 全部审批通过; 公布 sends one card per unit', async () => {
    w = await reviewWorld();
    const hrss = await submitted(w, HRSS, { title: '2027年度就业服务能力提升培训班' });
    await decide(w, REVIEWER_A, hrss, 'approve');
    // an unrevised return and a draft at close
    const returned = await submitted(w, HRSS, { title: '2027年度劳动关系协调员培训班' });
    await decide(w, REVIEWER_A, returned, 'review_return', { comment: '请补充培训对象', fields: ['audience'] });
    await submitted(w, EDU, { title: '2027年度教师信息化能力培训班' });
    await submitted(w, FIN, { title: '2027年度财政票据管理培训班' });
    const t = w.as(FIN);
    await t.say('申报');
    await t.say('2027年度一份没提交的草稿');
    await t.say('保存草稿');

    expect(await w.job('close', at('2026-08-10T23:00:00'))).toEqual(['没有到了修改截止、尚未关闭的申报年度。']); // not yet
    w.clock.set(at('2026-08-11T00:05:00'));
    expect(await w.job('close', at('2026-08-11T00:01:00'))).toEqual(['已关闭 2027年度的申报，2 个计划作逾期处理。']);
    expect(await w.job('close', at('2026-08-11T01:00:00'))).toEqual(['没有到了修改截止、尚未关闭的申报年度。']); // once only
    expect(await plansIn(w, 2027, 'DRAFT', 'RETURNED')).toHaveLength(0);
    expect(textsTo(w, FIN).at(-1)).toContain('已作逾期处理，不再受理：');
    expect(textsTo(w, HRSS).at(-1)).toContain(`已作逾期处理，不再受理：${returned}《2027年度劳动关系协调员培训班》。`);
    expect(textsTo(w, REVIEWER_A).at(-1)).toBe('2027年度培训计划申报已关闭：3 个计划等待复审，2 个逾期。发送「复审」开始第二次审核。');

    w.clock.set(at('2026-08-12T09:00:00'));
    const rv = w.as(REVIEWER_A);
    const list = await rv.say('复审');
    expect(list[0]).toContain('# 2027年度复审 · 待复审 3 个');
    expect(list[0]).toContain('**合计**');
    expect(list[0]).toContain('全部符合要求的 3 个可一键通过；需要关注的 0 个已逐个发送卡片。');
    const batch = await rv.click(/^全部通过/);
    expect(batch.toast?.content).toBe('已复审通过 3 个计划');
    expect(batch.cardText).toContain('由 审核员甲 批量复审通过（规则检查全部符合）。');
    expect(await plansIn(w, 2027, 'SECOND_APPROVED')).toHaveLength(3);

    const sent = await rv.say('报批');
    expect(sent[0]).toContain('# 2027年度培训计划报批汇总');
    expect(sent[0]).toContain('本次报批 3 个，共 3 个计划等待市委、市政府审批');
    expect(sent[0]).toContain('柳州市人力资源和社会保障局');
    expect(sent[0]).toContain('**合计**');
    expect((await rv.say(`审批 ${hrss} 不通过 与部门职能关联不大`))[0]).toBe(`已登记：${hrss} 审批不通过。`);
    const all = await rv.click('登记：全部审批通过');
    expect(all.toast?.content).toBe('已登记 2 个计划审批通过，可发送「公布」公布结果');

    await rv.say('公布');
    const before = { hrss: w.messenger.to(HRSS).length, edu: w.messenger.to(EDU).length };
    const pub = await rv.click('确认公布');
    expect(pub.toast?.content).toBe('已向 3 个单位公布');
    const newCards = (who: string, n: number) => w.messenger.to(who).slice(n).filter((m) => JSON.stringify(m.content).includes('年度培训计划审批结果'));
    expect(newCards(HRSS, before.hrss)).toHaveLength(1);
    expect(newCards(EDU, before.edu)).toHaveLength(1);
    const hrssCard = w.as(HRSS).all().at(-1)!;
    expect(hrssCard).toContain('未通过：');
    expect(hrssCard).toContain('理由：与部门职能关联不大');
    expect(await plansIn(w, 2027, 'PUBLISHED')).toHaveLength(2);
    // publishing again sends nothing new
    await rv.click('确认公布');
    expect(newCards(HRSS, before.hrss)).toHaveLength(1);
  });
});
