// When admins are told that a year has no holiday schedule: which years are needed, and when in a week.
import { describe, expect, it } from 'vitest';
import { weeklyReminderDue, weekOf, yearsNeeded } from '../../src/domain/missing-schedule.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/reminders.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

const at = (iso: string) => new Date(`${iso}+08:00`);
const cal = new WorkCalendar();

describe('the years a schedule is needed for', () => {
  it.each([
    ['2026-10-31T23:59:00', [2026]],
    ['2026-11-01T00:00:00', [2026, 2027]],
    ['2026-12-31T12:00:00', [2026, 2027]],
    ['2027-01-01T00:00:00', [2027]], // this year, whose schedule is still needed if it never arrived
  ])('at %s: %j', (now, years) => {
    expect(yearsNeeded(at(now))).toEqual(years);
  });

  it('in Beijing time, whatever the server\'s zone: Oct 31 16:00 UTC is already Nov 1 in Beijing', () => {
    expect(yearsNeeded(new Date('2026-10-31T16:00:00Z'))).toEqual([2026, 2027]);
  });
});

describe('the weekly moment', () => {
  it.each([
    ['2026-11-09T09:00:00', true, 'Monday at the reminder time'],
    ['2026-11-09T08:59:00', false, 'before the reminder time'],
    ['2026-11-09T20:00:00', false, 'quiet hours'],
    ['2026-11-14T10:00:00', false, 'Saturday'],
    ['2026-10-05T10:00:00', false, 'a Monday inside the National Day holiday'],
    ['2026-10-08T10:00:00', true, 'the first working day of that week'],
    ['2026-10-10T10:00:00', true, 'a make-up Saturday is a working day'],
  ])('%s due: %s (%s)', (now, due) => {
    expect(weeklyReminderDue(at(now), DEFAULT_SCHEDULE, cal).due).toBe(due);
  });

  it('a week is named by its Monday', () => {
    expect(weekOf(at('2026-11-15T23:00:00'))).toBe('2026-11-09');
    expect(weekOf(at('2026-11-16T00:30:00'))).toBe('2026-11-16');
  });
});
