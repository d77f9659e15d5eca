import { describe, expect, it } from 'vitest';
import type { PlanData } from '../../src/domain/plan.ts';
import { holds, rule, type When } from '../../src/domain/rule-kit.ts';

describe('the plans a rule is about', () => {
  it.each([
    [{}, {}, true],
    [{ scope: ['市外'] }, { scope: '市外' }, true],
    [{ scope: ['市外'] }, { scope: '市内' }, false],
    [{ scope: ['市外'] }, {}, false], // not answered yet: not told, not judged
    [{ scope: ['市内'], mode: ['线下', '线上线下结合'] }, { scope: '市内', mode: '线上线下结合' }, true],
    [{ scope: ['市内'], mode: ['线下', '线上线下结合'] }, { scope: '市内', mode: '线上' }, false],
  ] as const)('when %j, a plan %j → %s', (when, draft, expected) => {
    expect(holds(when as When, draft)).toBe(expected);
  });
});

describe('a rule from its entry', () => {
  const r = rule({
    id: 'sample',
    severity: 'soft',
    notice: '示例〔二(二)二〕',
    needs: ['headcount'],
    when: { scope: ['市外'] },
    limits: { max: 10 },
    hint: ({ max }) => ({ field: 'headcount', text: `不超过 ${max} 人` }),
    check: (p, _ctx, { max }) => (p.headcount > max ? [{ field: 'headcount', message: `${p.headcount} 人` }] : []),
  });
  const plan = (headcount: number, scope: '市内' | '市外') => ({ headcount, scope }) as PlanData;

  it('reads the fields of its `when` too, and tells its hint from its limits', () => {
    expect(r.needs).toEqual(['scope', 'headcount']);
    expect(r.hint).toEqual({ field: 'headcount', text: '不超过 10 人' });
  });

  it.each([
    [10, '市外', 0],
    [11, '市外', 1],
    [11, '市内', 0],
  ] as const)('%i people, %s → %i findings', (headcount, scope, n) => {
    expect(r.run(plan(headcount, scope), { bases: [] })).toHaveLength(n);
  });

  it('a rule with no limits and no hint has none', () => {
    const bare = rule({ id: 'bare', severity: 'hard', notice: '', needs: ['title'], check: () => [] });
    expect([bare.limits, bare.hint, bare.when]).toEqual([{}, null, {}]);
  });
});
