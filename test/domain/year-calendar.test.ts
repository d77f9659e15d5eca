// A year of the calendar by month, what changes between two calendars, and the JSON the CLI prints.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHolidayNotice } from '../../src/domain/holiday-notice.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';
import { calendarChanges, monthSummaries, namedGroups, noticeJson, scheduleJson, yearWorkingDays } from '../../src/domain/year-calendar.ts';

const n2026 = readHolidayNotice(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/holiday-notices/2026.txt'), 'utf8'));
if (!n2026.ok) throw new Error('2026 fixture does not read');
const schedule2026 = n2026.notice.schedule;

describe('a year by month', () => {
  const months = monthSummaries(new WorkCalendar(), 2026);

  it('lists the weekdays off and the weekends worked, and counts the working days', () => {
    expect(months[0]).toEqual({ month: 1, off: ['2026-01-01', '2026-01-02'], worked: ['2026-01-04'], workingDays: 21 });
    expect(months[9]).toEqual({ month: 10, off: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], worked: ['2026-10-10'], workingDays: 18 });
    // 261 weekdays in 2026, 19 of them off, 6 weekends worked.
    expect(yearWorkingDays(months)).toBe(261 - 19 + 6);
  });

  it('groups an official year\'s days by festival', () => {
    const groups = namedGroups(new WorkCalendar(), 2026);
    // Every day off of the holiday, the weekend inside it too, as the notice says 10月1日至7日.
    expect(groups.find((g) => g.name === '国庆节')).toEqual({ name: '国庆节', off: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], worked: ['2026-09-20', '2026-10-10'] });
    expect(groups.map((g) => g.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  });
});

describe('what changes', () => {
  it('between Monday–Friday and a loaded year: each day off on a weekday and each weekend worked', () => {
    const moved = { year: 2027, days: schedule2026.days.map((d) => ({ ...d, date: `2027${d.date.slice(4)}` })) };
    const changes = calendarChanges(new WorkCalendar(), new WorkCalendar({ notices: [moved] }), 2027);
    expect(changes.find((c) => c.date === '2027-10-01')).toEqual({ date: '2027-10-01', before: 'work', after: 'off' });
    expect(changes.every((c) => c.before !== c.after)).toBe(true);
  });

  it('is nothing between chinese-days and the same year read from its notice', () => {
    expect(calendarChanges(new WorkCalendar(), new WorkCalendar({ notices: [schedule2026] }), 2026)).toEqual([]);
  });
});

describe('the JSON shape', () => {
  it('of a notice: weekday holidays and weekend workdays, sorted', () => {
    const j = noticeJson(schedule2026);
    expect(j).toMatchObject({ year: 2026, source: 'notice' });
    expect(j.holidays).toHaveLength(19);
    expect(j.holidays).not.toContain('2026-01-03'); // a Saturday off is no change
    expect(j.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('of the effective calendar: the year\'s source, and the days an admin set apart', () => {
    const cal = new WorkCalendar({ admin: [{ date: '2026-04-20', kind: 'holiday', name: '三月三' }] });
    const j = scheduleJson(cal, 2026);
    expect(j.source).toBe('official');
    expect(j.holidays).toContain('2026-04-20');
    expect(j.sources).toEqual({ '2026-04-20': 'admin' });
    expect(scheduleJson(new WorkCalendar(), 2027)).toEqual({ year: 2027, source: 'none', holidays: [], workdays: [] });
    expect(scheduleJson(new WorkCalendar({ notices: [schedule2026] }), 2026)).toEqual({ ...noticeJson(schedule2026) });
  });
});
