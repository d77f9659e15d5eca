// exceljs is loaded the first time a workbook is written (a template, an export, an annotated copy), not
// at start-up: it holds ~25 MB that a bot answering chat messages does not need. Uploads are read
// elsewhere (xlsx-grid.ts, streaming, in worker threads).
import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | null = null;

export function excelJs(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((m) => (m as unknown as { default: typeof ExcelJSModule }).default ?? m);
  return loading;
}
