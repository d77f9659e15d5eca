// How a conversation step reads: the month buttons an out-of-city class should avoid, the question asked
// about an unclear value.
import { describe, expect, it } from 'vitest';
import { ruleById } from '../../../src/domain/rules.ts';
import { choicesFor, stepSaid } from '../../../src/features/declaration/replies-steps.ts';
import type { ViewContext } from '../../../src/features/declaration/view.ts';
import type { Outcome } from '../../../src/flows/declare-engine.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';

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

describe('a question about an unclear value', () => {
  const said = (outcome: Outcome) => stepSaid({ outcome, plan: {} as PlanRecord, ctx: {} as ViewContext, similar: [], first: false });
  const question = { status: 'retry', field: 'location', error: '无法确认', question: '「市委党校」在柳州市哪个区县？', notice: '〔二(二)四〕' } as const;

  it('from a rule only about in-city classes: offers 类别改成市外 as the way out', () => {
    expect(said({ ...question, rule: 'in_city_place_named' })).toEqual([{ text: '「市委党校」在柳州市哪个区县？\n（依据：〔二(二)四〕）\n如果在柳州以外举办，请发送「类别改成市外」。' }]);
  });

  it.each([
    ['a rule about any class', 'venue_named'],
    ['a rule about out-of-city classes', 'out_of_city_month'],
    ['no rule', undefined],
  ] as const)('from %s: the question alone, no word of 柳州以外', (_name, rule) => {
    expect(said({ ...question, ...(rule ? { rule } : {}) })).toEqual([{ text: '「市委党校」在柳州市哪个区县？\n（依据：〔二(二)四〕）' }]);
  });
});
