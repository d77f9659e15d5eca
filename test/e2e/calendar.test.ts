// The working-day calendar for a year the package does not know, end to end: the weekly card to admins while
// 2027 has no schedule, 暂定 in 「进度」, an admin pasting the State Council's notice to the bot, the card of
// what it says, 确认导入 (once, admins only), due dates recomputed and the declarants whose dates moved told,
// a notice that contradicts itself, a text without its year, and 「节假日 2027」.
import { createStores } from '../../src/db/stores.ts';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { messageText, transcript } from '../support/transcript.ts';

const ADMIN = 'ou_cal_admin_0001';
const ADMIN2 = 'ou_cal_admin_0002';
const DECL = 'ou_cal_decl_00001';
const DECL2 = 'ou_cal_decl_00002';
const REVIEWER = 'ou_cal_reviewer01';
const NOTICE = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/holiday-notices/2027-sample.txt'), 'utf8');
const at = (iso: string) => new Date(`${iso}+08:00`);

let h: Harness;

const data: PlanDraft = { budgetCode: '101001', unitName: '柳州市人力资源和社会保障局', title: '2027年度人社业务培训班', scope: '市内', mode: '线下', audience: '业务骨干', headcount: 40, sessions: 3, days: 3, month: 5, location: '柳州市城中区', institution: null, budget: 30000, jointUnits: [], contactName: '李明', contactPhone: '0772-2825472', remarks: null, justification: null };
const ev = { at: at('2026-10-20T10:00:00'), actor: 'cli', action: 'create', fromStatus: null, toStatus: 'PUBLISHED' as const, comment: null, changes: null, channel: 'cli' as const };

beforeAll(async () => {
  h = await startHarness({ start: at('2026-11-05T10:00:00') }); // a Thursday
  await createStores(h.db).registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 90, contactName: null, contactMobile: null },
  ]);
  await h.db.user.createMany({
    data: [
      { openId: ADMIN, name: '管理员甲', role: 'admin' },
      { openId: ADMIN2, name: '管理员乙', role: 'admin' },
      { openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' },
      { openId: DECL2, name: '张伟', role: 'declarant', unitCode: '102001' },
      { openId: REVIEWER, name: '审核员', role: 'reviewer' },
    ],
  });
  const plans = createStores(h.db).plans;
  const ex = createStores(h.db);
  const p = await plans.create({ year: 2027, unitCode: '101001', status: 'PUBLISHED', data, event: ev });
  const other = await plans.create({ year: 2027, unitCode: '102001', status: 'PUBLISHED', data: { ...data, budgetCode: '102001', unitName: '柳州市财政局', title: '2027年度财政业务培训班' }, event: ev });
  const cls = (planId: number, seq: number, start: string, end: string) => ex.classes.add({ planId, seq, start, end, source: 'chat', at: ev.at, event: ev });
  await cls(p.id, 1, '2027-05-10', '2027-05-12'); // after 劳动节: ①②③ due May 3 on Monday–Friday, Apr 29 with the schedule
  await cls(p.id, 2, '2027-10-11', '2027-10-13'); // after 国庆节: ①②③ Oct 4 → Sep 28
  const third = (await cls(p.id, 3, '2027-09-27', '2027-09-28'))!; // ①②③ already done; ④⑤⑥ Oct 5 → Oct 11
  for (const step of [1, 2, 3] as const) {
    await ex.steps.put({ classId: third.id, step, expectedVersion: null, status: 'done', data: {}, reportedBy: DECL, at: ev.at, source: 'chat', event: { ...ev, planId: p.id, action: 'step_report' } });
  }
  await cls(other.id, 1, '2027-03-08', '2027-03-10'); // no holiday near: nothing moves
  await plans.create({ year: 2027, unitCode: '101001', status: 'SUBMITTED', data: { ...data, title: '2027年度等待初审的培训班' }, event: { ...ev, toStatus: 'SUBMITTED' as const } });
  await h.db.plan.updateMany({ where: { status: 'SUBMITTED' }, data: { submittedAt: at('2027-01-04T10:00:00') } });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

async function job(name: string, when: string) {
  const out: string[] = [];
  const code = await runCli(['jobs:run', name, '--now', `${when}+08:00`], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l));
  expect(code).toBe(0);
  await new Promise((r) => setTimeout(r, 250)); // the running bot's outbox picks the rows up
  await h.bot.idle();
  return out.join('\n');
}

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await runCli(args, { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, (l) => out.push(l), h.clock.now());
  return { code, out: out.join('\n') };
}

const cardsTo = (who: string) => h.stub.messagesTo(who).filter((m) => m.msgType === 'interactive').map(messageText);
const movedCards = (who: string) => cardsTo(who).filter((c) => c.startsWith('# 培训执行期限调整'));

describe('while 2027 has no schedule', () => {
  it('admins get a card once a week from Nov 1, on a working day in waking hours, with how to load it', async () => {
    expect(await job('calendar-check', '2026-10-26T09:30:00')).toContain('都已就绪'); // October: 2027 not needed yet
    expect(await job('calendar-check', '2026-11-09T08:00:00')).toContain('现在不是提醒时间'); // Monday, before 09:00
    expect(cardsTo(ADMIN)).toEqual([]);
    expect(await job('calendar-check', '2026-11-09T09:15:00')).toContain('已提醒 2 位管理员');
    const card = cardsTo(ADMIN).at(-1)!;
    expect(card).toContain('# 2027年节假日安排尚未导入');
    expect(card).toContain('暂按周一至周五计算');
    expect(card).toContain('把通知全文');
    expect(card).toContain('npm run cli -- calendar:notice');
    // Run again that week (or on another process): nothing more.
    expect(await job('calendar-check', '2026-11-09T09:30:00')).toContain('此前已提醒 2 位');
    await job('calendar-check', '2026-11-12T15:00:00');
    expect(await job('calendar-check', '2026-11-14T10:00:00')).toContain('现在不是提醒时间'); // Saturday
    expect(cardsTo(ADMIN)).toHaveLength(1);
    expect(cardsTo(DECL)).toEqual([]); // only admins
    await job('calendar-check', '2026-11-16T10:00:00'); // the next Monday
    expect(cardsTo(ADMIN)).toHaveLength(2);
    expect(cardsTo(ADMIN2)).toHaveLength(2);
  });

  it('「进度」 counts the wait over 2027 and says it is tentative', async () => {
    const now = h.clock.now();
    h.clock.set(at('2027-01-08T10:00:00'));
    try {
      const [card] = await transcript(h, REVIEWER).say('进度');
      expect(card).toContain('已等待 4 个工作日（暂定）');
      expect(card).toContain('2027年节假日安排尚未导入，期限暂按周一至周五计算');
      const [mine] = await transcript(h, DECL).say('进度');
      expect(mine).toContain('2027-003《2027年度等待初审的培训班》');
      expect(mine).toContain('自 10月20日 10:00 起 58 个工作日（暂定）'); // from 2026 (known) into 2027 (not)
    } finally {
      h.clock.set(now);
    }
  });

  it('「节假日 2027」 says there is no schedule and how to load it', async () => {
    const [card] = await transcript(h, ADMIN).say('节假日 2027');
    expect(card).toContain('# 2027年节假日安排');
    expect(card).toContain('2027年节假日安排尚未导入，期限暂按周一至周五计算');
    expect(card).toContain('导入方法');
  });
});

describe('an admin pastes the notice to the bot', () => {
  it('gets a card of what it says, by festival and by month, and nothing is stored yet', async () => {
    const [card] = await transcript(h, ADMIN).say(NOTICE);
    expect(card).toContain('# 2027年节假日安排（待确认）');
    expect(card).toContain('**国庆节**　10月1日（周五）至7日（周四）放假，共7天；9月26日（周日）、10月9日（周六）上班');
    expect(card).toContain('10月　工作日 17 天　放假 1日、4—7日　上班 9日（周六）');
    expect(card).toContain('全年工作日 **249** 天');
    expect(card).toContain('2027年目前没有节假日安排，暂按周一至周五计算；导入后 24 天改变');
    expect(card).toContain('[确认导入]');
    expect(card).toContain('[取消]');
    expect(JSON.parse((await cli('calendar:show', '2027', '--json')).out)).toMatchObject({ source: 'none' });
  });

  it('a non-admin clicking 确认导入 is refused', async () => {
    const card = transcript(h, ADMIN).lastCard();
    const value = (JSON.stringify(card.content).match(/\{"a":"hol_import","id":\d+,"v":\d+\}/) ?? [''])[0];
    const r = await transcript(h, DECL).clickValue(card.messageId, JSON.parse(value));
    expect(r.toast).toMatchObject({ type: 'error', content: '只有系统管理员可以操作' });
    expect(await h.db.holidayNotice.count({ where: { status: 'imported' } })).toBe(0);
  });

  it('确认导入 stores it, updates the card in place, recomputes due dates and tells the declarant whose dates moved', async () => {
    const r = await transcript(h, ADMIN).click('确认导入');
    expect(r.toast).toMatchObject({ type: 'success', content: '已导入2027年节假日安排' });
    expect(r.cardText).toContain('# 2027年节假日安排已导入');
    expect(r.cardText).toContain('由 管理员甲 于 2026年11月5日 10:0');
    expect(r.cardText).toContain('已按新安排重新计算 4 期培训班的期限：3 期有变化，已通知 1 人');
    await new Promise((res) => setTimeout(res, 200));
    await h.bot.idle();
    const told = movedCards(DECL);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('# 培训执行期限调整：3 期培训班');
    expect(told[0]).toContain('①②③ 须在 **4月29日** 前完成（原为 5月3日，按 2027 年国务院节假日安排重新计算）');
    expect(told[0]).toContain('①②③ 须在 **9月28日** 前完成（原为 10月4日，按 2027 年国务院节假日安排重新计算）');
    expect(told[0]).toContain('④⑤⑥ 须在 **10月11日** 前填报（原为 10月5日，按 2027 年国务院节假日安排重新计算）');
    expect(told[0]).not.toContain('原为 9月20日'); // the third class's ①②③ are done: not mentioned
    expect(movedCards(DECL2)).toEqual([]); // its class's dates did not move
    expect(JSON.parse((await cli('calendar:show', '2027', '--json')).out)).toMatchObject({ year: 2027, source: 'notice', workdays: ['2027-01-31', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'] });
  });

  it('clicking again answers the same; another admin clicking is told who imported it and when; nobody is told twice', async () => {
    const again = await transcript(h, ADMIN).click('确认导入'); // the same click, delivered again: the same answer
    expect(again.toast?.content).toBe('已导入2027年节假日安排');
    const card = transcript(h, ADMIN).lastCard();
    const value = JSON.parse((JSON.stringify(card.content).match(/\{"a":"hol_import","id":\d+,"v":\d+\}/) ?? [''])[0]);
    // As if the process had stopped after storing and before marking the messages queued: they are queued
    // again under the same keys, and the outbox sends each once.
    await h.db.holidayNotice.updateMany({ where: { status: 'imported' }, data: { notifiedAt: null } });
    const other = await transcript(h, ADMIN2).clickValue(card.messageId, value);
    expect(other.toast?.content).toMatch(/^已由 管理员甲 于 2026年11月5日 10:\d\d 导入$/);
    expect(other.cardText).toContain('# 2027年节假日安排已导入');
    await new Promise((res) => setTimeout(res, 200));
    await h.bot.idle();
    expect(movedCards(DECL)).toHaveLength(1);
    expect(await h.db.holidayNotice.count({ where: { status: 'imported', notifiedAt: { not: null } } })).toBe(1);
  });

  it('the weekly card stops once the year is loaded', async () => {
    expect(await job('calendar-check', '2026-11-23T10:00:00')).toContain('都已就绪');
    expect(cardsTo(ADMIN).filter((c) => c.startsWith('# 2027年节假日安排尚未导入'))).toHaveLength(2);
  });

  it('the same notice again is recognised', async () => {
    const [answer] = await transcript(h, ADMIN2).say(NOTICE);
    expect(answer).toMatch(/^2027年的节假日安排已于 2026年11月5日 10:\d\d 由 管理员甲 导入，与这份通知内容相同，无需再次导入/);
  });

  it('a corrected notice for the year says which days change', async () => {
    const corrected = NOTICE.replace('9月26日（周日）、10月9日（周六）上班', '9月25日（周六）、10月9日（周六）上班');
    const [card] = await transcript(h, ADMIN2).say(corrected);
    expect(card).toContain('现有安排：国务院办公厅通知，2026年11月5日 10:');
    expect(card).toContain('与之相比，2 天有变化');
    expect(card).toContain('9月25日（周六）：放假 → 上班');
    expect(card).toContain('9月26日（周日）：上班 → 放假');
    const r = await transcript(h, ADMIN2).click('取消');
    expect(r.cardText).toContain('已取消');
    expect(await h.db.holidayNotice.findMany({ where: { year: 2027 }, select: { status: true }, orderBy: { id: 'asc' } })).toEqual([{ status: 'imported' }, { status: 'cancelled' }]);
  });

  it('a card compared with a schedule that has since been replaced is refreshed before it can be confirmed', async () => {
    const mine = NOTICE.replace('9月26日（周日）、10月9日（周六）上班', '9月25日（周六）、10月9日（周六）上班');
    await transcript(h, ADMIN2).say(mine);
    const stale = transcript(h, ADMIN2).lastCard();
    const value = JSON.parse((JSON.stringify(stale.content).match(/\{"a":"hol_import","id":\d+,"v":\d+\}/) ?? [''])[0]);
    // Meanwhile the other admin loads a different correction.
    await transcript(h, ADMIN).say(NOTICE.replace('六、中秋节：9月15日（周三）放假1天，不调休。', '六、中秋节：9月15日（周三）至17日（周五）放假调休，共3天。9月18日（周六）上班。'));
    expect((await transcript(h, ADMIN).click('确认导入')).toast?.type).toBe('success');
    const r = await transcript(h, ADMIN2).clickValue(stale.messageId, value);
    expect(r.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('这期间2027年的安排已由 管理员甲 重新导入') });
    expect(r.cardText).toContain('# 2027年节假日安排（待确认）');
    expect(r.cardText).toContain('9月16日（周四）：放假 → 上班');
    const fresh = JSON.parse((JSON.stringify(r.card).match(/\{"a":"hol_import","id":\d+,"v":\d+\}/) ?? [''])[0]);
    expect((await transcript(h, ADMIN2).clickValue(stale.messageId, fresh)).toast?.type).toBe('success');
    expect(await h.db.holidayNotice.count({ where: { year: 2027, status: 'imported' } })).toBe(1);
    expect(JSON.parse((await cli('calendar:show', '2027', '--json')).out).workdays).toContain('2027-09-25');
  });

  it('「节假日 2027」 shows the loaded year', async () => {
    const [card] = await transcript(h, DECL).say('节假日 2027');
    expect(card).toContain('来源：国务院办公厅通知，2026年11月5日 10:');
    expect(card).toContain('**春节**　2月5日（周五）至12日（周五）放假，共8天；1月31日（周日）、2月20日（周六）上班');
    expect(card).toContain('2月　工作日 15 天');
  });
});

describe('a notice that cannot be stored', () => {
  it('a weekday that contradicts the date: a plain message naming the sentence, nothing stored', async () => {
    const before = await h.db.holidayNotice.count();
    const wrong = NOTICE.replace(/2027年/g, '2028年');
    const [answer] = await transcript(h, ADMIN).say(wrong);
    expect(answer).toContain('没有导入：这份节假日通知有');
    expect(answer).toContain('「一、元旦：1月1日（周五）至3日（周日）放假，共3天。」：2028年1月1日是星期六，不是括号里写的「周五」');
    expect(answer).toContain('请对照中国政府网');
    expect(await h.db.holidayNotice.count()).toBe(before);
  });

  it('a text without its year: the bot asks which year, keeps the text, and reads it for the year picked', async () => {
    const items = NOTICE.slice(NOTICE.indexOf('一、元旦')).split('节假日期间')[0]!;
    const t = transcript(h, ADMIN);
    const [ask] = await t.say(`导入节假日 ${items.replace('1月1日（周五）至3日（周日）', '1月1日（周六）至3日（周一）')}`);
    expect(ask).toContain('# 这份节假日通知是哪一年的？');
    expect(ask).toContain('[2027年]');
    const wrongYear = await t.click('2027年'); // 1月1日（周六）: not in 2027
    expect(wrongYear.toast).toMatchObject({ type: 'error' });
    expect(wrongYear.messages.join('\n')).toContain('2027年1月1日是星期五，不是括号里写的「周六」');
    expect(await h.db.holidayNotice.count({ where: { status: 'needs_year' } })).toBe(1);

    const [again] = await t.say(`导入节假日 ${items}`);
    expect(again).toContain('[2027年]');
    const picked = await t.click('2027年');
    expect(picked.cardText).toContain('# 2027年节假日安排（待确认）');
    expect(picked.cardText).toContain('现有安排：国务院办公厅通知');
    expect((await t.click('取消')).toast?.content).toBe('已取消，没有导入任何内容');
  });

  it('from a non-admin, the notice is not read as a command of theirs', async () => {
    const [answer] = await transcript(h, DECL).say(`节假日 ${NOTICE}`);
    expect(answer).toContain('节假日安排由系统管理员导入');
  });
});
