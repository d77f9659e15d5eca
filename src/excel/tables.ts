// The two tables people upload, as the reader sees them: the declaration form (its example row and rows
// with only the pre-filled unit are not classes) and the 补录 sheet. Shared by the in-process reader and
// the reader's worker, which must not load exceljs.
import type { HistoryKey } from '../domain/execution-history.ts';
import { HISTORY_SPECS } from './history-columns.ts';
import { EXAMPLE_MARK, EXAMPLE_REMARK, SHEET_SPECS, type SheetKey } from './plan-sheet.ts';
import type { ColumnSpec, TableOptions } from './table-reader.ts';

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
