// The working-day calendar for a year the package does not know, on the fast seam: the weekly card to admins
// while 2027 has no schedule, 暂定 in 「进度」, an admin pasting the State Council's notice to the bot, the card
// of what it says, 确认导入 (once, admins only), due dates recomputed and the declarants whose dates moved
// told, a notice that contradicts itself, a text without its year, and 「节假日 2027」. Seeded and read back
// through the ports; the jobs run through w.job. (Moved from test/e2e/calendar.test.ts; what stays there:
// the same click delivered twice, answered alike by the inbox.)
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import { scheduleJson } from '../../../src/domain/year-calendar.ts';
import { loadWorkCalendar } from '../../../src/model/reference-data.ts';
import { world, type World } from '../../support/converse.ts';
import { messageText } from '../../support/transcript.ts';

const ADMIN = 'ou_cal_admin_0001';
const ADMIN2 = 'ou_cal_admin_0002';
const DECL = 'ou_cal_decl_00001';
const DECL2 = 'ou_cal_decl_00002';
const REVIEWER = 'ou_cal_reviewer01';
const NOTICE = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/holiday-notices/2027-sample.txt'), 'utf8');
const at = (iso: string) => new Date(`${iso}+08:00`);

let w: World;

const data: PlanDraft = { budgetCode: '101001', unitName: '柳州市人力资源和社会保障局', title: '2027年度人社业务培训班', scope: '市内', mode: '线下', audience: '业务骨干', headcount: 40, sessions: 3, days: 3, month: 5, location: '柳州市城中区', institution: null, budget: 30000, jointUnits: [], contactName: '李明', contactPhone: '0772-2825472', remarks: null, justification: null };
const ev = { at: at('2026-10-20T10:00:00'), actor: 'cli', action: 'create', fromStatus: null, toStatus: 'PUBLISHED' as const, comment: null, changes: null, channel: 'cli' as const };

beforeAll(async () => {
  w = await world({ start: at('2026-11-05T10:00:00') }); // a Thursday
  const s = w.stores;
  await s.registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 90, contactName: null, contactMobile: null },
  ]);
  await s.roster.grant(ADMIN, 'admin', '管理员甲');
  await s.roster.grant(ADMIN2, 'admin', '管理员乙');
  await s.roster.bind(DECL, '101001', '李明');
  await s.roster.bind(DECL2, '102001', '张伟');
  await s.roster.grant(REVIEWER, 'reviewer', '审核员');
  const p = await s.plans.create({ year: 2027, unitCode: '101001', status: 'PUBLISHED', data, event: ev });
  const other = await s.plans.create({ year: 2027, unitCode: '102001', status: 'PUBLISHED', data: { ...data, budgetCode: '102001', unitName: '柳州市财政局', title: '2027年度财政业务培训班' }, event: ev });
  const cls = (planId: number, seq: number, start: string, end: string) => s.classes.add({ planId, seq, start, end, source: 'chat', at: ev.at, event: ev });
  await cls(p.id, 1, '2027-05-10', '2027-05-12'); // after 劳动节: ①②③ due May 3 on Monday–Friday, Apr 29 with the schedule
  await cls(p.id, 2, '2027-10-11', '2027-10-13'); // after 国庆节: ①②③ Oct 4 → Sep 28
  const third = (await cls(p.id, 3, '2027-09-27', '2027-09-28'))!; // ①②③ already done; ④⑤⑥ Oct 5 → Oct 11
  for (const step of [1, 2, 3] as const) {
    await s.steps.put({ classId: third.id, step, expectedVersion: null, status: 'done', data: {}, reportedBy: DECL, at: ev.at, source: 'chat', event: { ...ev, planId: p.id, action: 'step_report' } });
  }
  await cls(other.id, 1, '2027-03-08', '2027-03-10'); // no holiday near: nothing moves
  const waiting = await s.plans.create({ year: 2027, unitCode: '101001', status: 'SUBMITTED', data: { ...data, title: '2027年度等待初审的培训班' }, event: { ...ev, toStatus: 'SUBMITTED' as const } });
  await s.plans.update({ id: waiting.id, version: waiting.version, submittedAt: at('2027-01-04T10:00:00'), event: { ...ev, action: 'seed', toStatus: 'SUBMITTED' as const } });
});
afterEach(() => w.lintSentCards());

/** A job as of a Beijing time, and its report (as `jobs:run` prints it). */
const job = async (name: string, when: string) => (await w.job(name, at(when))).join('\n');
/** What `calendar:show <year> --json` prints: the year's schedule as the bot computes it now. */
const show = async (year: number) => scheduleJson(await loadWorkCalendar({ calendarData: w.stores.calendarData, logger: w.logger }), year);
/** Every stored notice (the port has no list: ids are read one by one, as the database numbers them). */
async function notices(where: { year?: number; status?: string; notified?: boolean } = {}) {
  const all = await Promise.all(Array.from({ length: 100 }, (_, i) => w.stores.holidayNotices.get(i + 1)));
  return all.filter((n) => n && (where.year === undefined || n.year === where.year) && (where.status === undefined || n.status === where.status) && (where.notified === undefined || (n.notifiedAt !== null) === where.notified));
}
const importValue = (card: unknown) => JSON.parse((JSON.stringify(card).match(/\{"a":"hol_import","id":\d+,"v":\d+\}/) ?? [''])[0]) as { a: 'hol_import'; id: number; v: number };

const cardsTo = (who: string) => w.messenger.to(who).filter((m) => m.msgType === 'interactive').map(messageText);
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
    const now = w.clock.now();
    w.clock.set(at('2027-01-08T10:00:00'));
    try {
      const [card] = await w.as(REVIEWER).say('进度');
      expect(card).toContain('已等待 4 个工作日（暂定）');
      expect(card).toContain('2027年节假日安排尚未导入，期限暂按周一至周五计算');
      const [mine] = await w.as(DECL).say('进度');
      expect(mine).toContain('2027-003《2027年度等待初审的培训班》');
      expect(mine).toContain('自 10月20日 10:00 起 58 个工作日（暂定）'); // from 2026 (known) into 2027 (not)
    } finally {
      w.clock.set(now);
    }
  });

  it('「节假日 2027」 says there is no schedule and how to load it', async () => {
    const [card] = await w.as(ADMIN).say('节假日 2027');
    expect(card).toContain('# 2027年节假日安排');
    expect(card).toContain('2027年节假日安排尚未导入，期限暂按周一至周五计算');
    expect(card).toContain('导入方法');
  });
});

describe('an admin pastes the notice to the bot', () => {
  it('gets a card of what it says, by festival and by month, and nothing is stored yet', async () => {
    const [card] = await w.as(ADMIN).say(NOTICE);
    expect(card).toContain('# 2027年节假日安排（待确认）');
    expect(card).toContain('**国庆节**　10月1日（周五）至7日（周四）放假，共7天；9月26日（周日）、10月9日（周六）上班');
    expect(card).toContain('10月　工作日 17 天　放假 1日、4—7日　上班 9日（周六）');
    expect(card).toContain('全年工作日 **249** 天');
    expect(card).toContain('2027年目前没有节假日安排，暂按周一至周五计算；导入后 24 天改变');
    expect(card).toContain('[确认导入]');
    expect(card).toContain('[取消]');
    expect(await show(2027)).toMatchObject({ source: 'none' });
  });

  it('a non-admin clicking 确认导入 is refused', async () => {
    const card = w.as(ADMIN).lastCard();
    const r = await w.as(DECL).clickValue(card.messageId, importValue(card.content));
    expect(r.toast).toMatchObject({ type: 'error', content: '只有系统管理员可以操作' });
    expect(await notices({ status: 'imported' })).toHaveLength(0);
  });

  it('确认导入 stores it, updates the card in place, recomputes due dates and tells the declarant whose dates moved', async () => {
    // As if the process stopped after storing the schedule and queueing the messages, before marking them
    // queued (the next test checks a later click queues them again, harmlessly).
    const hn = w.stores.holidayNotices;
    const markNotified = hn.markNotified;
    hn.markNotified = async () => {};
    const r = await w
      .as(ADMIN)
      .click('确认导入')
      .finally(() => (hn.markNotified = markNotified));
    expect(r.toast).toMatchObject({ type: 'success', content: '已导入2027年节假日安排' });
    expect(r.cardText).toContain('# 2027年节假日安排已导入');
    expect(r.cardText).toContain('由 管理员甲 于 2026年11月5日 10:0');
    expect(r.cardText).toContain('已按新安排重新计算 4 期培训班的期限：3 期有变化，已通知 1 人');
    const told = movedCards(DECL);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('# 培训执行期限调整：3 期培训班');
    expect(told[0]).toContain('①②③ 须在 **4月29日** 前完成（原为 5月3日，按 2027 年国务院节假日安排重新计算）');
    expect(told[0]).toContain('①②③ 须在 **9月28日** 前完成（原为 10月4日，按 2027 年国务院节假日安排重新计算）');
    expect(told[0]).toContain('④⑤⑥ 须在 **10月11日** 前填报（原为 10月5日，按 2027 年国务院节假日安排重新计算）');
    expect(told[0]).not.toContain('原为 9月20日'); // the third class's ①②③ are done: not mentioned
    expect(movedCards(DECL2)).toEqual([]); // its class's dates did not move
    expect(await show(2027)).toMatchObject({ year: 2027, source: 'notice', workdays: ['2027-01-31', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'] });
  });

  it('another admin clicking is told who imported it and when; the same admin clicking again too; nobody is told twice', async () => {
    expect(await notices({ status: 'imported', notified: false })).toHaveLength(1); // the messages queued, not yet marked
    const card = w.as(ADMIN).lastCard();
    const other = await w.as(ADMIN2).clickValue(card.messageId, importValue(card.content));
    expect(other.toast?.content).toMatch(/^已由 管理员甲 于 2026年11月5日 10:\d\d 导入$/);
    expect(other.cardText).toContain('# 2027年节假日安排已导入');
    expect(movedCards(DECL)).toHaveLength(1);
    expect(await notices({ status: 'imported', notified: true })).toHaveLength(1);
    // Here nothing stands between a click and the bot: the same admin's second click is answered like anyone's.
    // (The same click delivered twice gets the same answer from the inbox: test/e2e/calendar.test.ts.)
    const again = await w.as(ADMIN).click('确认导入');
    expect(again.toast?.content).toMatch(/^已由 管理员甲 于 2026年11月5日 10:\d\d 导入$/);
    expect(movedCards(DECL)).toHaveLength(1);
  });

  it('the weekly card stops once the year is loaded', async () => {
    expect(await job('calendar-check', '2026-11-23T10:00:00')).toContain('都已就绪');
    expect(cardsTo(ADMIN).filter((c) => c.startsWith('# 2027年节假日安排尚未导入'))).toHaveLength(2);
  });

  it('the same notice again is recognised', async () => {
    const [answer] = await w.as(ADMIN2).say(NOTICE);
    expect(answer).toMatch(/^2027年的节假日安排已于 2026年11月5日 10:\d\d 由 管理员甲 导入，与这份通知内容相同，无需再次导入/);
  });

  it('a corrected notice for the year says which days change', async () => {
    const corrected = NOTICE.replace('9月26日（周日）、10月9日（周六）上班', '9月25日（周六）、10月9日（周六）上班');
    const [card] = await w.as(ADMIN2).say(corrected);
    expect(card).toContain('现有安排：国务院办公厅通知，2026年11月5日 10:');
    expect(card).toContain('与之相比，2 天有变化');
    expect(card).toContain('9月25日（周六）：放假 → 上班');
    expect(card).toContain('9月26日（周日）：上班 → 放假');
    const r = await w.as(ADMIN2).click('取消');
    expect(r.cardText).toContain('已取消');
    expect((await notices({ year: 2027 })).map((n) => ({ status: n!.status }))).toEqual([{ status: 'imported' }, { status: 'cancelled' }]);
  });

  it('a card compared with a schedule that has since been replaced is refreshed before it can be confirmed', async () => {
    const mine = NOTICE.replace('9月26日（周日）、10月9日（周六）上班', '9月25日（周六）、10月9日（周六）上班');
    await w.as(ADMIN2).say(mine);
    const stale = w.as(ADMIN2).lastCard();
    const value = importValue(stale.content);
    // Meanwhile the other admin loads a different correction.
    await w.as(ADMIN).say(NOTICE.replace('六、中秋节：9月15日（周三）放假1天，不调休。', '六、中秋节：9月15日（周三）至17日（周五）放假调休，共3天。9月18日（周六）上班。'));
    expect((await w.as(ADMIN).click('确认导入')).toast?.type).toBe('success');
    const r = await w.as(ADMIN2).clickValue(stale.messageId, value);
    expect(r.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('这期间2027年的安排已由 管理员甲 重新导入') });
    expect(r.cardText).toContain('# 2027年节假日安排（待确认）');
    expect(r.cardText).toContain('9月16日（周四）：放假 → 上班');
    const fresh = importValue(r.card);
    expect((await w.as(ADMIN2).clickValue(stale.messageId, fresh)).toast?.type).toBe('success');
    expect(await notices({ year: 2027, status: 'imported' })).toHaveLength(1);
    expect((await show(2027)).workdays).toContain('2027-09-25');
  });

  it('「节假日 2027」 shows the loaded year', async () => {
    const [card] = await w.as(DECL).say('节假日 2027');
    expect(card).toContain('来源：国务院办公厅通知，2026年11月5日 10:');
    expect(card).toContain('**春节**　2月5日（周五）至12日（周五）放假，共8天；1月31日（周日）、2月20日（周六）上班');
    expect(card).toContain('2月　工作日 15 天');
  });
});

describe('a notice that cannot be stored', () => {
  it('a weekday that contradicts the date: a plain message naming the sentence, nothing stored', async () => {
    const before = (await notices()).length;
    const wrong = NOTICE.replace(/2027年/g, '2028年');
    const [answer] = await w.as(ADMIN).say(wrong);
    expect(answer).toContain('没有导入：这份节假日通知有');
    expect(answer).toContain('「一、元旦：1月1日（周五）至3日（周日）放假，共3天。」：2028年1月1日是星期六，不是括号里写的「周五」');
    expect(answer).toContain('请对照中国政府网');
    expect(await notices()).toHaveLength(before);
  });

  it('a text without its year: the bot asks which year, keeps the text, and reads it for the year picked', async () => {
    const items = NOTICE.slice(NOTICE.indexOf('一、元旦')).split('节假日期间')[0]!;
    const t = w.as(ADMIN);
    const [ask] = await t.say(`导入节假日 ${items.replace('1月1日（周五）至3日（周日）', '1月1日（周六）至3日（周一）')}`);
    expect(ask).toContain('# 这份节假日通知是哪一年的？');
    expect(ask).toContain('[2027年]');
    const wrongYear = await t.click('2027年'); // 1月1日（周六）: not in 2027
    expect(wrongYear.toast).toMatchObject({ type: 'error' });
    expect(wrongYear.messages.join('\n')).toContain('2027年1月1日是星期五，不是括号里写的「周六」');
    expect(await notices({ status: 'needs_year' })).toHaveLength(1);

    const [again] = await t.say(`导入节假日 ${items}`);
    expect(again).toContain('[2027年]');
    const picked = await t.click('2027年');
    expect(picked.cardText).toContain('# 2027年节假日安排（待确认）');
    expect(picked.cardText).toContain('现有安排：国务院办公厅通知');
    expect((await t.click('取消')).toast?.content).toBe('已取消，没有导入任何内容');
  });

  it('from a non-admin, the notice is not read as a command of theirs', async () => {
    const [answer] = await w.as(DECL).say(`节假日 ${NOTICE}`);
    expect(answer).toContain('节假日安排由系统管理员导入');
  });
});
