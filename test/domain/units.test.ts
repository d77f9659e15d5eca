import { describe, expect, it } from 'vitest';
import { unitsByName, validateRegistry, type SheetRow, type Unit, type UnitColumn } from '../../src/domain/units.ts';

const row = (n: number, v: Partial<Record<UnitColumn, string>>): SheetRow<UnitColumn> => ({ row: n, values: v });
const good = (n: number, code: string, name: string, parent = '', staff = '50', phone = '13800138000') =>
  row(n, { code, name, parentCode: parent, staffCount: staff, contactName: '李明', contactPhone: phone });

describe('unit registry import', () => {
  it('accepts a competent unit with second-tier units, normalizing what people type', () => {
    const r = validateRegistry(
      [good(2, '101001', '柳州市人力资源和社会保障局', '', '１２０人'), good(3, ' 101002 ', '柳州市就业服务中心', '101001', '35', '138 0013 8001')],
      [],
    );
    expect(r).toEqual({
      ok: true,
      units: [
        { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 120, contactName: '李明', contactMobile: '13800138000' },
        { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 35, contactName: '李明', contactMobile: '13800138001' },
      ],
    });
  });

  it.each([
    ['a duplicate code', [good(2, '101001', '甲'), good(3, '101001', '乙')], { row: 3, column: '预算单位代码', message: expect.stringContaining('与第 2 行重复') }],
    ['a malformed code', [good(2, '10 1@', '甲')], { row: 2, column: '预算单位代码', message: expect.stringContaining('格式不对') }],
    ['an empty code', [good(2, '', '甲')], { row: 2, column: '预算单位代码', message: '预算单位代码为空' }],
    ['an empty name', [good(2, '101001', '  ')], { row: 2, column: '单位名称', message: '单位名称为空' }],
    ['a non-numeric staff count', [good(2, '101001', '甲', '', '很多')], { row: 2, column: '在编人数', message: expect.stringContaining('不是有效的在编人数') }],
    ['a negative staff count', [good(2, '101001', '甲', '', '-3')], { row: 2, column: '在编人数', message: expect.stringContaining('不是有效的在编人数') }],
    ['a 10-digit mobile', [good(2, '101001', '甲', '', '50', '1380013800')], { row: 2, column: '联系电话', message: expect.stringContaining('不是 11 位手机号') }],
    ['a landline as contact mobile', [good(2, '101001', '甲', '', '50', '0772-2825472')], { row: 2, column: '联系电话', message: expect.stringContaining('不是 11 位手机号') }],
    ['a parent nowhere in the registry', [good(2, '101001', '甲', '999999')], { row: 2, column: '上级预算单位代码', message: expect.stringContaining('不在名册中') }],
    ['a parent that is itself second-tier', [good(2, '101001', '甲'), good(3, '101002', '乙', '101001'), good(4, '101003', '丙', '101002')], { row: 4, column: '上级预算单位代码', message: expect.stringContaining('本身是二层单位') }],
    ['a unit that is its own parent', [good(2, '101001', '甲', '101001')], { row: 2, column: '上级预算单位代码', message: '上级单位不能是本单位' }],
    ['a cycle', [good(2, '101001', '甲', '101002'), good(3, '101002', '乙', '101001')], { row: 2, column: '上级预算单位代码', message: '上级关系形成循环：101001 → 101002 → 101001' }],
  ])('rejects %s, naming the row and column', (_name, rows, problem) => {
    const r = validateRegistry(rows, []);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toContainEqual(problem);
  });

  it('reports every problem of the file at once and stores nothing', () => {
    const r = validateRegistry([good(2, 'x', ''), good(3, '101001', '甲', '', 'abc'), good(4, '101002', '乙', '', '5', '123')], []);
    expect(!r.ok && r.problems.map((p) => `${p.row}:${p.column}`)).toEqual(['2:预算单位代码', '2:单位名称', '3:在编人数', '4:联系电话']);
  });

  it('checks parents against the units already imported', () => {
    const stored: Unit[] = [
      { code: '200001', name: '柳州市财政局', parentCode: null, staffCount: 90, contactName: null, contactMobile: null },
      { code: '200002', name: '柳州市财政局票据中心', parentCode: '200001', staffCount: 8, contactName: null, contactMobile: null },
    ];
    expect(validateRegistry([good(2, '200003', '财政局信息中心', '200001')], stored).ok).toBe(true);
    expect(validateRegistry([good(2, '200003', '某中心', '200002')], stored).ok).toBe(false);
    // The finance bureau cannot become second-tier while a stored unit has it as parent.
    const r = validateRegistry([good(2, '200001', '柳州市财政局', '300001'), good(3, '300001', '某委', '')], stored);
    expect(!r.ok && r.problems[0]!.message).toContain('柳州市财政局票据中心');
  });
});

describe('finding a unit by what people call it', () => {
  const units = [
    { code: '102001', name: '柳州市财政局', parentCode: null },
    { code: '102002', name: '柳州市财政局票据中心', parentCode: '102001' },
    { code: '105001', name: '柳州市交通运输局', parentCode: null },
    { code: '103001', name: '柳州市教育局', parentCode: null },
    { code: '104001', name: '柳州市卫生健康委员会', parentCode: null },
  ].map((u) => ({ ...u, staffCount: 1, contactName: null, contactMobile: null }));
  it.each([
    ['柳州市交通运输局', ['105001']],
    ['交通运输局', ['105001']],
    ['市交通运输局', ['105001']],
    ['交通局', ['105001']],
    ['财政', ['102001', '102002']],
    ['财政局', ['102001', '102002']],
    ['票据中心', ['102002']],
    ['卫健委', ['104001']],
    ['卫生健康委', ['104001']],
    ['教育', ['103001']],
    ['局', []],
    ['公安局', []],
  ])('%s → %j', (query, codes) => {
    expect(unitsByName(query, units).map((u) => u.code)).toEqual(codes);
  });
});
