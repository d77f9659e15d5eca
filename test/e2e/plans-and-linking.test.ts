// Getting linked to a unit (绑定 → admin card → outcome), 我的申报 (list, withdraw, copy, last year),
// and 本年度无培训计划, through the real webhook and card callbacks.
import { createStores } from '../../src/db/stores.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { transcript } from '../support/transcript.ts';

const ADMIN_A = 'ou_admin_a000001';
const ADMIN_B = 'ou_admin_b000001';
const NEWCOMER = 'ou_newcomer00001';
const DECLARANT = 'ou_decl_fin_0001';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: DECLARING });
  const ref = createStores(h.db);
  await ref.registry.saveUnits([
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 90, contactName: '张伟', contactMobile: null },
    { code: '102002', name: '柳州市财政局票据中心', parentCode: '102001', staffCount: 8, contactName: null, contactMobile: null },
    { code: '104001', name: '柳州市卫生健康委员会', parentCode: null, staffCount: 300, contactName: null, contactMobile: null },
  ]);
  await h.db.user.createMany({
    data: [
      { openId: ADMIN_A, name: '管理员甲', role: 'admin' },
      { openId: ADMIN_B, name: '管理员乙', role: 'admin' },
      { openId: DECLARANT, name: '张伟', role: 'declarant', unitCode: '102001' },
    ],
  });
  h.stub.addUser(NEWCOMER, '陈新');
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

describe('getting linked', () => {
  it('绑定 <code> sends every admin a card; the first decision wins and everyone sees it', async () => {
    const t = transcript(h, NEWCOMER);
    expect((await t.say('申报'))[0]).toContain('发送「绑定 预算单位代码」申请关联');
    expect((await t.say('绑定 999999'))[0]).toContain('单位名册中没有预算单位代码「999999」');
    expect((await t.say('绑定 102002'))[0]).toContain('请申请关联主管单位：绑定 102001（柳州市财政局）');
    expect((await t.say('绑定 １０２００１'))[0]).toContain('已提交申请：关联到「柳州市财政局」（102001）');
    expect((await t.say('绑定 102001'))[0]).toContain('正在等待管理员确认');

    const a = transcript(h, ADMIN_A);
    const b = transcript(h, ADMIN_B);
    const cardA = h.stub.messagesTo(ADMIN_A).at(-1)!;
    expect(a.all().at(-1)).toContain('陈新');
    expect(a.all().at(-1)).toContain('[同意]');
    // both admins click at once: one decision
    const [ra, rb] = await Promise.all([a.click('同意'), b.click('拒绝')]);
    const toasts = [ra.toast!.content, rb.toast!.content];
    expect(toasts.filter((x) => x === '已同意' || x === '已拒绝')).toHaveLength(1);
    expect(toasts.some((x) => x.startsWith('已由 管理员'))).toBe(true);
    await h.bot.idle();
    // every admin's copy of the card shows the outcome without buttons
    const patched = h.stub.patches.filter((p) => p.messageId === cardA.messageId);
    expect(patched.length).toBeGreaterThan(0);
    expect(JSON.stringify(patched.at(-1)!.content)).not.toContain('"tag":"button"');
    const person = await h.db.user.findUnique({ where: { openId: NEWCOMER } });
    const outcome = h.stub.textsTo(NEWCOMER).at(-1)!;
    if (toasts.includes('已同意')) {
      expect(person?.unitCode).toBe('102001');
      expect(outcome).toContain('管理员已同意');
    } else {
      expect(person?.unitCode ?? null).toBeNull();
      expect(outcome).toContain('没有同意');
    }
  });

  it('绑定 <name> offers the closest units; a pick files the request; until an admin decides, every message says it waits', async () => {
    const someone = 'ou_newcomer00002';
    const t = transcript(h, someone);
    const none = (await t.say('绑定 交通运输局'))[0]!;
    expect(none).toContain('单位名册中没有名称像「交通运输局」的单位');
    const offered = (await t.say('绑定 财政'))[0]!;
    expect(offered).toContain('# 选择您的单位');
    expect(offered).toContain('- **柳州市财政局**（102001）');
    expect(offered).toContain('- **柳州市财政局票据中心**（102002），二层单位，由主管单位统一申报');
    expect(offered.indexOf('柳州市财政局**')).toBeLessThan(offered.indexOf('票据中心'));
    expect((await t.say('绑定 卫生健康委'))[0]).toContain('- **柳州市卫生健康委员会**（104001）');
    const picked = await t.click('柳州市财政局');
    expect(picked.toast?.type).toBe('success');
    expect(picked.messages[0]).toContain('已提交申请：关联到「柳州市财政局」（102001）');
    for (const text of ['帮助', '申报', '我的计划到哪一步了']) {
      expect((await t.say(text))[0]).toMatch(/^您的关联申请已提交（2026年8月3日 10:00，「柳州市财政局」（102001）），正在等待管理员确认/);
    }
    expect((await t.say('绑定 财政'))[0]).toContain('正在等待管理员确认');
  });

  it('a declarant cannot decide a link request', async () => {
    const req = await h.db.linkRequest.create({ data: { openId: 'ou_someone000001', unitCode: '104001', createdAt: DECLARING } });
    const t = transcript(h, DECLARANT);
    const r = await t.clickValue('om_forwarded', { a: 'link_decide', req: req.id, approve: true });
    expect(r.toast).toEqual({ type: 'error', content: '只有系统管理员可以操作' });
    expect((await h.db.linkRequest.findUnique({ where: { id: req.id } }))!.status).toBe('pending');
  });

  it('the greeting card\'s form files the same request', async () => {
    const who = 'ou_greetform0001';
    await h.push(h.envelope('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: 'oc_g', operator_id: { open_id: who } }));
    await h.bot.idle();
    const t = transcript(h, who);
    const r = await t.clickValue(t.lastCard().messageId, { a: 'link_request' }, { formValue: { code: '104001' } });
    expect(r.toast?.type).toBe('success');
    expect(r.messages[0]).toContain('已提交申请：关联到「柳州市卫生健康委员会」');
  });
});

describe('我的申报', () => {
  it('lists the unit\'s plans with status and next step; withdraw before the deadline; copy', async () => {
    h.clock.set(DECLARING);
    const plans = createStores(h.db).plans;
    const base = { budgetCode: '102001', unitName: '柳州市财政局', scope: '市内' as const, mode: '线下' as const, audience: '财务人员', headcount: 40, sessions: 1, days: 2, month: 9, location: '柳州市城中区', institution: null, budget: 20000, jointUnits: [], contactName: '张伟', contactPhone: '0772-1234567', remarks: null, justification: null };
    const event = (action: string) => ({ at: DECLARING, actor: DECLARANT, action, fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'cli' as const });
    const draft = await plans.create({ year: 2027, unitCode: '102001', data: { title: '2027年度预算绩效管理培训班', budgetCode: '102001' }, event: event('create') });
    const submitted = await plans.create({ year: 2027, unitCode: '102001', data: { ...base, title: '2027年度政府采购实务培训班' }, event: event('create') });
    await plans.update({ id: submitted.id, version: submitted.version, status: 'SUBMITTED', submittedAt: DECLARING, event: event('submit') });
    await plans.create({ year: 2026, unitCode: '102001', data: { ...base, title: '2026年度会计人员继续教育培训班' }, event: event('create') }).then((p) =>
      plans.update({ id: p.id, version: p.version, status: 'PUBLISHED', event: event('publish') }),
    );

    const t = transcript(h, DECLARANT);
    const list = (await t.say('我的申报'))[0]!;
    expect(list).toContain('# 2027年度培训计划 · 柳州市财政局');
    expect(list).toContain(`${draft.number}　2027年度预算绩效管理培训班`);
    expect(list).toContain('状态：草稿　下一步：填完后提交（2026年8月5日 23:59 截止）');
    expect(list).toContain('状态：已提交，待初审　下一步：等待市工作领导小组办公室初审（当天完成）');
    expect(list).toContain('[撤回]');

    const listCard = t.lastCard();
    const withdrawValue = JSON.parse(JSON.stringify(listCard.content).match(/\{"a":"plan","plan":\d+,"op":"withdraw","v":\d+\}/)![0]);
    const withdrawn = await t.click('撤回');
    expect(withdrawn.toast).toMatchObject({ type: 'success', content: `已撤回 ${submitted.number}，现在是草稿` });
    expect((await h.db.plan.findUnique({ where: { id: submitted.id } }))!.status).toBe('DRAFT');

    // resubmitted; the old 撤回 replayed (a captured request, or an old card) withdraws nothing
    const now = (await h.db.plan.findUniqueOrThrow({ where: { id: submitted.id } }));
    await plans.update({ id: now.id, version: now.version, status: 'SUBMITTED', submittedAt: DECLARING, event: event('submit') });
    await h.click(DECLARANT, listCard.messageId, withdrawValue); // the same click again: answered from the dedupe record
    expect((await h.db.plan.findUnique({ where: { id: submitted.id } }))!.status).toBe('SUBMITTED');
    const older = await h.click(DECLARANT, 'om_older_list_card', withdrawValue); // another copy of the old card
    expect(older.json).toMatchObject({ toast: { type: 'warning', content: expect.stringContaining('卡片已过期') } });
    expect((await h.db.plan.findUnique({ where: { id: submitted.id } }))!.status).toBe('SUBMITTED');
    const fresh = await h.db.plan.findUniqueOrThrow({ where: { id: submitted.id } });
    await plans.update({ id: fresh.id, version: fresh.version, status: 'DRAFT', event: event('withdraw') });

    // last year's plan copied: this year's title, then the summary to confirm
    await t.say('复制去年');
    const copied = await t.click('复制为新计划');
    expect(copied.messages.join('\n')).toContain('2027年度会计人员继续教育培训班');
    expect(copied.messages.join('\n')).toContain('# 申报汇总');
    await t.say('保存草稿');
  });

  it('继续填写 from the list picks the draft up at its first open question', async () => {
    const t = transcript(h, DECLARANT);
    await t.say('我的申报');
    const r = await t.click('继续填写');
    expect(r.messages.join('\n')).toMatch(/培训类别|汇总/);
    await t.say('保存草稿');
  });
});

describe('本年度无培训计划', () => {
  it('is refused while the unit has submitted plans, and recorded after confirmation otherwise', async () => {
    const t = transcript(h, DECLARANT);
    await h.db.plan.updateMany({ where: { unitCode: '102001', year: 2027 }, data: { status: 'SUBMITTED' } });
    await t.say('无计划');
    const refused = await t.click('确认，本年度无培训计划');
    expect(refused.toast?.type).toBe('error');
    expect(refused.toast?.content).toMatch(/已有 \d+ 个已提交的计划，不能登记为无培训计划/);

    await h.db.plan.updateMany({ where: { unitCode: '102001', year: 2027 }, data: { status: 'DISCARDED' } });
    await t.say('无计划');
    const ok = await t.click('确认，本年度无培训计划');
    expect(ok.toast).toMatchObject({ type: 'success', content: '已登记' });
    expect(ok.messages[0]).toContain('已登记：柳州市财政局2027年度无培训计划');
    expect(await h.db.unitYear.findUnique({ where: { unitCode_year: { unitCode: '102001', year: 2027 } } })).toMatchObject({ noPlanBy: DECLARANT });
    expect((await t.say('我的申报'))[0]).toContain('已登记：本单位2027年度无培训计划');
  });
});
