import { describe, expect, it } from 'vitest';
import { classTimeline } from '../../src/domain/class-timeline.ts';
import { planOutcome } from '../../src/domain/plan-outcome.ts';
import { at, cal } from './execution-fixtures.ts';
describe("a plan's outcome", () => {
  const now = at('2026-11-27T10:00:00');
  const cls = (seq: number, start: string, end: string, done: number[], lateSteps: number[] = [], backfill = false) => {
    // In time: ①②③ three weeks before the start, ④⑤⑥ on the last day; late: in November.
    const inTime = (n: number) => (n <= 3 ? new Date(at(`${start}T10:00:00`).getTime() - 21 * 86_400_000) : at(`${end}T18:00:00`));
    const steps = new Map(done.map((n) => [n as 1, { step: n as 1, status: 'done' as const, data: {}, reportedAt: lateSteps.includes(n) ? at('2026-11-20T10:00:00') : inTime(n), source: backfill ? 'backfill' : 'chat' }]));
    return { seq, start, end, steps: classTimeline({ start, end }, steps, cal, now), deviations: [], backfill };
  };
  const marks = (ms: { seq: number; step: number }[]) => ms.map((m) => `${m.seq}-${m.step}`);
  it.each([
    // name, sessions, classes, statement → status, missing, budget cut, done late
    ['all steps of both classes', 2, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6]), cls(2, '2026-05-11', '2026-05-12', [1, 2, 3, 4, 5, 6])], false, 'complete', [], [], []],
    ['a class still to come', 2, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6]), cls(2, '2026-12-21', '2026-12-22', [1])], false, 'on_track', [], [], []],
    ['⑤⑥ missing past due: listed for the cut', 1, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4])], false, 'missing', ['第1期⑤⑥'], ['1-5', '1-6'], []],
    ['⑥ reported late: done late, not cut', 1, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6], [6])], false, 'complete', [], [], ['1-6']],
    ['③ reported late', 1, [cls(1, '2026-03-09', '2026-03-11', [1, 2, 3, 4, 5, 6], [3])], false, 'complete', [], [], ['1-3']],
    ['a backfilled class missing ⑤⑥: reported, not cut', 1, [cls(1, '2024-03-11', '2024-03-13', [1, 2, 3, 4], [], true)], false, 'missing', ['第1期⑤⑥'], [], []],
    ['not run, statement uploaded', 1, [], true, 'not_run', [], [], []],
    ['not run yet, year not over', 1, [], false, 'no_classes', [], [], []],
  ])('%s', (_name, sessions, classes, statement, status, missing, cut, late) => {
    const o = planOutcome({ year: 2026, sessions, classes, statement, now });
    expect(o.status).toBe(status);
    expect(o.missing).toEqual(missing);
    expect(marks(o.budgetFlag)).toEqual(cut);
    expect(marks(o.lateSteps)).toEqual(late);
  });

  it('counts backfilled classes still missing steps', () => {
    expect(planOutcome({ year: 2024, sessions: 1, classes: [cls(1, '2024-03-11', '2024-03-13', [1, 2, 3, 4], [], true)], statement: false, now }).backfillGaps).toBe(1);
  });

  it('marks 暂定 what is judged on a guessed calendar', () => {
    const late = at('2027-12-20T10:00:00');
    const steps = classTimeline({ start: '2027-03-08', end: '2027-03-10' }, new Map(), cal, late);
    const o = planOutcome({ year: 2027, sessions: 1, classes: [{ seq: 1, start: '2027-03-08', end: '2027-03-10', steps, deviations: [], backfill: false }], statement: false, now: late });
    expect(o.missing).toEqual(['第1期①②③④⑤⑥（暂定）']);
    expect(o.budgetFlag.map((m) => m.tentative)).toEqual([true, true]);
  });

  it('after the year, a plan not run without a statement is missing one', () => {
    const o = planOutcome({ year: 2025, sessions: 2, classes: [], statement: false, now });
    expect([o.status, o.missing]).toEqual(['missing', ['未开展且未上传情况说明']]);
  });
});
