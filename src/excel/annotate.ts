// An annotated copy of the file a person sent: every problem cell filled red with the reason as a note,
// so they fix it where they typed it.
import ExcelJS from 'exceljs';

export type CellProblem = { row: number; column: number | null; message: string };

export async function annotate(original: Buffer, sheetName: string, problems: readonly CellProblem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
