import { describe, expect, it } from 'vitest';
import { monthSpans, monthsTouched, nearestMonths, otherMonths } from '../../src/domain/months.ts';

describe('months as people write them', () => {
  it.each([
    [[5, 6, 11, 12], '和 ', '5-6 月和 11-12 月'],
    [[5, 6, 11, 12], '、', '5-6 月、11-12 月'],
    [[1, 2, 3, 4, 7, 8, 9, 10], '、', '1-4 月、7-10 月'],
    [[12, 5], '和 ', '5 月和 12 月'],
    [[3], '和 ', '3 月'],
  ] as const)('%j joined by %j → %s', (months, sep, text) => {
    expect(monthSpans(months, sep)).toBe(text);
  });

  it('the other months of the year', () => {
    expect(otherMonths([5, 6, 11, 12])).toEqual([1, 2, 3, 4, 7, 8, 9, 10]);
  });

  it.each([
    [5, [4]],
    [6, [7]],
    [11, [10]],
    [12, [10]],
  ])('the allowed months closest to %i: %j', (month, nearest) => {
    expect(nearestMonths(month, otherMonths([5, 6, 11, 12]))).toEqual(nearest);
  });

  it('both neighbours when they are as close', () => {
    expect(nearestMonths(6, [5, 7])).toEqual([5, 7]);
  });

  it.each([
    ['2026-04-30', '2026-04-30', []],
    ['2026-04-29', '2026-05-02', [5]],
    ['2026-06-30', '2026-07-01', [6]],
    ['2026-10-31', '2026-11-01', [11]],
    ['2026-12-30', '2027-01-02', [12]],
    ['2026-05-25', '2026-06-03', [5, 6]],
  ])('a class %s–%s touches %j of the restricted months', (start, end, months) => {
    expect(monthsTouched({ start, end }, [5, 6, 11, 12])).toEqual(months);
  });
});
