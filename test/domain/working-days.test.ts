import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executionDueDates, WorkCalendar } from '../../src/domain/working-days.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

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
    expect(executionDueDates(cal, '2026-10-12', '2026-10-14')).toEqual({ beforeStart: '2026-09-29', afterEnd: '2026-10-21', tentative: { beforeStart: false, afterEnd: false } });
    // A class ending on Tue Sep 29: 09-30, 10-08, 10-09, 10-10, 10-12
    expect(executionDueDates(cal, '2026-09-28', '2026-09-29').afterEnd).toBe('2026-10-12');
  });
});

describe('years the package does not know', () => {
  it('falls back to Monday–Friday, marks those days tentative and reports the year once', () => {
    const unknown: number[] = [];
    const cal = new WorkCalendar({ onUnknownYear: (y) => unknown.push(y) });
    expect(cal.yearSource(2027)).toBe('none');
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // a Friday: no data says otherwise
    expect(cal.isWorkingDay('2027-10-02')).toBe(false);
    expect(cal.isWorkingDay('2027-10-04')).toBe(true);
    expect(cal.isTentative('2027-10-04')).toBe(true);
    expect(unknown).toEqual([2027]);
    expect(cal.yearSource(2026)).toBe('official');
    expect(cal.isTentative('2026-10-04')).toBe(false);
    expect(cal.unknownYears([2026, 2027, 2027, 2028])).toEqual([2027, 2028]);
  });

  it('marks due dates that rest on a guessed year, on each side of the class', () => {
    const cal = new WorkCalendar();
    // A class at the turn of the year: 5 working days before Jan 4, 2027 reach back into 2026 (known) …
    expect(executionDueDates(cal, '2027-01-04', '2027-01-05')).toMatchObject({ tentative: { beforeStart: true, afterEnd: true } });
    // … while a class in mid-December 2026 is known before it and after it.
    expect(executionDueDates(cal, '2026-12-14', '2026-12-15')).toMatchObject({ tentative: { beforeStart: false, afterEnd: false } });
    // Its steps 4–6 due after a class ending on Dec 29, 2026 reach into 2027: tentative.
    expect(executionDueDates(cal, '2026-12-28', '2026-12-29')).toMatchObject({ afterEnd: '2027-01-05', tentative: { beforeStart: false, afterEnd: true } });
  });

  it('uses a year loaded from the notice in full, and its days are not tentative', () => {
    const cal = new WorkCalendar({
      notices: [{ year: 2027, days: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }, { date: '2027-10-04', kind: 'holiday', name: '国庆节' }, { date: '2027-09-26', kind: 'workday', name: '国庆节' }] }],
    });
    expect(cal.yearSource(2027)).toBe('notice');
    expect(cal.isWorkingDay('2027-10-01')).toBe(false);
    expect(cal.isWorkingDay('2027-09-26')).toBe(true); // a Sunday worked
    expect(cal.isWorkingDay('2027-10-05')).toBe(true); // not listed: Monday–Friday
    expect(cal.isTentative('2027-10-05')).toBe(false);
    expect(cal.addWorkingDays('2027-09-30', 1)).toBe('2027-10-05');
  });
});

describe('an admin\'s day replaces that day only', () => {
  // The defect this guards against: one loaded day in 2026 used to replace the whole official year, so
  // National Day vanished (10-07 a working day, make-up Saturday 10-10 not) and on-time units were marked late.
  const cal = new WorkCalendar({ admin: [{ date: '2026-06-22', kind: 'holiday', name: '壮族三月三（示例）' }] });

  it.each([
    ['2026-06-22', false, 'the admin\'s day'],
    ['2026-10-07', false, 'National Day stays a holiday'],
    ['2026-10-10', true, 'the make-up Saturday stays a working day'],
    ['2026-10-08', true, 'an ordinary Thursday'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(cal.isWorkingDay(day)).toBe(expected);
  });

  it('keeps the year official and says which days the admin set', () => {
    expect(cal.yearSource(2026)).toBe('official');
    expect(cal.day('2026-06-22')).toEqual({ work: false, source: 'admin', name: '壮族三月三（示例）' });
    expect(cal.day('2026-10-10')).toMatchObject({ work: true, source: 'official', name: '国庆节' });
    // A class ending Wed Sep 30: 10-08, 10-09, 10-10, 10-12, 10-13, so steps 4–6 reported on Oct 13 are on
    // time, whatever the admin set in June.
    expect(executionDueDates(cal, '2026-09-29', '2026-09-30').afterEnd).toBe('2026-10-13');
  });

  it('can correct an officially known day, and only that day', () => {
    const c = new WorkCalendar({ admin: [{ date: '2026-10-09', kind: 'holiday' }] });
    expect(c.isWorkingDay('2026-10-09')).toBe(false);
    expect(c.isWorkingDay('2026-10-07')).toBe(false);
    expect(c.specialDays(2026).filter((d) => d.source === 'admin')).toEqual([{ date: '2026-10-09', kind: 'holiday', source: 'admin', name: undefined }]);
  });

  it('in a year with no schedule, makes that day known and leaves the rest tentative', () => {
    const c = new WorkCalendar({ admin: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }] });
    expect(c.yearSource(2027)).toBe('none');
    expect(c.isTentative('2027-10-01')).toBe(false);
    expect(c.isTentative('2027-10-04')).toBe(true);
  });
});

describe('the official layer in any time zone', () => {
  // chinese-days' own functions read dates in the server's zone (west of UTC they answer for the day
  // before); the calendar reads its data with zone-free dates. Both checked in child processes.
  const run = (tz: string, code: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: tz } });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as unknown;
  };
  const everyDay = `const out = {}; for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86400000) { const d = new Date(t).toISOString().slice(0, 10); out[d] = WORK(d); } console.log(JSON.stringify(out));`;

  it('agrees with chinese-days (asked in Beijing) on every day from 2004 to 2026, in Los Angeles too', () => {
    const expected = run('Asia/Shanghai', `import cd from 'chinese-days'; const WORK = (d) => cd.isWorkday(d); ${everyDay}`) as Record<string, boolean>;
    const ours = (tz: string) => run(tz, `import { WorkCalendar } from './src/domain/working-days.ts'; const c = new WorkCalendar(); const WORK = (d) => c.isWorkingDay(d); ${everyDay}`);
    expect(Object.keys(expected)).toHaveLength(8401);
    expect(ours('Asia/Shanghai')).toEqual(expected);
    expect(ours('America/Los_Angeles')).toEqual(expected);
  }, 60_000);
});
