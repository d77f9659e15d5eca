// Getting linked to a unit (绑定 → admin card → outcome) on the fast seam: the container with a recording
// messenger, people and units seeded through the ports. (Moved from test/e2e/plans-and-linking.test.ts.)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../../support/converse.ts';

const ADMIN_A = 'ou_admin_a000001';
const ADMIN_B = 'ou_admin_b000001';
const NEWCOMER = 'ou_newcomer00001';
const DECLARANT = 'ou_decl_fin_0001';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');

let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await w.stores.registry.saveUnits([
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 90, contactName: '张伟', contactMobile: null },
    { code: '102002', name: '柳州市财政局票据中心', parentCode: '102001', staffCount: 8, contactName: null, contactMobile: null },
    { code: '104001', name: '柳州市卫生健康委员会', parentCode: null, staffCount: 300, contactName: null, contactMobile: null },
  ]);
  await w.stores.roster.grant(ADMIN_A, 'admin', '管理员甲');
  await w.stores.roster.grant(ADMIN_B, 'admin', '管理员乙');
  await w.stores.roster.bind(DECLARANT, '102001', '张伟');
  w.feishu.putUser(NEWCOMER, { name: '陈新' });
});
afterEach(() => w.lintSentCards());

describe('getting linked', () => {
  it('绑定 <code> sends every admin a card; the first decision wins and everyone sees it', async () => {
    const t = w.as(NEWCOMER);
    expect((await t.say('申报'))[0]).toContain('发送「绑定 预算单位代码」申请关联');
    expect((await t.say('绑定 999999'))[0]).toContain('单位名册中没有预算单位代码「999999」');
    expect((await t.say('绑定 102002'))[0]).toContain('请申请关联主管单位：绑定 102001（柳州市财政局）');
    expect((await t.say('绑定 １０２００１'))[0]).toContain('已提交申请：关联到「柳州市财政局」（102001）');
    expect((await t.say('绑定 102001'))[0]).toContain('正在等待管理员确认');

    const a = w.as(ADMIN_A);
    const b = w.as(ADMIN_B);
    const cardA = w.messenger.to(ADMIN_A).at(-1)!;
    expect(a.all().at(-1)).toContain('陈新');
    expect(a.all().at(-1)).toContain('[同意]');
    // both admins click at once: one decision
    const [ra, rb] = await Promise.all([a.click('同意'), b.click('拒绝')]);
    const toasts = [ra.toast!.content, rb.toast!.content];
    expect(toasts.filter((x) => x === '已同意' || x === '已拒绝')).toHaveLength(1);
    expect(toasts.some((x) => x.startsWith('已由 管理员'))).toBe(true);
    // every admin's copy of the card shows the outcome without buttons
    const patched = w.messenger.patches().filter((p) => p.messageId === cardA.messageId);
    expect(patched.length).toBeGreaterThan(0);
    expect(JSON.stringify(patched.at(-1)!.content)).not.toContain('"tag":"button"');
    const person = await w.stores.people.find(NEWCOMER);
    const outcome = w.messenger.to(NEWCOMER).filter((m) => m.msgType === 'text').map((m) => String(m.content.text)).at(-1)!;
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
    const t = w.as(someone);
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
    const req = await w.stores.links.create('ou_someone000001', '104001', DECLARING);
    const t = w.as(DECLARANT);
    const r = await t.clickValue('om_forwarded', { a: 'link_decide', req: req.id, approve: true });
    expect(r.toast).toEqual({ type: 'error', content: '只有系统管理员可以操作' });
    expect((await w.stores.links.get(req.id))!.status).toBe('pending');
  });

  it("the greeting card's form files the same request", async () => {
    const who = 'ou_greetform0001';
    const t = w.as(who);
    await t.enter();
    const r = await t.clickValue(t.lastCard().messageId, { a: 'link_request' }, { formValue: { code: '104001' } });
    expect(r.toast?.type).toBe('success');
    expect(r.messages[0]).toContain('已提交申请：关联到「柳州市卫生健康委员会」');
  });
});
