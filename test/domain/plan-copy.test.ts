// A plan copied into a new draft: last year's year in the title becomes this year's; the 情况说明 stays behind.
import { describe, expect, it } from 'vitest';
import { copiedData } from '../../src/domain/plan-copy.ts';

describe('a copied plan', () => {
  it.each([
    ['the year in the title moves on', '2026年度会计人员继续教育培训班', '2027年度会计人员继续教育培训班'],
    ['every mention of it', '2026年第二期（2026年下半年）财务培训班', '2027年第二期（2027年下半年）财务培训班'],
    ['a number that is not a year is kept', '第2026期培训班', '第2026期培训班'],
    ['a title without a year is kept', '会计人员继续教育培训班', '会计人员继续教育培训班'],
  ])('%s', (_name, title, expected) => {
    expect(copiedData({ year: 2026, data: { title, headcount: 40 } }, 2027)).toEqual({ title: expected, headcount: 40 });
  });

  it('leaves the justification behind: it was written for the old plan', () => {
    expect(copiedData({ year: 2026, data: { title: '培训班', month: 5, justification: '会议安排' } }, 2027)).toEqual({ title: '培训班', month: 5 });
  });
});
