import { describe, expect, it } from 'vitest';
import { SHEET_COLUMNS, type SheetKey } from '../../src/excel/plan-sheet.ts';

const column = (key: SheetKey) => SHEET_COLUMNS.find((c) => c.key === key)!;

// The template's input hints and validations come from the field definitions and the rules' hints.
describe('the declaration sheet\'s columns', () => {
  it.each([
    ['title', '4–60 个字'],
    ['headcount', '整数；市外培训每班次不超过 60 人；市内培训原则上每班次不少于 30 人'],
    ['sessions', '整数，至少 1 期'],
    ['days', '整数，1–30 天'],
    ['month', '1–12 月；市外培训原则上不安排在 5-6 月和 11-12 月'],
    ['location', '线下培训必填，线上培训可不填；市内培训须写明柳州市的区县'],
    ['institution', '市外培训原则上选择柳州市干部教育培训基地名单内的承办机构；名单见第二个工作表'],
    ['mode', '线下、线上或线上线下结合'],
  ] as const)('%s: %s', (key, hint) => {
    expect(column(key).hint).toBe(hint);
  });

  it.each([
    ['headcount', { whole: { min: 1, max: 1000 } }],
    ['sessions', { whole: { min: 1, max: 50 } }],
    ['days', { whole: { min: 1, max: 30 } }],
    ['scope', { list: ['市内', '市外'] }],
    ['mode', { list: ['线下', '线上', '线上线下结合'] }],
    ['month', { list: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] }],
    ['budget', { decimal: true }],
  ] as const)('%s is validated as %j', (key, validation) => {
    expect(column(key)).toMatchObject(validation);
  });
});
