import { describe, expect, it } from 'vitest';
import { defaultCampaign } from '../../src/domain/campaign.ts';
import { formatDateTime } from '../../src/domain/dates.ts';
import { campaignSlots, DEFAULT_SCHEDULE, dueSlots, nextAllowed, reviewSlots } from '../../src/domain/reminders.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

const cal = new WorkCalendar();
const c2027 = defaultCampaign(2027); // 申报 by Wed Aug 5, 2026; 修改 by Mon Aug 10, 2026
const show = (d: Date) => formatDateTime(d);

describe('reminder slots of the 2027 campaign', () => {
  const slots = campaignSlots(c2027, DEFAULT_SCHEDULE, cal);

  it('before 申报: 7, 3, 1 days before at 09:00 and twice on the last day; a Sunday slot moves to Monday morning', () => {
    expect(slots.filter((s) => s.kind === 'declare').map((s) => [s.id.split(':').at(-1), show(s.nominal), show(s.effective)])).toEqual([
      ['d-7', '2026年7月29日 09:00', '2026年7月29日 09:00'],
      ['d-3', '2026年8月2日 09:00', '2026年8月3日 08:30'], // Sunday → next working day, first allowed minute
      ['d-1', '2026年8月4日 09:00', '2026年8月4日 09:00'],
      ['last-0900', '2026年8月5日 09:00', '2026年8月5日 09:00'],
      ['last-1500', '2026年8月5日 15:00', '2026年8月5日 15:00'],
    ]);
  });

  it('before 修改: a Sunday slot pushed onto the last day\'s own reminder is dropped, not sent twice', () => {
    expect(slots.filter((s) => s.kind === 'revise').map((s) => [s.id.split(':').at(-1), show(s.effective)])).toEqual([
      ['d-3', '2026年8月7日 09:00'],
      ['last-0900', '2026年8月10日 09:00'],
      ['last-1500', '2026年8月10日 15:00'],
    ]);
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
    const { due, tooLate } = dueSlots(slots, new Date('2026-08-03T19:00:00+08:00'));
    expect(due.map((s) => s.id.split(':').at(-1))).toEqual(['d-3']);
    expect(tooLate.map((s) => s.id.split(':').at(-1))).toEqual([]);
    const later = dueSlots(slots, new Date('2026-08-04T08:00:00+08:00'));
    expect(later.due).toEqual([]);
    expect(later.tooLate.map((s) => s.id.split(':').at(-1))).toEqual(['d-3']);
  });

  it('review slots are on working days only: 16:00 the same day and 09:00 the next morning', () => {
    const r = reviewSlots('2026-09-30', '2026-10-09', DEFAULT_SCHEDULE, cal);
    expect([...new Set(r.map((s) => s.id.split(':')[1]))]).toEqual(['2026-09-30', '2026-10-08', '2026-10-09']);
  });
});
