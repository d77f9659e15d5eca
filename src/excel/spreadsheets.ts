// The spreadsheet adapter: the services' Spreadsheets implemented with exceljs, in this process (the CLI
// and the benchmarks). The bot reads uploads in worker threads instead (isolated-sheets.ts).
import { RULES } from '../domain/rules.ts';
import { annotate } from './annotate.ts';
import { headerOf, type SheetKey } from './plan-sheet.ts';
import { fileKind, readTable } from './table-reader.ts';
import { buildTemplate } from './template.ts';
import { exportPlans } from './export.ts';
import { exportCompletion } from './completion.ts';
import { buildHistoryTemplate, historyHeaderOf } from './history-sheet.ts';
import { BASES_TABLE, DECLARATION_TABLE, HISTORY_TABLE, isExampleRow, UNITS_TABLE } from './tables.ts';
import type { Spreadsheets } from '../ports/sheets.ts';

export function createSpreadsheets(): Spreadsheets {
  return {
    readDeclaration: (data, fileName) => readTable(data, fileName, DECLARATION_TABLE.columns, DECLARATION_TABLE.opts),
    annotate,
    exportPlans,
    exportCompletion,
    readHistory: (data, fileName) => readTable(data, fileName, HISTORY_TABLE.columns, HISTORY_TABLE.opts),
    readUnits: (data, fileName) => readTable(data, fileName, UNITS_TABLE.columns, UNITS_TABLE.opts),
    readBases: (data, fileName) => readTable(data, fileName, BASES_TABLE.columns, BASES_TABLE.opts),
    historyTemplate: (p) => buildHistoryTemplate(p),
    historyHeaderOf,
    template: (p) => buildTemplate({ ...p, rules: RULES }),
    headerOf: (key) => headerOf(key as SheetKey),
    isExampleRow,
    rejectFormat(fileName) {
      const kind = fileKind(fileName, Buffer.from('PK'));
      if (typeof kind === 'object') return kind.error;
      return kind === 'csv' ? '这是 CSV 文件，格式和下拉选项都会丢失。请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（.xlsx）再发送。' : null;
    },
  };
}
