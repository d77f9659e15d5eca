// Reminders across the 2027 campaign on the fast seam: the jobs run as of a given time through w.job (as the
// scheduler or `jobs:run` would), the cards read back from the recording messenger, everything seeded and
// changed through the ports. (Moved from test/e2e/reminders.test.ts. The `jobs:run` command: test/unit/cli.test.ts;
// delivery through the outbox: test/e2e/outbox.test.ts; two processes on one database file:
// test/integration/reminders-two-processes.test.ts.)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import type { PlanFilter, PlanRecord } from '../../../src/ports/plans.ts';
import { messageText } from '../../support/transcript.ts';
import { world, type World } from '../../support/converse.ts';

const P = { none: 'ou_rm_none_00001', draft: 'ou_rm_draft_0001', done: 'ou_rm_done_00001', noplan: 'ou_rm_noplan_001', ret: 'ou_rm_returned01', rev: 'ou_rm_reviewer01' };
let w: World;

const full: PlanDraft = { unitName: '', title: '2027年度业务培训班', scope: '市内', mode: '线下', audience: '人员', headcount: 40, sessions: 1, days: 2, month: 9, location: '柳州市', institution: null, budget: 1000, jointUnits: [], contactName: '张三', contactPhone: '0772-1234567', remarks: null, justification: null };
const seeded = new Date('2026-07-27T10:00:00+08:00');
const ev = (action: string, actor = 'ou_seed') => ({ at: seeded, actor, action, fromStatus: null, toStatus: null, comment: null, changes: null, channel: 'cli' as const });

beforeAll(async () => {
  w = await world({ start: new Date('2026-07-28T10:00:00+08:00') });
  await w.stores.registry.saveUnits(
    [['201', '甲局'], ['202', '乙局'], ['203', '丙局'], ['204', '丁局'], ['205', '戊局']].map(([code, name]) => ({ code: `${code}001`, name: name!, parentCode: null, staffCount: 80, contactName: null, contactMobile: null })),
  );
  for (const [openId, name, unit] of [[P.none, '甲', '201001'], [P.draft, '乙', '202001'], [P.done, '丙', '203001'], [P.noplan, '丁', '204001'], [P.ret, '戊', '205001']] as const) {
    await w.stores.roster.bind(openId, unit, name);
  }
  await w.stores.roster.grant(P.rev, 'reviewer', '审核员');
  const plans = w.stores.plans;
  await plans.create({ year: 2027, unitCode: '202001', data: { budgetCode: '202001', title: '2027年度乙局草稿班' }, event: ev('create', P.draft) });
  const done = await plans.create({ year: 2027, unitCode: '203001', data: { ...full, budgetCode: '203001' }, event: ev('create') });
  await plans.update({ id: done.id, version: done.version, status: 'SUBMITTED', submittedAt: seeded, event: ev('submit') });
  for (const title of ['2027年度戊局一班', '2027年度戊局二班']) {
    const r = await plans.create({ year: 2027, unitCode: '205001', data: { ...full, budgetCode: '205001', title }, event: ev('create') });
    const s = (await plans.update({ id: r.id, version: r.version, status: 'SUBMITTED', submittedAt: seeded, event: ev('submit') }))!;
    await plans.update({ id: s.id, version: s.version, status: 'RETURNED', event: { ...ev('return', P.rev), comment: `${title}人数请核实` } });
  }
  await w.stores.unitYears.setNoPlan('204001', 2027, P.noplan, seeded);
});
afterEach(() => w.lintSentCards());

/** Runs a job as of `at` and returns its report, as `jobs:run` prints it. */
async function job(name: string, at: string, opts: { dryRun?: boolean } = {}) {
  return (await w.job(name, new Date(at), opts)).join('\n');
}

/** Changes every plan matching `filter` through the plans port (as an operator's correction would). */
async function setPlans(filter: PlanFilter, change: { status?: PlanStatus; submittedAt?: Date }, unless: (p: PlanRecord) => boolean = () => false) {
  for (const p of (await w.stores.plans.list(filter)).filter((x) => !unless(x))) {
    await w.stores.plans.update({ id: p.id, version: p.version, ...change, event: { ...ev('seed'), fromStatus: p.status, toStatus: change.status ?? p.status } });
  }
}

const cardsTo = (who: string) => w.messenger.to(who).filter((m) => m.msgType === 'interactive').map(messageText);

describe('declaration reminders', () => {
  it('reach exactly the units that still owe a declaration, once, with what is missing and the deadline', async () => {
    // 7 working days before Wed Aug 5: Mon Jul 27.
    const dry = await job('reminders', '2026-07-27T09:00:00+08:00', { dryRun: true });
    expect(dry).toContain('将要发送（试运行，未发送） 2 条提醒');
    expect(cardsTo(P.none)).toHaveLength(0);

    const out = await job('reminders', '2026-07-27T09:00:00+08:00');
    expect(out).toMatch(/^已发送 2 条提醒/m);
    const none = cardsTo(P.none);
    expect(none).toHaveLength(1);
    expect(none[0]).toContain('**甲局**：2027年度培训计划还没有提交。申报截止：**2026年8月5日 23:59**（还有 9 天）');
    expect(none[0]).toContain('[去申报]');
    expect(none[0]).toContain('[下载模板]');
    expect(none[0]).toContain('[本年度无培训计划]');
    const draft = cardsTo(P.draft);
    expect(draft[0]).toContain('有 1 份草稿还没有提交');
    expect(draft[0]).toContain('[继续填写草稿]');
    expect(cardsTo(P.done)).toHaveLength(0); // submitted
    expect(cardsTo(P.noplan)).toHaveLength(0); // 无计划
    expect(cardsTo(P.ret)).toHaveLength(0); // its plans were submitted (returned ones are reminded before 修改)

    // run again by hand, and twice at once as two processes would: nothing more
    expect(await job('reminders', '2026-07-27T09:00:00+08:00')).toMatch(/^已发送 0 条提醒，此前已发送 2 条/m);
    await Promise.all([job('reminders', '2026-07-27T09:05:00+08:00'), job('reminders', '2026-07-27T09:05:00+08:00')]);
    expect(cardsTo(P.none)).toHaveLength(1);
  });

  it('catch up < 12 h late; keep quiet on a Sunday and say why; skip older', async () => {
    expect(await job('reminders', '2026-07-31T19:00:00+08:00')).toMatch(/^已发送 2 条提醒/m); // Friday 09:00's, caught up in the evening
    expect(cardsTo(P.none).at(-1)).toContain('还有 5 天');
    const sunday = await job('reminders', '2026-08-02T09:00:00+08:00');
    expect(sunday).toMatch(/^已发送 0 条提醒/m);
    expect(sunday).toContain('8月2日是星期日，非工作日不发提醒（截止当天除外）；下一次提醒：8月4日 09:00（申报截止前 1 个工作日 09:00）。');
    // the bot was down from Tuesday 08:00 until Wednesday 07:00: Tuesday 09:00's reminder is skipped (logged)
    const late = await job('reminders', '2026-08-05T07:00:00+08:00');
    expect(late).toMatch(/^已发送 0 条提醒/m);
    expect(late).toMatch(/超过 12 小时未发的时段已跳过：declare 8月4日 09:00$/m); // Monday's went out: not listed
  });

  it('stop once a unit submits or declares 无计划; the last day is urgent', async () => {
    await setPlans({ unitCode: '202001' }, { status: 'SUBMITTED', submittedAt: new Date('2026-08-05T08:00:00+08:00') });
    await job('reminders', '2026-08-05T09:00:00+08:00');
    expect(cardsTo(P.draft)).toHaveLength(2); // nothing new after submitting
    const last = cardsTo(P.none).at(-1)!;
    expect(last).toContain('今天截止');
    expect(w.messenger.to(P.none).at(-1)!.content).toMatchObject({ header: { template: 'red' } });
    await w.stores.unitYears.setNoPlan('201001', 2027, P.none, w.clock.now());
    expect(await job('reminders', '2026-08-05T15:00:00+08:00')).toMatch(/^已发送 0 条提醒/m);
  });
});

describe('revision reminders', () => {
  it("quote the reviewer's comment, one card listing every returned plan of the unit", async () => {
    await job('reminders', '2026-08-07T09:00:00+08:00');
    const cards = cardsTo(P.ret);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('# 退回计划修改提醒');
    expect(cards[0]).toContain('审核意见：「2027年度戊局一班人数请核实」');
    expect(cards[0]).toContain('审核意见：「2027年度戊局二班人数请核实」');
    expect(cards[0]).toContain('请于 **2026年8月10日 23:59**（还有 3 天）前修改后重新提交');
    expect(cards[0]!.match(/\[修改\]/g)).toHaveLength(2);
  });
});

describe('review-time reminders', () => {
  it('remind reviewers at 16:00 of plans submitted that day, and more strongly the next working morning', async () => {
    // only one plan waits for a first review: submitted on Thursday morning
    await setPlans({ statuses: ['SUBMITTED'] }, { status: 'FIRST_APPROVED' }, (p) => p.unitCode === '203001');
    await setPlans({ unitCode: '203001' }, { submittedAt: new Date('2026-08-06T10:00:00+08:00') });
    expect(await job('review-reminders', '2026-08-06T15:00:00+08:00')).toMatch(/^已发送 0 条提醒/m);
    await job('review-reminders', '2026-08-06T16:00:00+08:00');
    const same = cardsTo(P.rev);
    expect(same).toHaveLength(1);
    expect(same[0]).toContain('今天提交的 1 个计划还没有初审（通知要求当天完成初审）');
    await job('review-reminders', '2026-08-07T09:00:00+08:00');
    const next = cardsTo(P.rev).at(-1)!;
    expect(next).toContain('# 初审超时提醒');
    expect(next).toContain('提交后已超过当天仍未初审');
    expect(w.messenger.to(P.rev).at(-1)!.content).toMatchObject({ header: { template: 'red' } });
  });
});
