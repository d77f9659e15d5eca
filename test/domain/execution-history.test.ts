import { describe, expect, it } from 'vitest';
import { groupHistory, readHistoryRow, type HistoryKey } from '../../src/domain/execution-history.ts';
describe('补录 rows', () => {
  const units = [
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
    { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 30, contactName: null, contactMobile: null },
    { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 100, contactName: null, contactMobile: null },
  ];
  const ctx = { today: '2026-11-27', units, allowedCompetent: '101001' };
  const good: Partial<Record<HistoryKey, string>> = { year: '2023', budgetCode: '101002', title: '就业服务能力培训班', scope: '市内', mode: '线下', start: '2023-05-10', end: '2023-05-12', packageOn: '2023-04-20', publishedOn: '2023-04-25', registered: '50', accepted: '45', attended: '44', teachers: '王芳', courses: '政策解读', hours: '18', amount: '28000' };

  it('reads a class with its six steps, for the competent unit of a second-tier budget code', () => {
    const r = readHistoryRow(5, good, ctx);
    expect(r.ok && [r.value.unitCode, r.value.cls, Object.keys(r.value.steps)]).toEqual(['101001', { seq: null, start: '2023-05-10', end: '2023-05-12' }, ['1', '2', '3', '4', '5', '6']]);
  });

  it.each([
    [{ year: '2019' }, 'year', '年度应在 2020–2026 之间'],
    [{ budgetCode: '999999' }, 'budgetCode', '单位名册中没有预算单位代码「999999」'],
    [{ budgetCode: '102001' }, 'budgetCode', '「柳州市财政局」不是本单位或本单位的二层单位'],
    [{ end: '2023-05-01' }, 'end', '结班日期不能早于开班日期'],
    [{ start: '2024-05-10', end: '2024-05-12' }, 'start', '开班日期不在 2023 年内'],
    [{ start: '', end: '' }, 'start', '填写了执行数据，但没有开班、结班日期'],
    [{ accepted: '60' }, 'accepted', '审核通过人数（60）多于报名人数（50）。建议：请核对报名人数和审核通过人数。依据：补录内容为培训包审核、发布培训项目、培训报名审核、学员签到、教培管理、结算金额等六个步骤信息〔一〕'],
    [{ teachers: '' }, 'teachers', '请填写授课教师，例如：王芳（市委党校）、刘强（市人社局）'],
    [{ number: '2024-001' }, 'number', '计划编号 2024-001 与年度 2023 不一致'],
  ] as const)('%j → %s: %s', (change, key, message) => {
    const r = readHistoryRow(5, { ...good, ...change }, ctx);
    expect(r.ok ? [] : r.problems.map((p) => [p.key, p.message])).toContainEqual([key, message]);
  });

  it('groups rows into plans, numbers classes in order and rejects repeated 期次', () => {
    const rows = [good, { ...good, start: '2023-09-04', end: '2023-09-06' }, { ...good, seq: '1', start: '2023-11-06', end: '2023-11-07' }].map((v, i) => {
      const r = readHistoryRow(5 + i, v, ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.value;
    });
    const g = groupHistory(rows);
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0]!.map((r) => r.cls!.seq)).toEqual([2, 3, 1]);
    expect(rows.map((r) => r.cls!.seq)).toEqual([null, null, 1]); // the input is not changed
    const twice = groupHistory([rows[0]!, { ...rows[1]!, cls: { ...rows[1]!.cls!, seq: 1 } }, { ...rows[2]!, cls: { ...rows[2]!.cls!, seq: 1 } }].map((r) => ({ ...r, cls: { ...r.cls! } })));
    expect(twice.problems.map((p) => [p.row, p.message])).toContainEqual([7, '与第 6 行的期次重复']);
  });
});
