// Every row of a sheet through the chat's parsers and rules: which problem each kind of row has (a tagged
// result), and how that problem reads on the card and in the annotated copy.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRows, type SheetRow } from '../../../src/features/excel/check-rows.ts';
import { problemMessage, problemText } from '../../../src/features/excel/replies.ts';
import { declarantOf, type Declarant } from '../../../src/model/declarant.ts';
import { world, type World } from '../../support/converse.ts';
import { DECLARING, HRSS } from './sheets.ts';

let w: World;
let d: Declarant;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await w.stores.registry.saveUnits([HRSS, { code: '104001', name: '柳州市卫生健康委员会', parentCode: null, staffCount: 300, contactName: null, contactMobile: null }]);
  await w.stores.bases.save([{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }], false);
  d = (await declarantOf(w.stores, { openId: 'ou_rows', name: null, role: 'declarant', unitCode: '101001' }, DECLARING))!;
});

type Values = SheetRow['values'];
const GOOD: Values = { budgetCode: '101001', title: '2027年度社保经办业务培训班', scope: '市内', mode: '线下', audience: '业务人员', headcount: '45', sessions: '1', days: '3', month: '10', location: '柳州市城中区', budget: '30000', joint: '否', contactName: '李明', contactPhone: '0772-2825472' };
const OUT: Values = { ...GOOD, scope: '市外', headcount: '40', location: '江西井冈山', institution: '中国井冈山干部学院' };

const check = async (...rows: Values[]) => checkRows(w.stores, d, rows.map((values, i) => ({ row: 5 + i, values })));

describe('a row of a declaration sheet', () => {
  it.each([
    ['valid', [GOOD], []],
    ['a headcount that is no number', [{ ...GOOD, headcount: '很多' }], [{ row: 5, field: 'headcount', reason: 'unreadable' }]],
    ['joint classes without the joint units', [{ ...GOOD, joint: ' 是 ' }], [{ row: 5, field: 'jointUnits', reason: 'joint_units_missing' }]],
    ['joint classes with a registered unit', [{ ...GOOD, joint: '是', jointUnits: '104001' }], []],
    ['70 people out of the city', [{ ...OUT, headcount: '70' }], [{ row: 5, field: 'headcount', reason: 'rule' }]],
    ['out of the city in May, without 情况说明', [{ ...OUT, month: '5' }], [{ row: 5, field: 'justification', reason: 'needs_justification' }]],
    ['out of the city in May, with 情况说明', [{ ...OUT, month: '5', justification: '配合全国会议安排' }], []],
    // 150 staff: one out-of-city class a year; the file's own first class counts for its second
    ['two out-of-city classes in one file', [OUT, { ...OUT, title: '2027年度赴延安学习培训班' }], [{ row: 6, field: 'justification', reason: 'needs_justification' }]],
  ] as const)('%s', async (_, rows, expected) => {
    const r = await check(...rows);
    expect(r.problems.map((p) => ({ row: p.row, field: p.field, reason: p.reason }))).toEqual(expected);
    expect(r.plans).toHaveLength(rows.filter((x) => x.headcount !== '很多').length);
  });

  it('each problem reads as the chat would say it, with the fix and the notice where a rule speaks', async () => {
    const [joint] = (await check({ ...GOOD, joint: '是' })).problems;
    expect(problemText(joint!)).toBe('「是否联合办班」为「是」，请填写联合办班单位');
    const [unreadable] = (await check({ ...GOOD, headcount: '很多' })).problems;
    expect(problemText(unreadable!)).toBe(problemMessage(unreadable!));
    const [rule] = (await check({ ...OUT, headcount: '70' })).problems;
    expect(problemMessage(rule!)).toBe('市外培训每期 70 人，超过 60 人');
    expect(problemText(rule!)).toBe('市外培训每期 70 人，超过 60 人。建议：可分两期各 35 人，或把人数减到 60 人以内。依据：市外培训项目每班次不超过60人〔二(二)二〕');
    const [soft] = (await check({ ...OUT, month: '5' })).problems;
    expect(problemMessage(soft!)).toBe('市外培训安排在 5 月，5-6 月和 11-12 月原则上不安排外出项目：这是原则性要求，须在「情况说明」列写明理由');
    expect(problemText(soft!)).toContain('依据：每年5-6月和11-12月期间，原则上不得安排外出项目〔二(二)三〕');
  });
});
