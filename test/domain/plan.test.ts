import { describe, expect, it } from 'vitest';
import { parsePlan, planDataSchema } from '../../src/domain/plan.ts';

describe('a whole plan', () => {
  // The venue is not required of the field itself: an online class has none (rule venue_named asks for it).
  it('reads a whole plan and lists every wrong field at once', () => {
    const r = parsePlan({ budgetCode: '101001', title: '培', scope: '市中', headcount: 'x' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual(['title', 'scope', 'mode', 'audience', 'headcount', 'sessions', 'days', 'month', 'budget', 'contactName', 'contactPhone']);
  });

  it('the stored-plan schema re-reads through the same parsers', () => {
    const plan = planDataSchema.parse({
      budgetCode: '101001', title: '2027年度业务培训班', scope: '市内', mode: '线下', audience: '业务科室人员', headcount: 45, sessions: 1,
      days: 3, month: 10, location: '柳州市城中区', budget: 36000, contactName: '李明', contactPhone: '0772-2825472',
    });
    expect(plan).toMatchObject({ headcount: 45, jointUnits: [], institution: null, justification: null });
    expect(planDataSchema.safeParse({ budgetCode: '101001' }).success).toBe(false);
  });
});
