// An admin sends the unit registry or the training-base list in chat: the same checks and the same summary
// as units:import / bases:import; a problem anywhere stores nothing; a sheet no feature takes is named.
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from '../../support/converse.ts';
import { admin, city, unit } from '../../support/fixtures.ts';

const ADMIN = 'ou_admin_a000001';
const ADMIN_DECLARANT = 'ou_admin_decl0001';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');

let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, {
    units: [unit('102001', '柳州市财政局', { staffCount: 90, contactName: '张伟' }), unit('104001', '柳州市卫生健康委员会', { staffCount: 300 })],
    people: [admin(ADMIN, '管理员甲'), admin(ADMIN_DECLARANT, '管理员乙', '104001')],
  });
});
afterEach(() => w.lintSentCards());

const csv = (...lines: string[]) => Buffer.from(lines.join('\n'));
const xlsx = async (sheet: string, rows: unknown[][]) => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(sheet).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('reference data sent in chat', () => {
  it('an admin sends the unit registry (.csv) and the base list (.xlsx) in chat: the same checks and summary as the CLI', async () => {
    const a = w.as(ADMIN);
    const units = await a.send('单位名册.csv', csv('预算单位代码,单位名称,上级单位代码,在编人数,联系人,联系人手机', '105001,柳州市交通运输局,,80,周强,', '105002,柳州市交通运输局运输管理所,105001,20,,'));
    expect(units[0]).toContain('已导入单位名册「单位名册.csv」');
    expect(units[0]).toContain('2 个单位');
    expect((await w.stores.registry.unit('105002'))?.parentCode).toBe('105001');
    const bad = await a.send('名册有错.csv', csv('预算单位代码,单位名称,上级单位代码,在编人数', '106001,柳州市某局,999999,abc'));
    expect(bad[0]).toMatch(/^「名册有错\.csv」有 \d+ 处问题，没有导入任何内容。请改正后重新发送：\n第 2 行「/);
    expect(await w.stores.registry.unit('106001')).toBeNull();

    const bases = await a.send('培训基地.xlsx', await xlsx('基地', [['基地名称', '所在城市', '别名'], ['中国浦东干部学院', '上海', '浦东干部学院']]));
    expect(bases[0]).toBe('已导入培训基地名单「培训基地.xlsx」：1 个培训基地（同名的已更新，其余保留；要整体替换名单请用 npm run cli -- bases:import 文件 --replace）。');
    expect((await w.stores.bases.all()).map((b) => b.name)).toContain('中国浦东干部学院');

    const unknown = await a.send('通讯录.xlsx', await xlsx('随便', [['姓名', '电话']]));
    expect(unknown[0]).toContain('收到「通讯录.xlsx」，但没有认出它是哪种表格，没有导入。我能读的表格：单位名册');
    expect(unknown[0]).not.toContain('我能读懂文字消息和 Excel 申报表');
  });

  it('contacts are looked up in Feishu by mobile: found ones become their unit\'s declarant, the others are named', async () => {
    w.feishu.putUser('ou_zhou_qiang001', { name: '周强', mobile: '13800000001' });
    const answers = await w.as(ADMIN).send(
      '名册.csv',
      csv('预算单位代码,单位名称,上级单位代码,在编人数,联系人,联系人手机', '107001,柳州市水利局,,60,周强,13800000001', '107002,柳州市林业局,,50,吴敏,13800000002'),
    );
    expect(answers).toEqual([
      [
        '已导入单位名册「名册.csv」（工作表「CSV」）：2 个单位。',
        '联系人：在飞书中找到 1 人，其中 1 人已关联为本单位申报人。',
        '1 个联系人的手机号在飞书中没有找到（不影响导入）：柳州市林业局 吴敏。',
      ].join('\n'),
    ]);
    expect((await w.stores.people.find('ou_zhou_qiang001'))?.unitCode).toBe('107001');
  });

  it('a bad base list is refused row by row and stores nothing', async () => {
    const before = (await w.stores.bases.all()).length;
    const answers = await w.as(ADMIN).send('基地.xlsx', await xlsx('基地', [['基地名称', '所在城市'], ['某学院', '上海'], ['某学院', '上海']]));
    expect(answers).toEqual(['「基地.xlsx」有 1 处问题，没有导入任何内容。请改正后重新发送：\n第 3 行「基地名称」：与第 2 行重复']);
    expect(await w.stores.bases.all()).toHaveLength(before);
  });

  it("an admin who also declares: their unit's declaration sheet goes on to the declaration upload", async () => {
    const a = w.as(ADMIN_DECLARANT);
    await a.say('模板');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(a.files().at(-1)!.data!) as unknown as ArrayBuffer);
    const row = { 3: '2027年度卫生应急培训班', 4: '市内', 5: '线下', 6: '业务人员', 7: 45, 8: 1, 9: 3, 10: 10, 11: '柳州市城中区', 13: 30000, 14: '否', 16: '李明', 17: '0772-2825472' };
    for (const [col, v] of Object.entries(row)) wb.getWorksheet('申报表')!.getCell(5, Number(col)).value = v;
    const answers = await a.send('申报表.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('# 「申报表.xlsx」检查通过');
  });
});
