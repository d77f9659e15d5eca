// 模板: the official form from the bot, pre-filled for the declarant's unit; from the chat and from a button.
import { beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, reviewer } from '../../support/fixtures.ts';
import { DECLARING, HRSS, load, templateWorkbook } from './sheets.ts';

const DECL = 'ou_tpl_decl_0001';
const REVIEWER = 'ou_tpl_reviewer1';
const STRANGER = 'ou_tpl_stranger1';

let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, { units: [HRSS], bases: [{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }], people: [declarant(DECL, '101001', '李明'), reviewer(REVIEWER, '审核员')] });
});

describe('the template', () => {
  it('has the year, the form headers, the unit pre-filled, dropdowns, an example row, a frozen header and the rules sheet', async () => {
    const wb = await templateWorkbook(w.as(DECL));
    const ws = wb.getWorksheet('申报表')!;
    expect(ws.getCell('A1').value).toBe('柳州市机关事业单位2027年度培训计划申报表');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['*预算单位代码', '单位名称', '*培训班名称', '*培训类别', '*每期人数', '是否联合办班', '情况说明']));
    expect(ws.getCell('A5').value).toBe('101001');
    expect(ws.getCell('B5').value).toBe('柳州市人力资源和社会保障局');
    expect(String(ws.getCell('C4').value)).toContain('【示例】');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(dv).find((v) => v.type === 'list' && v.formulae[0] === '"市内,市外"')).toBeDefined();
    const rules = wb.getWorksheet('填报说明与规则')!;
    const text = rules.getSheetValues().flat().join(' ');
    expect(text).toContain('市外培训项目每班次不超过60人');
    expect(text).toContain('中国井冈山干部学院');
  });

  it('模板 says what to do with it', async () => {
    const answers = await w.as(DECL).say('模板');
    expect(answers).toEqual(['(file)', '已发送2027年度申报表模板。一行填一个培训班，填好后把文件直接发给我，我会逐行检查。']);
  });

  it('a reviewer gets the blank form of the year under review; someone not linked is told how to link', async () => {
    const r = w.as(REVIEWER);
    await r.say('模板');
    const file = r.files().at(-1)!;
    expect(file.fileName).toBe('2027年度培训计划申报表.xlsx');
    expect((await load(file.data!)).getWorksheet('申报表')!.getCell('A5').value).toBeNull();
    const s = w.as(STRANGER);
    expect(await s.say('模板')).toEqual(['您还没有关联单位。发送「帮助」查看怎么关联。']);
    expect(s.files()).toHaveLength(0);
  });

  it('the 下载模板 button sends it too', async () => {
    const t = w.as(DECL);
    const before = t.files().length;
    const r = await t.clickValue('om_reminder', { a: 'template' });
    expect(r.toast).toEqual({ type: 'success', content: '已发送模板' });
    expect(r.messages).toEqual(['(file)', '已发送申报表模板，填好后直接发给我。']);
    expect(t.files().slice(before).map((f) => f.fileName)).toEqual(['2027年度培训计划申报表（柳州市人力资源和社会保障局）.xlsx']);
  });
});
