import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/domain/dates.ts';
import { backfillSlots, classAlertSlots } from '../../src/domain/execution-alerts.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/reminders.ts';
import { at, cal } from './execution-fixtures.ts';
describe('alerts of a class', () => {
  const show = (start: string, end: string) =>
    Object.fromEntries(classAlertSlots({ id: 7, start, end, createdAt: at('2026-08-01T10:00:00') }, DEFAULT_SCHEDULE, cal).map((s) => [s.kind, formatDateTime(s.effective)]));

  it('counts working days around National Day and the make-up Saturday', () => {
    expect(show('2026-10-12', '2026-10-14')).toEqual({
      exec_pre7: '2026年9月24日 09:00', // the 7th working day before: Sep 25 is 中秋, 26–27 a weekend
      exec_pre5: '2026年9月29日 09:00', // the due day of ①②③
      exec_started: '2026年10月12日 08:30',
      exec_post3: '2026年10月19日 09:00',
      exec_overdue: '2026年10月22日 09:00', // the first working day after the due day Oct 21
    });
    expect(show('2026-09-28', '2026-09-30')).toMatchObject({
      exec_post3: '2026年10月10日 09:00', // the make-up Saturday is a working day
      exec_overdue: '2026年10月14日 09:00',
    });
  });

  it('a class recorded after its start is reported as soon as it is recorded (in waking hours)', () => {
    const late = classAlertSlots({ id: 8, start: '2026-10-12', end: '2026-10-14', createdAt: at('2026-10-13T21:40:00') }, DEFAULT_SCHEDULE, cal);
    expect(formatDateTime(late.find((s) => s.kind === 'exec_started')!.effective)).toBe('2026年10月14日 08:30');
    const day = classAlertSlots({ id: 9, start: '2026-10-12', end: '2026-10-14', createdAt: at('2026-10-13T10:05:00') }, DEFAULT_SCHEDULE, cal);
    expect(formatDateTime(day.find((s) => s.kind === 'exec_started')!.effective)).toBe('2026年10月13日 10:05');
  });

  it('补录 reminders before Dec 31: 30, 14, 7, 3, 1 days before and on the day, moved off non-working days', () => {
    const slots = backfillSlots(at('2027-01-01T00:00:00'), DEFAULT_SCHEDULE, cal);
    expect(slots.map((s) => formatDateTime(s.effective))).toEqual([
      '2026年12月1日 09:00',
      '2026年12月17日 09:00',
      '2026年12月24日 09:00',
      '2026年12月28日 09:00',
      '2026年12月30日 09:00',
      '2026年12月31日 09:00',
    ]);
  });
});
