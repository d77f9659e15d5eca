import { describe, expect, it } from 'vitest';
import { familyStaff, quotaBand } from '../../src/domain/out-of-city-quota.ts';
import { quotaWindow, ruleById } from '../../src/domain/rules.ts';
import type { Unit } from '../../src/domain/units.ts';

const unit = (code: string, staff: number, parentCode: string | null = null): Unit => ({ code, name: code, parentCode, staffCount: staff, contactName: null, contactMobile: null });

describe('the out-of-city quota by staff size [二(二)二]', () => {
  const { bands } = ruleById('out_of_city_quota').limits;
  // 以上/以下 include the number (民法典 第1259条): 120 is in the first band, 60 in the last.
  it.each([
    [0, 3], [60, 3], [61, 2], [119, 2], [120, 1], [500, 1],
  ])('%i staff → at most one class in any %i consecutive years', (staff, years) => {
    expect(quotaBand(staff, bands).years).toBe(years);
    expect(quotaWindow(staff).years).toBe(years);
  });

  it('quotes the notice for each band', () => {
    expect(quotaWindow(61).rule).toBe('在编人员60-120人的单位原则上控制在每一至两年1个班次');
  });

  it('counts a competent unit with its second-tier units, not other units', () => {
    const competent = unit('300001', 100);
    expect(familyStaff(competent, [competent, unit('300002', 20, '300001'), unit('400001', 50), unit('400002', 9, '400001')])).toBe(120);
  });
});
