// Declaring a plan by chatting with the bot, through the container (test/support/converse.ts): what the
// declarant types and clicks, what the bot answers, what is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCampaignDates } from '../../../src/model/reference-data.ts';
import type { World } from '../../support/converse.ts';
import { CLEAN_TEXT, COLLEAGUE, DECLARANT, EDU, REVIEWER, declaringWorld, plansOf } from './setup.ts';

let w: World;
beforeEach(async () => {
  w = await declaringWorld();
});
afterEach(() => w.lintSentCards());

function planIdOf(card: Record<string, unknown>): number {
  const m = /"a":"summary","plan":(\d+)/.exec(JSON.stringify(card));
  if (!m) throw new Error('not a summary card');
  return Number(m[1]);
}

describe('a clean declaration by chat', () => {
  it('asks each field with an example, shows a summary, submits, confirms the number and tells the reviewer', async () => {
    const t = w.as(DECLARANT);
    const start = await t.say('申报');
    expect(start[0]).toMatch(/开始申报 2027年度培训计划（编号 2027-\d{3}，柳州市人力资源和社会保障局）/);
    expect(start[1]).toContain('（第 1 项，共 15 项）培训班名称是什么？');
    expect(start[1]).toContain('例：');
    expect(start[1]).toContain('上一步');

    const scope = await t.say(CLEAN_TEXT[0]!);
    expect(scope[0]).toContain('# 培训类别');
    expect(scope[0]).toContain('[市内]');
    // choices can be clicked
    const clicked = await t.click('市内');
    expect(clicked.toast).toMatchObject({ type: 'success', content: '培训类别：市内' });
    expect(clicked.messages[0]).toContain('[线上线下结合]');
    await t.click('线下');
    for (const answer of CLEAN_TEXT.slice(3, 7)) await t.say(answer);
    const month = await t.click('10月');
    expect(month.messages[0]).toContain('培训地点在哪里？市内培训须写明柳州市的区县');
    let last: string[] = [];
    for (const answer of CLEAN_TEXT.slice(8)) last = await t.say(answer);
    const summary = last.at(-1)!;
    expect(summary).toMatch(/# 申报汇总 · 2027-\d{3} · 柳州市人力资源和社会保障局 · 草稿/);
    expect(summary).toContain('**每期人数**　45人');
    expect(summary).toContain('**经费预算（元）**　36,000.00元');
    expect(summary).toContain('✅ 符合通知的各项要求');
    expect(summary).toContain('[提交]');

    const done = await t.click('提交');
    expect(done.toast).toMatchObject({ type: 'success' });
    expect(done.cardText).toContain('已提交，待初审');
    expect(done.messages[0]).toMatch(/# 已提交 · 2027-\d{3}/);
    const number = /2027-\d{3}/.exec(done.messages[0]!)![0];
    const plan = await w.stores.plans.byNumber(number);
    expect(plan?.status).toBe('SUBMITTED');
    expect(plan!.data).toMatchObject({ title: CLEAN_TEXT[0], scope: '市内', headcount: 45, budget: 36000, contactPhone: '0772-2825472' });
    const reviewCard = w.as(REVIEWER).all().at(-1)!;
    expect(reviewCard).toContain(`# 待初审 · ${number} · 柳州市人力资源和社会保障局`);
    expect(reviewCard).toContain('[通过]');
    // every answer was saved as it came, and the audit trail says so
    const events = await w.stores.plans.events(plan!.id);
    expect(events.filter((e) => e.action === 'edit').length).toBeGreaterThanOrEqual(15);
    expect(events.map((e) => e.channel)).toEqual(expect.arrayContaining(['chat', 'card']));
  });
});

describe('wrong answers', () => {
  it('every field answered wrongly once is asked again with the reason and an example', async () => {
    const t = w.as(DECLARANT);
    await t.say('申报');
    const wrong: [string, string, string][] = [
      ['培训', '培训班名称太短', CLEAN_TEXT[0]!],
      ['区内', '培训类别只能是「市内」「市外」之一', '市内'],
      ['面对面', '培训方式只能是', '线下'],
      ['', '', '业务科室工作人员'],
      ['很多人', '每期人数应为整数', '45'],
      ['0', '期数应在 1 到 50 之间', '1'],
      ['31', '每期天数应在 1 到 30 之间', '3'],
      ['十三月', '计划月份应为 1 到 12 的月份', '10'],
      ['桂林市七星区', '培训地点「桂林市七星区」在桂林市，不在柳州市行政区域内', '柳州市城中区'],
      ['', '', '跳过'],
      ['很多钱', '经费预算应为不小于 0 的金额', '36000'],
      ['不存在的局', '联合办班单位「不存在的局」不在单位名册中', '跳过'],
      ['李', '联系人太短', '李明'],
      ['12345', '不是有效的电话号码', '0772-2825472'],
    ];
    for (const [bad, reason, good] of wrong) {
      if (bad) {
        const r = await t.say(bad);
        expect(r[0]).toContain('没有记下');
        expect(r[0]).toContain(reason);
        expect(r[0]).toMatch(/例如|建议/);
      }
      await t.say(good);
    }
    const summary = await t.say('跳过');
    expect(summary.at(-1)).toContain('✅ 符合通知的各项要求');
  });
});

describe('repair', () => {
  it('corrections mid-way (上一步, 修改, 人数改成) and from the summary', async () => {
    const t = w.as(DECLARANT);
    await t.say('申报');
    for (const a of CLEAN_TEXT.slice(0, 5)) await t.say(a);
    expect((await t.say('上一步'))[0]).toContain('每期多少人');
    expect((await t.say('50'))[0]).toContain('办几期');
    expect((await t.say('修改 对象'))[0]).toContain('培训对象是哪些人');
    expect((await t.say('全体干部职工'))[0]).toContain('办几期'); // straight back
    expect((await t.say('人数改成40'))[0]).toContain('已把「每期人数」改为：40人。');
    let last: string[] = [];
    for (const a of CLEAN_TEXT.slice(5)) last = await t.say(a);
    expect(last.at(-1)).toContain('**每期人数**　40人');
    expect(last.at(-1)).toContain('**培训对象**　全体干部职工');
    // from the summary card's menu
    const edit = await t.clickValue(t.lastCard().messageId, { a: 'edit_field', plan: planIdOf(t.lastCard().content) }, { option: 'month' });
    expect(edit.toast).toEqual({ type: 'info', content: '修改「计划月份」：请在对话中回复' });
    expect(edit.messages[0]).toContain('# 计划月份');
    const back = await t.click('9月');
    expect(back.messages.at(-1)).toContain('**计划月份**　9月');
  });
});

describe('cancel and resume', () => {
  it('取消 asks first; a saved draft survives a restart and 继续 picks it up where it was', async () => {
    const t = w.as(COLLEAGUE);
    await t.say('申报');
    await t.say('2027年度就业政策培训班');
    await t.click('市内');
    expect((await t.say('取消'))[0]).toContain('确定要取消这份申报吗');
    expect((await t.say('继续'))[0]).toContain('线上线下结合'); // still at the mode question
    w.restart();
    const resumed = await t.say('继续');
    expect(resumed[0]).toContain('# 培训方式');
    await t.click('线上');
    expect((await t.say('人社系统干部'))[0]).toContain('每期多少人');
    expect((await t.say('取消'))[0]).toContain('确定要取消');
    const cancelled = await t.say('确认');
    expect(cancelled[0]).toMatch(/已取消，草稿 2027-\d{3} 已删除/);
    expect((await t.say('继续'))[0]).toContain('没有正在填写的申报');
  });
});

describe('rules at submission', () => {
  it('a soft-rule plan needs a justification before it can be submitted', async () => {
    const t = w.as(DECLARANT);
    await t.say('申报');
    const answers = ['2027年度赴井冈山党性教育培训班', '市外', '线下', '科级干部', '40', '1', '5', '5'];
    let r: string[] = [];
    for (const a of answers) r = await t.say(a);
    expect(r[0]).toContain('⚠️ 市外培训安排在 5 月');
    expect(r[0]).toContain('提交时需要填写情况说明');
    for (const a of ['江西省井冈山市', '中国井冈山干部学院', '8万', '跳过', '李明', '0772-2825472']) r = await t.say(a);
    r = await t.say('跳过');
    expect(r.at(-1)).toContain('⚠️ 原则性要求，需填写情况说明：市外培训安排在 5 月');
    expect(r.at(-1)).toContain('每年5-6月和11-12月期间，原则上不得安排外出项目');
    const refused = await t.click('提交');
    expect(refused.toast?.type).toBe('warning');
    expect(refused.messages.join('\n')).toContain('写明情况说明后才能提交');
    expect(refused.messages.at(-1)).toContain('请填写情况说明');
    const after = await t.say('配合全国人社系统会议安排，5月为唯一可行时间');
    expect(after.at(-1)).toContain('**情况说明**　配合全国人社系统会议安排');
    const done = await t.say('提交');
    expect(done.join('\n')).toMatch(/已提交 · 2027-\d{3}/);
    expect(done.join('\n')).toContain('附情况说明，涉及 1 项原则性要求');
  });

  it('a hard-rule plan cannot be submitted and says how to fix it', async () => {
    const t = w.as(EDU);
    await t.say('申报');
    await t.click('柳州市教育局教研中心'); // the unit: the competent unit has a second-tier unit
    for (const a of ['2027年度教研骨干赴外地研修班', '市外', '线下', '教研员']) await t.say(a);
    const refused = await t.say('70');
    expect(refused[0]).toContain('市外培训每期 70 人，超过 60 人');
    expect(refused[0]).toContain('可分两期各 35 人');
    // scope changed afterwards makes an earlier answer break a hard rule: shown, and submission blocked
    await t.say('60');
    for (const a of ['1', '5', '9', '浙江杭州', '中国井冈山干部学院', '12万', '跳过', '赵敏', '13800138000']) await t.say(a);
    await t.say('跳过');
    // Switching to 市内 asks for the venue again (it was an out-of-city one); the same venue is refused with the fix.
    const changed = await t.say('类别改成市内');
    expect(changed.join('\n')).toContain('培训类别改为「市内」，请重新填写培训地点（原来是「浙江杭州」）、承办机构（原来是「中国井冈山干部学院」）');
    const again = (await t.say('浙江杭州')).join('\n');
    expect(again).toContain('没有记下：培训地点「浙江杭州」在浙江省，不在柳州市行政区域内');
    expect(again).toContain('请把培训类别改为「市外」');
    expect(again).toContain('依据：市内培训项目须在本市行政区域内举办〔二(二)四〕');
    // Left as it is (saved, then continued), the plan shows the problem and cannot be submitted.
    expect((await t.say('保存草稿'))[0]).toMatch(/^已保存草稿 2027-\d{3}。之后发送「继续」，或在「我的申报」中接着填写。$/);
    const summary = await t.say('继续');
    expect(summary.at(-1)).toContain('❌ 不符合要求：培训地点「浙江杭州」在浙江省，不在柳州市行政区域内');
    expect(summary.at(-1)).toContain('[提交]');
    const r = await t.say('提交');
    expect(r.join('\n')).toContain('还不能提交');
    expect((await plansOf(w, '103001')).filter((p) => p.status === 'SUBMITTED')).toHaveLength(0);
  });
});

describe('the venue of an in-city class [seed 二(二)四]', () => {
  it('a venue with no district gets a question; the bare district answered completes it', async () => {
    const t = w.as(DECLARANT);
    await t.say('申报');
    for (const a of CLEAN_TEXT.slice(0, 8)) await t.say(a);
    const asked = (await t.say('市委党校')).join('\n');
    expect(asked).toBe(['「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」', '（依据：市内培训项目须在本市行政区域内举办〔二(二)四〕）', '如果在柳州以外举办，请发送「类别改成市外」。'].join('\n'));
    const next = (await t.say('城中区')).join('\n');
    expect(next).toContain('承办机构是哪家？');
    const draft = (await plansOf(w, '101001')).find((p) => p.status === 'DRAFT')!;
    expect(draft.data.location).toBe('柳州市城中区市委党校');
  });

  it('修改 类别 from the summary asks again for the venue and the institution, then returns to the summary', async () => {
    const t = w.as(DECLARANT);
    await t.say('申报');
    for (const a of CLEAN_TEXT) await t.say(a);
    await t.say('修改 类别');
    const venue = (await t.click('市外')).messages.join('\n');
    expect(venue).toContain('培训类别改为「市外」，请重新填写培训地点（原来是「柳州市城中区市委党校」）、承办机构（原来是「（无）」）');
    expect(venue).toContain('培训地点在哪里？（城市和具体地点）');
    expect((await t.say('江西省井冈山市')).join('\n')).toContain('承办机构是哪家？市外培训原则上选择柳州市干部教育培训基地名单内的承办机构');
    const summary = (await t.say('中国井冈山干部学院')).at(-1)!;
    expect(summary).toContain('**培训类别**　市外');
    expect(summary).toContain('**培训地点**　江西省井冈山市');
    expect(summary).toContain('**承办机构**　中国井冈山干部学院');
  });
});

describe('the declaration deadline', () => {
  async function fillAndSummarize(who: string) {
    const t = w.as(who);
    await t.say('申报');
    for (const a of CLEAN_TEXT) await t.say(a);
    return t;
  }

  it('one second before it, the plan is accepted', async () => {
    w.clock.set(new Date('2026-08-05T23:50:00+08:00'));
    const t = await fillAndSummarize(COLLEAGUE);
    w.clock.set(new Date('2026-08-05T23:59:59+08:00'));
    expect((await t.say('提交')).join('\n')).toMatch(/已提交 · 2027-\d{3}/);
  });

  it('one second after it, a clear refusal with the date', async () => {
    w.clock.set(new Date('2026-08-05T23:50:00+08:00'));
    const t = await fillAndSummarize(COLLEAGUE);
    w.clock.set(new Date('2026-08-06T00:00:01+08:00'));
    const r = (await t.say('提交')).join('\n');
    expect(r).toContain('申报已于 2026年8月5日 23:59 截止，不再受理新的申报');
    expect(r).toContain('2026年8月10日 23:59 前修改后重新提交');
    expect((await t.say('申报')).join('\n')).toContain('申报已于 2026年8月5日 23:59 截止');
  });
});

describe('two declarants of one unit at once', () => {
  it('each has their own draft and conversation; numbers are distinct', async () => {
    const a = w.as(DECLARANT);
    const b = w.as(COLLEAGUE);
    await Promise.all([a.say('申报'), b.say('申报')]);
    await Promise.all([a.say('2027年度A班培训计划'), b.say('2027年度B班培训计划')]);
    await Promise.all([a.say('市内'), b.say('市外')]);
    const drafts = (await plansOf(w, '101001')).filter((p) => p.status === 'DRAFT').slice(0, 2);
    expect(new Set(drafts.map((p) => p.number)).size).toBe(2);
    expect(drafts.map((p) => [p.data.title, p.data.scope])).toEqual(expect.arrayContaining([['2027年度A班培训计划', '市内'], ['2027年度B班培训计划', '市外']]));
  });
});

describe('the one-card form', () => {
  it('a bad value comes back next to its field with everything else kept; a good form shows the summary', async () => {
    const t = w.as(DECLARANT);
    const form = await t.say('表单申报');
    expect(form[0]).toContain('# 2027年度培训计划申报表');
    const values = {
      title: '2027年度人社窗口服务礼仪培训班', scope: '市内', mode: '线下', audience: '窗口工作人员', headcount: '45', sessions: '2', days: '2',
      month: '4', location: '桂林市', budget: '2万', contactName: '李明', contactPhone: '0772-2825472',
    };
    const bad = await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: values });
    expect(bad.toast).toMatchObject({ type: 'error', content: '有 1 项需要修改' });
    expect(bad.cardText).toContain('培训地点「桂林市」在桂林市，不在柳州市行政区域内。建议：市内培训须在柳州市行政区域内举办；在柳州以外举办的，请把培训类别改为「市外」。依据：市内培训项目须在本市行政区域内举办〔二(二)四〕');
    expect(JSON.stringify(bad.card)).toContain('"default_value":"2027年度人社窗口服务礼仪培训班"');
    expect(JSON.stringify(bad.card)).toContain('"initial_option":"市内"');
    const good = await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...values, location: '柳州市柳北区' } });
    expect(good.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/^已保存为草稿 2027-\d{3}$/) });
    expect(good.cardText).toContain('✅ 符合通知的各项要求');
    // the conversation waits at the summary: typing 提交 works
    expect((await t.say('提交')).join('\n')).toMatch(/已提交 · 2027-\d{3}/);
  });
});

describe('idle drafts', () => {
  it('get one gentle nudge after 24 h, at a civilised hour, through the scheduled job', async () => {
    const who = 'ou_decl_idle_001';
    await w.stores.roster.bind(who, '101001', '周闲');
    w.clock.set(new Date('2026-07-27T10:00:00+08:00'));
    const t = w.as(who);
    await t.say('申报');
    await t.say('2027年度档案管理业务培训班');
    const nudges = () => w.messenger.to(who).filter((m) => JSON.stringify(m.content).includes('您有一份申报还没填完'));
    const job = async (at: string) => (await w.job('draft-nudges', new Date(at))).join('\n');

    expect(await job('2026-07-28T09:00:00+08:00')).toContain('没有闲置超过 24 小时、尚未提醒的草稿。'); // 23 h: not yet
    expect(await job('2026-07-28T22:00:00+08:00')).toContain('现在不在 08:30–20:00 之间，不发提醒。'); // idle long enough, but late evening
    expect(await job('2026-07-29T09:00:00+08:00')).toContain('提醒了 1 份闲置超过 24 小时的草稿。');
    expect(await job('2026-07-29T10:00:00+08:00')).toContain('没有闲置超过 24 小时、尚未提醒的草稿。'); // not more
    expect(nudges()).toHaveLength(1);
    expect(JSON.stringify(nudges()[0]!.content)).toContain('申报截止：**2026年8月5日 23:59**');

    w.clock.set(new Date('2026-07-29T11:00:00+08:00'));
    await t.click('继续填写');
    await t.click('市内'); // an answer: a new idle stretch starts
    expect(await job('2026-07-30T12:00:00+08:00')).toContain('提醒了 1 份闲置超过 24 小时的草稿。');
    expect(nudges()).toHaveLength(2);
  });
});

describe('between campaigns', () => {
  it('申报, the menu and the form say the year is not open yet, then, once the admin sets it, when it opens', async () => {
    w.clock.set(new Date('2026-12-01T10:00:00+08:00'));
    const t = w.as(EDU);
    const NOT_OPEN = '2027年度培训计划的申报和修改已于 2026年8月10日 23:59 截止。2028年度培训计划申报尚未开放，开始和截止日期以当年的申报通知为准。如需了解安排，请联系系统管理员';
    expect((await t.say('申报')).join('\n')).toContain(NOT_OPEN);
    expect((await t.menu('declare')).join('\n')).toContain(NOT_OPEN);
    expect((await t.say('表单申报')).join('\n')).toContain(NOT_OPEN);

    // What `campaign:set 2028 --opens 2027-07-25 --declare-by 2027-08-05 --revise-by 2027-08-10` does.
    expect((await setCampaignDates(w.stores, 2028, { opens: '2027-07-25', declareBy: '2027-08-05', reviseBy: '2027-08-10' })).ok).toBe(true);
    const OPENS = '2028年度培训计划申报将于2027年7月25日开始，2027年8月5日 23:59 截止。届时发送「申报」即可填报。';
    expect((await t.say('申报')).join('\n')).toContain(OPENS);
    w.clock.set(new Date('2027-07-24T18:00:00+08:00')); // the day before
    const before = (await t.say('表单申报')).join('\n');
    expect(before).toContain(OPENS);
    expect(before).not.toMatch(/已于 2027年/);
    w.clock.set(new Date('2027-07-25T08:00:00+08:00'));
    expect((await t.say('申报')).join('\n')).toContain('开始申报 2028年度培训计划');
    await t.say('取消');
    await t.say('确认');
    expect((await w.stores.plans.list({ year: 2028 })).filter((p) => p.status !== 'DISCARDED')).toHaveLength(0);
  });
});

