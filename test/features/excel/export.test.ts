// 导出: the summary for municipal approval, grouped by competent unit with subtotals and totals, never
// running a typed formula, with every exported plan's processing record (处理记录) on a second sheet.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFile } from '../../../src/features/excel/export-file.ts';
import { exportTitle } from '../../../src/features/excel/replies.ts';
import { createDraft } from '../../../src/model/plans.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, reviewer } from '../../support/fixtures.ts';
import { DECLARING, filled, HRSS, JOBS_CENTRE, load, ROW } from './sheets.ts';

const DECL = 'ou_xp_decl_00001';
const REVIEWER = 'ou_xp_reviewer01';
const FORMULA = '=HYPERLINK("http://evil","点我")';

let w: World;
/** A plan declared by upload and submitted; one whose title someone typed as a formula. */
let submitted: PlanRecord;
let formula: PlanRecord;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await city(w.stores, { units: [HRSS, JOBS_CENTRE], people: [declarant(DECL, '101001', '李明'), reviewer(REVIEWER, '审核员')] });
  const t = w.as(DECL);
  await t.send('申报表.xlsx', await filled(t, [ROW('2027年度社保经办业务培训班'), ROW('2027年度就业服务能力培训班', { 1: '101002', 2: '柳州市就业服务中心' })]));
  await t.click('确认导入为草稿');
  await t.send('再报.xlsx', await filled(t, [ROW('2027年度劳动监察业务培训班')]));
  expect((await t.click(/^确认导入并提交/)).toast?.content).toBe('已导入 1 个计划');
  submitted = (await w.stores.plans.list({ statuses: ['SUBMITTED'] }))[0]!;
  const data = { ...submitted.data, title: FORMULA };
  formula = await createDraft(w.stores, { year: 2027, unitCode: '101001', data, actor: DECL, channel: 'chat', now: w.clock.now() });
});

const valuesOf = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1).map((x) => (x === undefined || x === null ? '' : String(x))));

describe('exports', () => {
  it('the summary groups classes by competent unit with subtotals and totals, and never runs a typed formula', async () => {
    // what `export plans --year 2027 --status SUBMITTED,DRAFT` writes
    const f = await exportFile(w.app.ports, { year: 2027, statuses: ['SUBMITTED', 'DRAFT'], title: exportTitle(2027) });
    expect(f.count).toBe(4);
    const wb = await load(f.data);
    const ws = wb.getWorksheet('报批汇总')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const flat = rows.map((r) => r.filter((x) => x !== undefined && x !== null).join('|'));
    expect(flat[0]).toContain('2027年度培训计划汇总表');
    expect(flat.some((r) => r.startsWith('柳州市人力资源和社会保障局 小计|'))).toBe(true);
    expect(flat.at(-1)).toMatch(/^合计\|4 个计划\|/);
    let formulaCell: ExcelJS.Cell | undefined;
    ws.eachRow((row) => row.eachCell((cell) => {
      if (String(cell.value).startsWith('=HYPERLINK')) formulaCell = cell;
    }));
    expect(formulaCell!.type).toBe(ExcelJS.ValueType.String);
    expect(formulaCell!.numFmt).toBe('@');

    // 处理记录: every change and decision of every exported plan, for audits
    const rec = valuesOf(wb.getWorksheet('处理记录')!);
    expect(rec[0]).toEqual(['计划编号', '时间', '操作人', '操作', '项目', '原值', '新值', '意见', '渠道']);
    const exported = await w.stores.plans.list({ year: 2027, statuses: ['SUBMITTED', 'DRAFT'] });
    expect(new Set(rec.slice(1).map((r) => r[0]))).toEqual(new Set(exported.map((x) => x.number)));
    expect(rec.slice(1).every((r) => /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/.test(r[1]!))).toBe(true);
    const submittedRow = rec.find((r) => r[0] === submitted.number && r[3] === '提交');
    expect(submittedRow).toMatchObject({ 2: '李明', 5: '草稿', 6: '已提交，待初审', 8: 'Excel' });
    // how the plan began: each value it was created or filled with
    expect(rec.filter((r) => r[0] === submitted.number && /^(创建草稿|填写)$/.test(r[3]!) && r[4] === '培训班名称')).toHaveLength(1);
    expect(rec.find((r) => r[0] === formula.number && r[4] === '培训班名称')).toMatchObject({ 3: '创建草稿', 6: FORMULA, 8: '对话' });
  });

  it('a reviewer gets it as a file with 导出', async () => {
    const r = w.as(REVIEWER);
    expect(await r.say('导出')).toEqual(['(file)', '已发送2027年度汇总表（1 个计划）。']);
    const file = r.files().at(-1)!;
    expect(file.fileName).toBe('2027年度培训计划汇总表.xlsx');
    // declared plans only: drafts are not for approval
    const rec = valuesOf((await load(file.data!)).getWorksheet('处理记录')!);
    expect(new Set(rec.slice(1).map((x) => x[0]))).toEqual(new Set([submitted.number]));
  });

  it('导出 2026 names the year asked for', async () => {
    expect(await w.as(REVIEWER).say('导出 2026')).toEqual(['(file)', '已发送2026年度汇总表（0 个计划）。']);
    expect(w.as(REVIEWER).files().at(-1)!.fileName).toBe('2026年度培训计划汇总表.xlsx');
  });
});
