import { describe, expect, it } from 'vitest';
import { executionDueDates, WorkCalendar } from '../../src/domain/working-days.ts';

// 2026 National Day (国务院办公厅 2025-11-04): Oct 1–7 off; Sun Sep 20 and Sat Oct 10 are make-up workdays.
describe('working days across the 2026 National Day holiday', () => {
  const cal = new WorkCalendar();

  it.each([
    ['2026-09-30', true, 'Wednesday before the holiday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-05', false, 'Monday inside the holiday'],
    ['2026-10-08', true, 'Thursday after the holiday'],
    ['2026-10-10', true, 'make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-09-19', false, 'ordinary Saturday'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(cal.isWorkingDay(day)).toBe(expected);
  });

  it.each([
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'], // Friday → make-up Saturday
    ['2026-10-12', -1, '2026-10-10'],
    ['2026-10-12', -5, '2026-09-29'], // 10-10, 10-09, 10-08, 09-30, 09-29
    ['2026-09-29', 5, '2026-10-12'],
    ['2026-09-18', 1, '2026-09-20'], // Friday → make-up Sunday
  ])('%s %+d working days → %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  it('counts working days between two dates', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4); // 10-08, 10-09, 10-10, 10-12
    expect(cal.workingDaysBetween('2026-10-12', '2026-09-30')).toBe(-4);
  });

  it('gives the six steps\' due dates around the holiday', () => {
    // A class from Mon Oct 12 to Wed Oct 14, 2026.
    expect(executionDueDates(cal, '2026-10-12', '2026-10-14')).toEqual({ beforeStart: '2026-09-29', afterEnd: '2026-10-21' });
    // A class ending on Tue Sep 29: 09-30, 10-08, 10-09, 10-10, 10-12
    expect(executionDueDates(cal, '2026-09-28', '2026-09-29').afterEnd).toBe('2026-10-12');
  });
});

describe('years the package does not know', () => {
  it('falls back to Monday–Friday and reports the year once', () => {
    const unknown: number[] = [];
    const cal = new WorkCalendar([], (y) => unknown.push(y));
    expect(cal.coverage(2027)).toBe('none');
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // a Friday: no data says otherwise
    expect(cal.isWorkingDay('2027-10-02')).toBe(false);
    expect(cal.isWorkingDay('2027-10-04')).toBe(true);
    expect(unknown).toEqual([2027]);
    expect(cal.coverage(2026)).toBe('official');
  });

  it('uses the admin\'s override for such a year (holidays and make-up days)', () => {
    const cal = new WorkCalendar([
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-04', kind: 'holiday', name: '国庆节' },
      { date: '2027-09-26', kind: 'workday', name: '国庆节' },
    ]);
    expect(cal.coverage(2027)).toBe('admin');
    expect(cal.isWorkingDay('2027-10-01')).toBe(false);
    expect(cal.isWorkingDay('2027-09-26')).toBe(true); // a Sunday worked
    expect(cal.addWorkingDays('2027-09-30', 1)).toBe('2027-10-05');
  });

  it('lets an override correct an officially known day', () => {
    const cal = new WorkCalendar([{ date: '2026-10-09', kind: 'holiday' }]);
    expect(cal.isWorkingDay('2026-10-09')).toBe(false);
  });
});
