// Plain Chinese through the chat kernel on the fast seam: a question that is no command word reaches its
// command; an unclear one gets two guesses as buttons that work; a declaration in progress keeps its answers.
// (Moved from test/e2e/plain-chinese.test.ts; plans are read back through the plans port.)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../support/converse.ts';

const DECLARANT = 'ou_plain_decl_0001';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await w.stores.registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null }]);
  await w.stores.roster.bind(DECLARANT, '101001', '李明');
});
afterEach(() => w.lintSentCards());

/** The unit's latest plan (of these statuses), as stored. */
async function latestPlan(...statuses: ('DRAFT' | 'SUBMITTED')[]) {
  const plans = await w.stores.plans.list({ unitCode: '101001', ...(statuses.length ? { statuses } : {}) });
  return [...plans].sort((a, b) => b.id - a.id)[0];
}

describe('plain Chinese', () => {
  it('a question reaches its command: 截止是哪天, 我的计划现在到哪一步了？, 模版在哪下载', async () => {
    const t = w.as(DECLARANT);
    const deadline = (await t.say('截止是哪天？')).join('\n');
    expect(deadline).toContain('申报截止：2026年8月5日 23:59');
    expect(deadline).toContain('修改截止：2026年8月10日 23:59');
    expect(deadline).toContain('现在可以申报，距申报截止还有 2 天。发送「申报」开始。');
    const progress = (await t.say('我的计划现在到哪一步了？')).join('\n');
    expect(progress).not.toContain('没有看懂');
    expect(progress).toEqual((await t.say('进度')).join('\n'));
    await t.say('模版在哪下载');
    expect(t.files().at(-1)?.fileName).toMatch(/2027年度培训计划申报表.*\.xlsx$/);
  });

  it('an unclear word gets the two best guesses as buttons, and a button runs its command', async () => {
    const t = w.as(DECLARANT);
    const asked = (await t.say('计划')).join('\n');
    expect(asked).toContain('# 您是想……？');
    expect(asked).toContain('没有完全看懂「计划」，您是想：');
    expect(asked).toContain('[申报]');
    expect(asked).toContain('[我的申报]');
    const clicked = await t.click('我的申报');
    expect(clicked.toast).toMatchObject({ type: 'success', content: '「我的申报」' });
    expect(clicked.messages.join('\n')).toEqual((await t.say('我的申报')).join('\n'));
  });

  it('what means nothing is still said plainly', async () => {
    expect((await w.as(DECLARANT).say('今天天气怎么样'))[0]).toBe('没有看懂「今天天气怎么样」。发送「帮助」查看可以使用的指令。');
  });

  it('inside an open declaration an answer is an answer, even when it sounds like a question', async () => {
    const t = w.as(DECLARANT);
    await t.say('申报');
    const next = (await t.say('进度管理能力提升培训班')).join('\n');
    expect(next).toContain('# 培训类别');
    const plan = await latestPlan('DRAFT');
    expect(plan!.data.title).toBe('进度管理能力提升培训班');
  });

  it('a class in one sentence: a declaration with what it says filled in, shown back, then only the rest is asked', async () => {
    const t = w.as(DECLARANT);
    await t.say('保存草稿');
    const r = await t.say('我们局10月想在市委党校办一期40人、3天的财务业务培训，预算2万左右');
    expect(r[0]).toMatch(/^# 开始申报 · 2027-\d{3}/);
    expect(r[0]).toContain('从您的话里读到 7 项，已填好：');
    expect(r[0]).toContain('- **培训班名称**：财务业务培训班（「财务业务培训」）');
    expect(r[0]).toContain('- **每期人数**：40人（「40人」）');
    expect(r[0]).toContain('- **经费预算（元）**：20,000.00元（「2万」）');
    expect(r[0]).toContain('- **承办机构**：市委党校');
    expect(r[1]).toContain('# 培训类别');
    const plan = await latestPlan();
    expect(plan!.data).toMatchObject({ title: '财务业务培训班', month: 10, headcount: 40, sessions: 1, days: 3, budget: 20000, institution: '市委党校' });
    // a correction in plain words, as always
    expect((await t.say('人数改成45'))[0]).toContain('已把「每期人数」改为：45人。');
    // 申报 followed by the sentence works the same; the record says where the values came from
    await t.say('保存草稿');
    const again = await t.say('申报 11月办两期消防安全培训，每期60人，2天，经费共5万元');
    expect(again[0]).toContain('从您的话里读到 6 项');
    // The unit's latest event (the e2e read it across the unit's plans, newest id first).
    const events = (await Promise.all((await w.stores.plans.list({ unitCode: '101001' })).map((p) => w.stores.plans.events(p.id)))).flat();
    expect([...events].sort((a, b) => b.id - a.id)[0]!.channel).toBe('chat');
  });

  it('a command word while a free-text question waits is asked about, not executed', async () => {
    const t = w.as(DECLARANT);
    await t.say('保存草稿');
    await t.say('申报');
    await t.say('人社政策宣讲培训班');
    await t.click('市内');
    await t.click('线下');
    const asked = (await t.say('进度')).join('\n');
    expect(asked).toContain('# 是指令还是回答？');
    expect(asked).toContain('您正在填写「培训对象」。「进度」是要执行「进度」，还是作为「培训对象」的回答？');
    const plan = await latestPlan('DRAFT');
    expect(plan!.data.audience).toBeUndefined();
    const r = await t.click('作为培训对象');
    expect(r.toast).toMatchObject({ type: 'success', content: '培训对象：进度' });
    expect(r.messages.join('\n')).toContain('每期多少人');
    // a command word this person may not use is simply an answer
    const next = (await t.say('待审')).join('\n');
    expect(next).not.toContain('只有相应权限的人员可以使用');
    // a command the flow knows (继续) still works as before
    expect((await t.say('继续')).join('\n')).not.toContain('是指令还是回答');
  });

  it('a guess button of a command the person may not use is refused', async () => {
    const r = await w.as(DECLARANT).clickValue('om_whatever', { a: 'cmd', id: 'export' });
    expect(r.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只有相应权限的人员可以使用') });
  });
});
