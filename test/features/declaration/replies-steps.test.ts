// How a conversation step reads: the month buttons an out-of-city class should avoid, the question asked
// about an unclear value.
import { describe, expect, it } from 'vitest';
import { ruleById } from '../../../src/domain/rules.ts';
import { choicesFor } from '../../../src/features/declaration/replies-steps.ts';

const quiet = (scope: '市内' | '市外') =>
  (choicesFor('month', { scope }, { family: [] }) ?? []).filter((c) => c.style === 'text').map((c) => Number(c.value));

describe('month buttons', () => {
  it('市外: the months the rule 二(二)三 restricts are the quieter buttons, as the rule states them', () => {
    expect(quiet('市外')).toEqual([5, 6, 11, 12]);
    expect(quiet('市外')).toEqual([...ruleById('out_of_city_month').limits.months]);
  });

  it('市内: every month is an ordinary button', () => {
    expect(choicesFor('month', { scope: '市内' }, { family: [] })!.map((c) => c.label)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}月`));
    expect(quiet('市内')).toEqual([]);
  });
});
