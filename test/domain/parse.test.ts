import { describe, expect, it } from 'vitest';
import { parseMobile, parsePhone, parseWholeNumber, parseYuan } from '../../src/domain/parse.ts';

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
