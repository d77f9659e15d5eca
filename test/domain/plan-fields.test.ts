import { describe, expect, it } from 'vitest';
import { fieldDef, parseField, PLAN_FIELDS, rangeOf, rangeText } from '../../src/domain/plan-fields.ts';

describe('plan fields', () => {
  it.each([
    ['scope', '市外培训', '市外'],
    ['scope', '本市', '市内'],
    ['scope', '外地', '市外'],
    ['mode', '线上+线下', '线上线下结合'],
    ['mode', '面授', '线下'],
    ['mode', '网络培训', '线上'],
    ['month', '10月', 10],
    ['month', '十月', 10],
    ['month', '2027年10月', 10],
    ['month', '１２', 12],
    ['headcount', '45人', 45],
    ['days', '3天', 3],
    ['sessions', '两期', 2],
    ['budgetCode', ' １０１００１ ', '101001'],
    ['contactPhone', '0772 2825472', '0772-2825472'],
    ['jointUnits', '101002、柳州市财政局；101003', ['101002', '柳州市财政局', '101003']],
    ['jointUnits', '无', []],
    ['institution', '', null],
  ] as const)('%s: %j → %j', (key, raw, expected) => {
    expect(parseField(key, raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['scope', '区内', '培训类别只能是「市内」「市外」之一'],
    ['month', '13', '计划月份应为 1 到 12 的月份'],
    ['days', '31', '每期天数应在 1 到 30 之间'],
    ['days', '三天半', '每期天数应为整数'],
    ['title', '培训', '培训班名称太短'],
    ['title', '训'.repeat(61), '培训班名称太长'],
    ['budget', '12.345', '经费预算应为不小于 0 的金额'],
    ['budgetCode', '', '预算单位代码不能为空'],
    ['contactPhone', '12345', '不是有效的电话号码'],
  ] as const)('%s %j is refused with a reason and an example', (key, raw, message) => {
    const r = parseField(key, raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });

  // The limits a field is built with are the ones its reader enforces, and the ones people are told.
  it.each(PLAN_FIELDS.filter((f) => f.range && f.range.unit !== '个字').map((f) => [f.key, f.range!] as const))('%s accepts %j at its ends only', (key, r) => {
    expect(parseField(key, String(r.min)).ok).toBe(true);
    expect(parseField(key, String(r.max)).ok).toBe(true);
    expect(parseField(key, String(r.min - 1)).ok).toBe(false);
    expect(parseField(key, String(r.max + 1)).ok).toBe(false);
  });

  it.each([
    ['title', '4–60 个字'],
    ['headcount', '1–1000 人'],
    ['sessions', '1–50 期'],
    ['days', '1–30 天'],
    ['month', '1–12 月'],
  ] as const)('%s is told as %s', (key, text) => {
    expect(rangeText(rangeOf(key))).toBe(text);
  });

  it('a title is accepted from 4 to 60 characters', () => {
    const { min, max } = rangeOf('title');
    expect([min - 1, min, max, max + 1].map((n) => parseField('title', '训'.repeat(n)).ok)).toEqual([false, true, true, false]);
  });

  it('a field with no limits has none to tell', () => {
    expect(fieldDef('budget').range).toBeUndefined();
    expect(() => rangeOf('budget')).toThrow();
  });
});
