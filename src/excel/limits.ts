// What an uploaded spreadsheet may be, and what the person is told when theirs is more. Every limit is far
// above an honest declaration (2,000 classes × 19 columns is about 40,000 cells and 3 MB of sheet XML) and
// far below what would hurt the bot. The README's operations section lists them.
import type { ZipLimits, ZipProblem } from './zip.ts';

const MB = 1024 * 1024;

export const UPLOAD_LIMITS = {
  /** The file as sent. */
  fileBytes: 5 * MB,
  /** Data rows of one table. */
  rows: 2000,
  zip: {
    maxEntries: 2000,
    maxEntryBytes: 100 * MB,
    maxTotalBytes: 200 * MB,
    /** Honest sheets compress 5–30×; a zip bomb hundreds of times. Small parts may compress better. */
    maxRatio: 100,
    ratioFloorBytes: 1 * MB,
  } satisfies ZipLimits,
  /** Inflated size of the parts read whole (relationships, workbook, styles) and of the shared strings. */
  smallPartBytes: 8 * MB,
  sharedStringsBytes: 40 * MB,
  /** Excel's own limit for one cell. */
  cellChars: 32_767,
  /** Text held at once: the shared strings, and the cells of the rows kept. */
  textChars: 8_000_000,
  sharedStrings: 1_000_000,
  /** Cells looked at in all sheets read (formatted empty cells included): the total work. */
  cells: 5_000_000,
  /** Rows with content kept for the table (later ones are only counted). */
  keptRows: 5000,
  merges: 10_000,
};

export type UploadLimits = typeof UPLOAD_LIMITS;

const mb = (bytes: number) => Math.round(bytes / MB);

export const LIMIT_TEXT = {
  fileTooBig: (bytes: number) => `文件有 ${(bytes / MB).toFixed(1)} MB，超过 ${mb(UPLOAD_LIMITS.fileBytes)} MB 上限。请删除多余的工作表、图片和空行后再发送。`,
  unpackedTooBig: (limitBytes: number) =>
    `表格解压后超过 ${mb(limitBytes)} MB，可能含有大量空白格式。请只保留填写的行，另存为新文件后再发送。`,
  ratio: (ratio: number) =>
    `文件解压后是压缩时的 ${ratio} 倍，不像正常的表格（可能含有大量空白格式）。请只保留填写的行，另存为新文件后再发送。`,
  tooManyParts: (n: number) => `文件内部有 ${n} 个部件，不像正常的表格。请用 Excel 或 WPS 打开后「另存为」新的 .xlsx 文件再发送。`,
  cellTooLong: (chars: number) =>
    `有单元格的内容超过 ${chars} 个字符（Excel 单元格的上限），无法读取。请检查是否误粘贴了大段内容，删除后另存为新文件再发送。`,
  tooMuchText: (chars: number) =>
    `表格中的文字超过 ${chars / 10_000} 万字，无法读取。请只保留申报表工作表和填写的行，另存为新文件后再发送。`,
  tooManyCells: (cells: number) =>
    `表格中的单元格超过 ${cells / 10_000} 万个（多为空白格式），无法读取。请只保留填写的行，另存为新文件后再发送。`,
  tooManyRows: (n: number) => `数据有 ${n} 行，超过 ${UPLOAD_LIMITS.rows} 行上限。请分成几个文件分别发送。`,
  corrupt: '文件已损坏或不是真正的 .xlsx 文件，无法读取。请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（.xlsx）再发送。',
  encrypted: '文件设置了打开密码，无法读取。请取消密码后另存为 .xlsx 再发送。',
  /** The reader's own worker ran out of its memory: something no limit above foresaw. */
  workerMemory:
    '读取这个文件需要的内存超出了上限，无法读取（文件可能含有大量空白格式、图片或多余的工作表）。请只保留申报表工作表和填写的行，另存为新的 .xlsx 文件后再发送。',
  workerTimeout: (seconds: number) =>
    `读取这个文件超过 ${seconds} 秒仍未完成，无法读取（文件可能含有大量空白格式或多余的工作表）。请只保留申报表工作表和填写的行，另存为新的 .xlsx 文件后再发送。`,
  workerCrashed: '读取这个文件时出错，无法读取。请用 Excel 或 WPS 打开后「另存为」新的 .xlsx 文件再发送；如果仍然不行，请联系系统管理员。',
};

export function zipProblemText(p: ZipProblem, limits: ZipLimits = UPLOAD_LIMITS.zip): string {
  switch (p.kind) {
    case 'not_zip':
      return LIMIT_TEXT.corrupt;
    case 'encrypted':
      return LIMIT_TEXT.encrypted;
    case 'too_many_entries':
      return LIMIT_TEXT.tooManyParts(p.entries);
    case 'ratio':
      return LIMIT_TEXT.ratio(p.ratio);
    case 'entry_too_big':
      return LIMIT_TEXT.unpackedTooBig(limits.maxEntryBytes);
    case 'total_too_big':
      return LIMIT_TEXT.unpackedTooBig(limits.maxTotalBytes);
  }
}
