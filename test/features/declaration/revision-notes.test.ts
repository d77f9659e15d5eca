// While a returned plan is revised, each question says what is filled in now and what the reviewer asked.
import { describe, expect, it } from 'vitest';
import { revisionNotes } from '../../../src/features/declaration/replies-steps.ts';

const returned = { comment: '人数偏少，请调整', fields: [{ field: 'headcount' as const, note: '不少于50人' }, { field: 'budget' as const, note: null }] };

describe('revision notes', () => {
  it.each([
    ['a field asked for, with its own note', 'headcount', { headcount: 45 }, ['现在填的是：45人', '审核意见：不少于50人']],
    ['a field asked for without a note: the general comment', 'budget', { budget: 36000 }, ['现在填的是：36,000.00元', '审核意见：人数偏少，请调整']],
    ['another field the declarant chose to change', 'month', { month: 10 }, ['现在填的是：10月']],
    ['a field still empty', 'institution', {}, []],
  ] as const)('%s', (_name, field, draft, notes) => {
    expect(revisionNotes(field, draft, returned)).toEqual(notes);
  });

  it('says nothing outside a revision', () => {
    expect(revisionNotes('headcount', { headcount: 45 }, undefined)).toEqual([]);
  });
});
