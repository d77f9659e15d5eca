import { describe, expect, it } from 'vitest';
import { classTimeline, dueText, tentativeYears, type StepRecord } from '../../src/domain/class-timeline.ts';
import { at, cal } from './execution-fixtures.ts';
describe('due dates of the six steps count working days', () => {
  it.each([
    // start, end, steps 1–3 due (5 working days before), steps 4–6 due (5 working days after)
    ['2026-10-12', '2026-10-14', '2026-09-29', '2026-10-21'], // back over National Day and the make-up Saturday Oct 10
    ['2026-09-28', '2026-09-30', '2026-09-20', '2026-10-13'], // back over 中秋 to the make-up Sunday Sep 20; forward over National Day, Sat Oct 10 counts
    ['2026-03-09', '2026-03-11', '2026-03-02', '2026-03-18'], // ordinary weeks
  ])('class %s–%s: ①②③ by %s, ④⑤⑥ by %s', (start, end, before, after) => {
    const t = classTimeline({ start, end }, new Map(), cal, at('2026-01-05T10:00:00'));
    expect(t.map((s) => s.due)).toEqual([before, before, before, after, after, after]);
  });

  it('marks steps done on time, done late, overdue, due soon and blocked', () => {
    const rec = (step: 1 | 2 | 3 | 4 | 5 | 6, reportedAt: string, status: StepRecord['status'] = 'done', source = 'chat'): StepRecord => ({ step, status, data: {}, reportedAt: at(reportedAt), source });
    const steps = new Map([
      [1, rec(1, '2026-09-20T10:00:00')],
      [2, rec(2, '2026-09-29T23:00:00')], // the due day itself: on time
      [3, rec(3, '2026-09-30T09:00:00')], // a day late
    ] as const);
    const t = classTimeline({ start: '2026-10-12', end: '2026-10-14' }, steps, cal, at('2026-10-16T10:00:00'));
    expect(t.map((s) => [s.step, s.done, s.late, s.overdue, s.dueSoon, s.blockedBy])).toEqual([
      [1, true, false, false, false, null],
      [2, true, false, false, false, null],
      [3, true, true, false, false, null],
      [4, false, null, false, true, null],
      [5, false, null, false, true, null],
      [6, false, null, false, true, null],
    ]);
    const before = classTimeline({ start: '2026-10-12', end: '2026-10-14' }, new Map(), cal, at('2026-09-30T10:00:00'));
    // ②③ wait for the package to be sent, not for its review; ④⑤⑥ for the class to start.
    expect(before.map((s) => [s.overdue, s.blockedBy])).toEqual([
      [true, null],
      [true, '请先报送①培训包'],
      [true, '请先报送①培训包'],
      [false, '开班（2026年10月12日）后才能填报'],
      [false, '开班（2026年10月12日）后才能填报'],
      [false, '开班（2026年10月12日）后才能填报'],
    ]);
    const backfilled = classTimeline({ start: '2022-05-09', end: '2022-05-10' }, new Map([[1, rec(1, '2026-11-01T10:00:00', 'done', 'backfill')]]), cal, at('2026-11-02T10:00:00'));
    expect(backfilled[0]!.late).toBeNull(); // entered afterwards: timeliness not judged
  });
});

describe('lateness is the unit\'s, not the reviewer\'s', () => {
  // Class Oct 12–14, 2026: ①②③ due Sep 29.
  const oct = { start: '2026-10-12', end: '2026-10-14' };
  const pkg = (status: StepRecord['status'], sent: string, reviewed?: string): StepRecord => ({ step: 1, status, data: {}, reportedAt: at(sent), reviewedAt: reviewed ? at(reviewed) : null, source: 'chat' });
  it.each([
    // package, as of → overdue, late, owed
    ['sent in time, waiting for a review past the due day', pkg('submitted', '2026-09-28T10:00:00'), '2026-10-09T10:00:00', false, null, false],
    ['sent in time, approved after the due day', pkg('done', '2026-09-28T10:00:00', '2026-10-09T10:00:00'), '2026-10-09T11:00:00', false, false, false],
    ['sent on the due day itself, approved later', pkg('done', '2026-09-29T23:00:00', '2026-10-08T10:00:00'), '2026-10-09T11:00:00', false, false, false],
    ['sent late, waiting', pkg('submitted', '2026-09-30T10:00:00'), '2026-10-09T10:00:00', true, null, false],
    ['sent late, approved', pkg('done', '2026-09-30T10:00:00', '2026-09-30T15:00:00'), '2026-10-09T10:00:00', false, true, false],
    ['sent in time, returned in time, not sent again', pkg('returned', '2026-09-20T10:00:00', '2026-09-22T10:00:00'), '2026-10-09T10:00:00', true, null, true],
    ['sent in time, returned after the due day', pkg('returned', '2026-09-28T10:00:00', '2026-10-08T10:00:00'), '2026-10-09T10:00:00', false, null, true],
  ])('%s', (_name, record, asOf, overdue, late, owed) => {
    const [s1, s2] = classTimeline(oct, new Map([[1, record]]), cal, at(asOf));
    expect([s1!.overdue, s1!.late, s1!.owed]).toEqual([overdue, late, owed]);
    expect(s2!.blockedBy).toBeNull(); // ②③ can be reported once the package was sent
  });
});

describe('due dates on a year with no holiday schedule are 暂定', () => {
  it.each([
    // start, end, ①②③ tentative, ④⑤⑥ tentative, unknown years
    ['2026-10-12', '2026-10-14', false, false, []],
    ['2026-12-28', '2026-12-30', false, true, [2027]], // ④⑤⑥ due in January 2027
    ['2027-03-08', '2027-03-10', true, true, [2027]],
  ])('class %s–%s', (start, end, before, after, years) => {
    const t = classTimeline({ start, end }, new Map(), cal, at('2026-10-01T10:00:00'));
    expect(t.map((s) => s.tentative)).toEqual([before, before, before, after, after, after]);
    expect(tentativeYears(t, { start, end }, cal)).toEqual(years);
    expect(dueText(t[5]!).endsWith('（暂定）')).toBe(after);
  });
});
