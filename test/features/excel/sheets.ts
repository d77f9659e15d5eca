// Declaration sheets as a declarant makes them: the template the bot sends, filled with exceljs, row by row.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { World } from '../../support/converse.ts';

export type Talk = ReturnType<World['as']>;
export type Row = Record<number, ExcelJS.CellValue>;

export const DECLARING = new Date('2026-08-03T10:00:00+08:00');
export const HRSS = { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null };
export const JOBS_CENTRE = { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 30, contactName: null, contactMobile: null };

export async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  return wb;
}

/** The template the bot sends this declarant for 模板. */
export async function templateWorkbook(t: Talk): Promise<ExcelJS.Workbook> {
  await t.say('模板');
  const file = t.files().at(-1)!;
  expect(file.fileName).toBe('2027年度培训计划申报表（柳州市人力资源和社会保障局）.xlsx');
  return load(file.data!);
}

/** One class as a row of the form, with `over` changing some cells. */
export const ROW = (title: string, over: Row = {}): Row => {
  // columns: 1 代码 2 名称 3 培训班名称 4 类别 5 方式 6 对象 7 人数 8 期数 9 天数 10 月份 11 地点 12 承办机构 13 经费 14 是否联合 15 联合单位 16 联系人 17 电话 18 备注 19 情况说明
  const base: Row = { 3: title, 4: '市内', 5: '线下', 6: '业务人员', 7: 45, 8: 1, 9: 3, 10: 10, 11: '柳州市城中区', 13: 30000, 14: '否', 16: '李明', 17: '0772-2825472' };
  return { ...base, ...over };
};

/** The template filled with `rows` from its first data row (row 5). */
export async function filled(t: Talk, rows: readonly Row[]): Promise<Buffer> {
  const wb = await templateWorkbook(t);
  const ws = wb.getWorksheet('申报表')!;
  rows.forEach((r, i) => {
    for (const [col, v] of Object.entries(r)) ws.getCell(5 + i, Number(col)).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The comment on a cell of the annotated copy sent last. */
export async function noteOf(t: Talk, cell: string): Promise<string> {
  const wb = await load(t.files().at(-1)!.data!);
  return JSON.stringify(wb.getWorksheet('申报表')!.getCell(cell).note);
}
