import { describe, expect, it } from 'vitest';
import { checkClassDates } from '../../src/domain/class-dates.ts';
import { cal } from './execution-fixtures.ts';

describe('the dates of a class: inside the plan year, end after start, as long as planned', () => {
  const base = { planYear: 2026, planDays: 3, today: '2026-10-05', cal, packageApproved: false };
  it.each([
    // start, end → errors
    ['2027-01-04 +0800', '2027-01-06 +0800', { start: '开班日期应在计划年度 2026 年内' }],
    ['2026-10-12', '2026-10-11', { end: '结班日期不能早于开班日期' }],
    ['', '2026-10-11', { start: '请选择开班日期' }],
    ['2026-03-02', '2026-05-01', { end: '一期培训不能超过 60 天' }], // 61 days
  ])('%s–%s is refused: %j', (start, end, errors) => {
    expect(checkClassDates({ start, end }, base)).toEqual({ ok: false, errors });
  });

  it.each([
    // start, end, package approved → warnings
    ['2026-03-02', '2026-04-30', true, ['这一期 60 天，批准的计划为每期 3 天']], // 60 days: the longest accepted
    ['2026-10-12', '2026-10-14', true, []],
    ['2026-10-12', '2026-10-13', false, ['这一期 2 天，批准的计划为每期 3 天', '培训包须在开班前 5 个工作日（9月29日前）报送审核，现在已过期限；请尽快报送培训包，或推迟开班〔通知 一、二(一)4〕']],
  ] as const)('%s–%s (package approved: %s) is kept with warnings %j', (start, end, packageApproved, warnings) => {
    expect(checkClassDates({ start, end }, { ...base, packageApproved })).toEqual({ ok: true, dates: { start, end }, warnings });
  });
});
