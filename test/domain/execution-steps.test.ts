import { describe, expect, it } from 'vitest';
import { STEP_FIELDS } from '../../src/domain/execution-steps.ts';
import { fieldDef, rangeOf } from '../../src/domain/plan.ts';

const packageField = (key: string) => STEP_FIELDS[1].find((f) => f.key === key)!;

describe('the package records the plan\'s facts in the plan\'s words and limits', () => {
  it.each(['mode', 'scope', 'institution', 'location'] as const)('%s is labelled as on the declaration form', (key) => {
    expect(packageField(key).label).toBe(fieldDef(key).label);
  });

  it.each([
    ['headcount', rangeOf('headcount').max],
    ['institution', rangeOf('institution').max],
    ['location', rangeOf('location').max],
  ] as const)('%s takes at most %i', (key, max) => {
    expect(packageField(key).max).toBe(max);
  });

  it('the 情况说明 names the restricted months of the rule', () => {
    expect(packageField('justification').label).toBe('情况说明（市外培训在 5-6 月、11-12 月时必填）');
  });
});
