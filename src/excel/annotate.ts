// An annotated copy of the file a person sent: every problem cell filled red with the reason as a note,
// so they fix it where they typed it.
import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';

export type CellProblem = { row: number; column: number | null; message: string };

export async function annotate(original: Buffer, sheetName: string, problems: readonly CellProblem[]): Promise<Buffer> {
  const wb = new (await excelJs()).Workbook();
  await wb.xlsx.load(original as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheetName) ?? wb.worksheets[0]!;
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const key = `${p.row}:${p.column ?? 1}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p.message]);
  }
  for (const [key, messages] of byCell) {
    const [row, col] = key.split(':').map(Number) as [number, number];
    const cell = ws.getCell(row, col);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    cell.note = { texts: [{ text: messages.join('\n') }] };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const columnLetter = (n: number) => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** When the file is too big to mark up: the same problems as a list, by the row and column Excel shows. */
export async function problemList(problems: readonly CellProblem[]): Promise<Buffer> {
  const wb = new (await excelJs()).Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.columns = [{ width: 8 }, { width: 8 }, { width: 90 }];
  ws.addRow(['原文件太大，无法在原文件上直接标注。以下是全部问题（行号、列与 Excel 中显示的一致），请在原文件中改好后重新发送整个文件。']);
  ws.mergeCells(1, 1, 1, 3);
  ws.getRow(1).alignment = { wrapText: true };
  ws.getRow(1).height = 32;
  const header = ws.addRow(['行号', '列', '问题']);
  header.font = { bold: true };
  for (const p of problems) ws.addRow([p.row, p.column ? columnLetter(p.column) : '整行', p.message]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
