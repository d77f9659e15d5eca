import { describe, expect, it } from 'vitest';
import { defaultCampaign } from '../../src/domain/campaign.ts';
import { beijingYmd, formatDateTime } from '../../src/domain/dates.ts';
import { campaignSlots, DEFAULT_SCHEDULE, dueSlots, nextAllowed, nextSlot, quietReason, reviewSlots } from '../../src/domain/reminders.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

const cal = new WorkCalendar();
const c2027 = defaultCampaign(2027); // 申报 by Wed Aug 5, 2026; 修改 by Mon Aug 10, 2026
const show = (d: Date) => formatDateTime(d);

describe('reminder slots of the 2027 campaign', () => {
  const slots = campaignSlots(c2027, DEFAULT_SCHEDULE, cal);

  it('before 申报: 7, 3 and 1 working days before at 09:00, and twice on the last day', () => {
    expect(slots.filter((s) => s.kind === 'declare').map((s) => [s.id.split(':').at(-1), show(s.nominal), show(s.effective), s.label])).toEqual([
      ['wd-7', '2026年7月27日 09:00', '2026年7月27日 09:00', '申报截止前 7 个工作日 09:00'],
      ['wd-3', '2026年7月31日 09:00', '2026年7月31日 09:00', '申报截止前 3 个工作日 09:00'],
      ['wd-1', '2026年8月4日 09:00', '2026年8月4日 09:00', '申报截止前 1 个工作日 09:00'],
      ['last-0900', '2026年8月5日 09:00', '2026年8月5日 09:00', '申报截止当天 09:00'],
      ['last-1500', '2026年8月5日 15:00', '2026年8月5日 15:00', '申报截止当天 15:00'],
    ]);
  });

  it('before 修改: only the moments inside the revision window (3 working days before is still 申报 time)', () => {
    expect(slots.filter((s) => s.kind === 'revise').map((s) => [s.id.split(':').at(-1), show(s.effective)])).toEqual([
      ['wd-1', '2026年8月7日 09:00'],
      ['last-0900', '2026年8月10日 09:00'],
      ['last-1500', '2026年8月10日 15:00'],
    ]);
  });

  it('counts working days across a holiday, so no reminder is held back to a day that crowds the next one', () => {
    // 申报 by Fri Oct 9, 2026: 3 working days before skips National Day (Oct 1–7) to Tue Sep 29.
    const c = { ...c2027, opensAt: new Date('2026-09-01T00:00:00+08:00'), declareClosesAt: new Date('2026-10-10T00:00:00+08:00'), reviseClosesAt: new Date('2026-10-17T00:00:00+08:00') };
    const declare = campaignSlots(c, DEFAULT_SCHEDULE, cal).filter((s) => s.kind === 'declare');
    expect(declare.map((s) => [s.id.split(':').at(-1), show(s.effective)])).toEqual([
      ['wd-7', '2026年9月22日 09:00'], // and 中秋节 (Sep 25)
      ['wd-3', '2026年9月29日 09:00'],
      ['wd-1', '2026年10月8日 09:00'],
      ['last-0900', '2026年10月9日 09:00'],
      ['last-1500', '2026年10月9日 15:00'],
    ]);
    expect(declare.every((s) => cal.isWorkingDay(beijingYmd(s.effective)))).toBe(true);
  });

  it('the last day itself is reminded even when it is not a working day', () => {
    const saturdayDeadline = { ...c2027, declareClosesAt: new Date('2026-08-09T00:00:00+08:00') }; // last day Sat Aug 8
    const last = campaignSlots(saturdayDeadline, DEFAULT_SCHEDULE, cal).filter((s) => s.kind === 'declare' && s.id.includes('last'));
    expect(last.map((s) => show(s.effective))).toEqual(['2026年8月8日 09:00', '2026年8月8日 15:00']);
  });

  it.each([
    ['2026-08-04T07:00:00+08:00', '2026年8月4日 08:30'], // before waking hours
    ['2026-08-04T21:00:00+08:00', '2026年8月5日 08:30'], // after 20:00
    ['2026-10-01T10:00:00+08:00', '2026年10月8日 08:30'], // National Day holiday
    ['2026-10-10T10:00:00+08:00', '2026年10月10日 10:00'], // a make-up Saturday is a working day
  ])('a reminder due at %s goes out at %s', (due, expected) => {
    expect(show(nextAllowed(new Date(due), DEFAULT_SCHEDULE, cal, null))).toBe(expected);
  });

  it('a run sends slots less than 12 hours late and skips older ones', () => {
    const { due, tooLate } = dueSlots(slots, new Date('2026-07-31T19:00:00+08:00'));
    expect(due.map((s) => s.id.split(':').at(-1))).toEqual(['wd-3']);
    expect(tooLate.map((s) => s.id.split(':').at(-1))).toEqual([]);
    const later = dueSlots(slots, new Date('2026-08-01T08:00:00+08:00'));
    expect(later.due).toEqual([]);
    expect(later.tooLate.map((s) => s.id.split(':').at(-1))).toEqual(['wd-3']);
  });

  it.each([
    ['2026-08-02T10:00:00+08:00', '8月2日是星期日，非工作日不发提醒（截止当天除外）'],
    ['2026-10-03T10:00:00+08:00', '10月3日是国庆节假期（星期六），非工作日不发提醒（截止当天除外）'],
    ['2026-08-03T21:00:00+08:00', '20:00至次日 08:30 不发提醒'],
    ['2026-08-03T08:00:00+08:00', '20:00至次日 08:30 不发提醒'],
    ['2026-08-03T10:00:00+08:00', null],
    ['2026-10-10T10:00:00+08:00', null], // a make-up Saturday is a working day
  ])('at %s the reason nothing may go out is %s', (now, reason) => {
    expect(quietReason(new Date(now), DEFAULT_SCHEDULE, cal)).toBe(reason);
  });

  it('the next slot after a moment is the first to go out after it', () => {
    expect(nextSlot(slots, new Date('2026-08-02T10:00:00+08:00'))?.label).toBe('申报截止前 1 个工作日 09:00');
    expect(nextSlot(slots, new Date('2026-08-10T16:00:00+08:00'))).toBeNull();
  });

  it('review slots are on working days only: 16:00 the same day and 09:00 the next morning', () => {
    const r = reviewSlots('2026-09-30', '2026-10-09', DEFAULT_SCHEDULE, cal);
    expect([...new Set(r.map((s) => s.id.split(':')[1]))]).toEqual(['2026-09-30', '2026-10-08', '2026-10-09']);
  });
});
