// The spreadsheet adapter: the services' SpreadsheetPort implemented with exceljs.
import type { SpreadsheetPort } from '../services/excel-import.ts';
import { RULES } from '../domain/rules.ts';
import { annotate } from './annotate.ts';
import { EXAMPLE_MARK, EXAMPLE_REMARK, headerOf, SHEET_SPECS, type SheetKey } from './plan-sheet.ts';
import { fileKind, readTable } from './table-reader.ts';
import { buildTemplate } from './template.ts';
import { exportPlans } from './export.ts';
import { exportCompletion } from './completion.ts';
import { buildHistoryTemplate, HISTORY_SPECS, historyHeaderOf } from './history-sheet.ts';
import type { HistoryKey } from '../domain/execution-history.ts';

const isExample = (values: Partial<Record<string, string>>) => !!values.title?.startsWith(EXAMPLE_MARK) || !!values.remarks?.includes(EXAMPLE_REMARK);

/** Only the unit pre-filled by the template (or 是否联合办班 chosen): not a class. */
const isPrefillOnly = (values: Partial<Record<string, string>>) =>
  Object.entries(values).every(([k, v]) => k === 'budgetCode' || k === 'unitName' || k === 'joint' || !v?.trim());

export function createSpreadsheets(): SpreadsheetPort {
  return {
    readDeclaration: (data, fileName) =>
      readTable<SheetKey>(data, fileName, SHEET_SPECS, { accept: ['xlsx'], skip: (v) => isExample(v) || isPrefillOnly(v) }),
    annotate,
    exportPlans,
    exportCompletion,
    readHistory: (data, fileName) => readTable<HistoryKey>(data, fileName, HISTORY_SPECS, { accept: ['xlsx'] }),
    historyTemplate: (p) => buildHistoryTemplate(p),
    historyHeaderOf,
    template: (p) => buildTemplate({ ...p, rules: RULES }),
    headerOf: (key) => headerOf(key as SheetKey),
    isExampleRow: isExample,
    rejectFormat(fileName) {
      const kind = fileKind(fileName, Buffer.from('PK'));
      if (typeof kind === 'object') return kind.error;
      return kind === 'csv' ? '这是 CSV 文件，格式和下拉选项都会丢失。请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（.xlsx）再发送。' : null;
    },
  };
}
