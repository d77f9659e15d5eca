import { describe, expect, it } from 'vitest';
import { planFormCard } from '../../src/cards/plan-form-card.ts';
import type { PlanDraft, PlanFieldKey } from '../../src/domain/plan.ts';
import { holds } from '../../src/domain/rule-kit.ts';
import { ruleHints } from '../../src/domain/rule-hints.ts';
import { RULES } from '../../src/domain/rules.ts';
import { SHEET_COLUMNS } from '../../src/excel/plan-sheet.ts';
import { flowField } from '../../src/flows/declare-flow.ts';

describe('the rules\' hints by field', () => {
  it.each([
    // field, draft (none: every hint, as the template and the form show them) → hints
    ['headcount', undefined, ['市外培训每班次不超过 60 人', '市内培训原则上每班次不少于 30 人']],
    ['headcount', { scope: '市外' }, ['市外培训每班次不超过 60 人']],
    ['headcount', { scope: '市内' }, ['市内培训原则上每班次不少于 30 人']],
    ['headcount', {}, []], // the scope is not answered: nothing hangs on it
    ['month', { scope: '市外' }, ['市外培训原则上不安排在 5-6 月和 11-12 月']],
    ['month', { scope: '市内' }, []],
    ['location', { scope: '市内', mode: '线下' }, ['市内培训须写明柳州市的区县']],
    ['location', { scope: '市内', mode: '线上' }, []],
    ['institution', { scope: '市外' }, ['市外培训原则上选择柳州市干部教育培训基地名单内的承办机构']],
    ['title', undefined, []],
  ] as const)('%s for %j → %j', (field, draft, hints) => {
    expect(ruleHints(field, draft as PlanDraft | undefined)).toEqual(hints);
  });
});

// The recipe's promise: a rule's hint reaches the chat question, the Excel column note and the form placeholder
// of its field with nothing else to touch.
describe('every hint reaches every place a field is explained', () => {
  // The form's element of each field, found by its name anywhere in the card.
  const elements = new Map<string, { placeholder?: { content: string } }>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.name === 'string') elements.set(o.name, o);
      Object.values(o).forEach(walk);
    }
  };
  walk(planFormCard({ year: 2027, submit: { a: 'form_submit' }, units: [], values: {}, errors: {} }));
  const hinted = RULES.filter((r) => r.hint).map((r) => [r.id, r.hint!.field, r.hint!.text, r.when] as const);

  it.each(hinted)('%s: on %s, 「%s」', (_id, field: PlanFieldKey, text, when) => {
    // A draft the rule is about: the first value of each of its `when` lists.
    const draft = Object.fromEntries(Object.entries(when).map(([k, v]) => [k, (v as readonly string[])[0]])) as PlanDraft;
    expect(holds(when, draft)).toBe(true);
    expect(flowField(field)!.question(draft)).toContain(`${text}。`);
    expect(SHEET_COLUMNS.find((c) => c.key === field)!.hint).toContain(text);
    expect(elements.get(field)?.placeholder?.content).toContain(text);
  });

  it('there are hints to check', () => {
    expect(hinted.length).toBeGreaterThanOrEqual(5);
  });
});
