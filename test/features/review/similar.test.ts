// Similar plans of different units [notice 二(二)四、二(二)五]: the declarant's summary suggests joint training,
// the reviewer's card lists the similar plan, and 相似计划 shows every pair of the year.
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../support/converse.ts';
import { FIN, FORM, HRSS, REVIEWER_A, reviewWorld, submitted } from './helpers.ts';

let w: World;
afterEach(() => w.lintSentCards());

describe('similar plans of different units [notice 二(二)四、二(二)五]', () => {
  it("the declarant's summary suggests joint training, the reviewer's card lists the similar plan, 相似计划 shows the pair", async () => {
    w = await reviewWorld();
    const fin = await submitted(w, FIN, { title: '2027年度预算绩效管理培训班', month: '9', audience: '本系统财务人员' });
    const t = w.as(HRSS);
    await t.say('表单申报');
    const r = await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...FORM, title: '预算绩效培训班', audience: '全市财务人员' } });
    expect(r.cardText).toContain(`💡 柳州市财政局也计划在9月办「2027年度预算绩效管理培训班」（${fin}，都有「预算绩效」，对象都有「财务」），可考虑联合办班〔通知 二(二)五〕`);
    const mine = /已提交 · (2027-\d{3})/.exec((await t.say('提交')).join('\n'))![1]!;
    const card = w.as(REVIEWER_A).all().find((x) => x.includes(`# 待初审 · ${mine}`))!;
    expect(card).toContain('**其他单位的相似计划**（可建议联合办班〔通知 二(二)五〕，避免项目冗杂〔二(二)四〕）');
    expect(card).toContain(`- 柳州市财政局也计划在9月办「2027年度预算绩效管理培训班」（${fin}，都有「预算绩效」，对象都有「财务」）`);
    const overview = (await w.as(REVIEWER_A).say('相似计划 2027')).join('\n');
    expect(overview).toContain('# 相似计划 · 2027年度');
    expect(overview).toContain('已申报的计划中有 1 对相似：');
    expect(overview).toMatch(new RegExp(`柳州市(财政局|人力资源和社会保障局) (${fin}|${mine})《[^》]+》\\d+月 ↔ 柳州市(财政局|人力资源和社会保障局) (${fin}|${mine})《[^》]+》\\d+月（都有「预算绩效」，对象都有「财务」）`));
    // a declarant may not ask for it
    expect((await w.as(HRSS).say('相似计划'))[0]).toContain('只有相应权限的人员可以使用');
  });
});
