import { describe, expect, it } from 'vitest';
import { parseMobile, parsePhone, parseWholeNumber, parseYuan } from '../../src/domain/parse.ts';
import { parseField, parsePlan, planDataSchema } from '../../src/domain/plan.ts';

describe('reading what people type', () => {
  it.each([
    ['30', 30],
    ['３０', 30],
    ['30人', 30],
    [' 30 人 ', 30],
    ['三十', 30],
    ['一百二十', 120],
    ['十二', 12],
    ['1,200', 1200],
    ['45.0', 45],
    ['4.5', null],
    ['三十多', null],
    ['', null],
  ])('whole number %j → %j', (raw, expected) => {
    expect(parseWholeNumber(raw, ['人'])).toBe(expected);
  });

  it.each([
    ['36000', 36000],
    ['36,000.50', 36000.5],
    ['3.6万', 36000],
    ['￥8000元', 8000],
    ['12.345', null],
    ['-5', null],
    ['很多钱', null],
  ])('money %j → %j', (raw, expected) => {
    expect(parseYuan(raw)).toBe(expected);
  });

  it.each([
    ['0772-2825472', '0772-2825472'],
    ['0772 2825472', '0772-2825472'],
    ['(0772)2825472', '0772-2825472'],
    ['（0772）2825472', '0772-2825472'],
    ['07722825472', '0772-2825472'],
    ['138 0013 8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['2825472', null],
    ['1380013800', null],
  ])('phone %j → %j', (raw, expected) => {
    expect(parsePhone(raw)).toBe(expected);
  });

  it('mobile only accepts 11 digits starting with 1', () => {
    expect(parseMobile('23800138000')).toBeNull();
    expect(parseMobile('13800138000')).toBe('13800138000');
  });
});

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
