// The two tables people upload, as the reader sees them: the declaration form (its example row and rows
// with only the pre-filled unit are not classes) and the 补录 sheet. Shared by the in-process reader and
// the reader's worker, which must not load exceljs.
import type { HistoryKey } from '../domain/execution-history.ts';
import { HISTORY_SPECS } from './history-columns.ts';
import { EXAMPLE_MARK, EXAMPLE_REMARK, SHEET_SPECS, type SheetKey } from './plan-sheet.ts';
import type { ColumnSpec, TableOptions } from './table-reader.ts';
import { UNIT_COLUMNS, type UnitColumn } from '../domain/units.ts';
import { BASE_COLUMNS, type BaseColumn } from '../domain/training-bases.ts';

export const isExampleRow = (values: Partial<Record<string, string>>) => !!values.title?.startsWith(EXAMPLE_MARK) || !!values.remarks?.includes(EXAMPLE_REMARK);

/** Only the unit pre-filled by the template (or 是否联合办班 chosen): not a class. */
const isPrefillOnly = (values: Partial<Record<string, string>>) =>
  Object.entries(values).every(([k, v]) => k === 'budgetCode' || k === 'unitName' || k === 'joint' || !v?.trim());

export const DECLARATION_TABLE: { columns: readonly ColumnSpec<SheetKey>[]; opts: TableOptions<SheetKey> } = {
  columns: SHEET_SPECS,
  opts: { accept: ['xlsx'], skip: (v) => isExampleRow(v) || isPrefillOnly(v) },
};

export const HISTORY_TABLE: { columns: readonly ColumnSpec<HistoryKey>[]; opts: TableOptions<HistoryKey> } = {
  columns: HISTORY_SPECS,
  opts: { accept: ['xlsx'] },
};

/** The finance bureau's unit registry (units:import, or an admin's upload in chat). */
export const UNITS_TABLE: { columns: readonly ColumnSpec<UnitColumn>[]; opts: TableOptions<UnitColumn> } = {
  columns: [
    { key: 'code', header: UNIT_COLUMNS.code, aliases: ['单位代码', '预算代码'], required: true },
    { key: 'name', header: UNIT_COLUMNS.name, aliases: ['预算单位名称'], required: true },
    { key: 'parentCode', header: UNIT_COLUMNS.parentCode, aliases: ['上级单位代码', '主管单位代码'], required: true },
    { key: 'staffCount', header: UNIT_COLUMNS.staffCount, aliases: ['在编人员', '在编人员数'], required: true },
    { key: 'contactName', header: UNIT_COLUMNS.contactName, aliases: ['培训联系人'], required: false },
    { key: 'contactPhone', header: UNIT_COLUMNS.contactPhone, aliases: ['联系人手机', '手机号', '手机'], required: false },
  ],
  opts: { accept: ['xlsx', 'csv'] },
};

/** The 柳州市干部教育培训基地 list (bases:import, or an admin's upload in chat). */
export const BASES_TABLE: { columns: readonly ColumnSpec<BaseColumn>[]; opts: TableOptions<BaseColumn> } = {
  columns: (Object.entries(BASE_COLUMNS) as [BaseColumn, { header: string; aliases: readonly string[] }][]).map(([key, c]) => ({
    key,
    header: c.header,
    aliases: c.aliases,
    required: key !== 'aliases',
  })),
  opts: { accept: ['xlsx', 'csv'] },
};

