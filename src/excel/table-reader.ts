// Reads the first table of an .xlsx or .csv file into rows of cell texts by column, located the way a
// person sees them: the row number Excel/WPS shows and the column's header. The header row is found among
// the first rows (title rows above it are fine); headers are matched tolerantly (spacing, full-width,
// brackets, "*必填" marks) and in any order. Cells may be numbers, text, rich text, dates or formulas
// (their result is used). Problems with the file itself come back as one message saying what to do.
// .xlsx files are read as a stream within limits (xlsx-grid.ts): a file is never loaded whole.
import { matchKey } from '../domain/parse.ts';
import { cleanText } from '../domain/text-hygiene.ts';
import { LIMIT_TEXT, UPLOAD_LIMITS } from './limits.ts';
import { readXlsxGrid, type Grid } from './xlsx-grid.ts';

export type ColumnSpec<K extends string> = { key: K; header: string; aliases?: readonly string[]; required: boolean };

export type TableRow<K extends string> = { row: number; values: Partial<Record<K, string>> };

export type TableResult<K extends string> =
  | {
      ok: true;
      rows: TableRow<K>[];
      sheetName: string;
      headerRow: number;
      /** 1-based column of each recognised header, for pointing at a cell. */
      columns: Partial<Record<K, number>>;
    }
  | { ok: false; error: string };

export const MAX_FILE_BYTES = UPLOAD_LIMITS.fileBytes;
export const MAX_ROWS = UPLOAD_LIMITS.rows;

const headerKey = (s: string) =>
  matchKey(s)
    .replace(/[*＊]/g, '')
    .replace(/\((必填|选填|可选|必须)\)/g, '')
    .replace(/:$/, '');

function decodeText(data: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(data).replace(/^\uFEFF/, '');
  // Excel in Chinese Windows saves CSV in GBK; invalid UTF-8 shows up as replacement characters.
  if (!utf8.includes('\uFFFD')) return utf8;
  return new TextDecoder('gb18030').decode(data);
}

/** RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

function readCsv(data: Buffer): Grid {
  const records = parseCsv(decodeText(data));
  const rows = records
    .map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { sheetName: 'CSV', rows, moreRows: 0, stats: { cells: records.reduce((n, r) => n + r.length, 0), sheetBytes: data.length, xmlBytes: 0 } };
}

const WRONG_FORMAT: Record<string, string> = {
  xls: '这是旧版 Excel（.xls）文件。请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（.xlsx）再发送。',
  et: '这是 WPS 表格（.et）文件。请在 WPS 中「另存为」Excel 工作簿（.xlsx）再发送。',
  docx: '这是 Word 文档，不是表格。请把内容填在 Excel 表格（.xlsx）中再发送。',
  doc: '这是 Word 文档，不是表格。请把内容填在 Excel 表格（.xlsx）中再发送。',
  wps: '这是 WPS 文字文档，不是表格。请把内容填在 Excel 表格（.xlsx）中再发送。',
  pdf: '这是 PDF 文件，无法读取其中的表格。请发送 Excel 表格（.xlsx）。',
};

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UNKNOWN_OLE = '这不是真正的 .xlsx 文件（可能设置了打开密码，或是改了扩展名的旧版 .xls）。请取消密码后用 Excel 或 WPS「另存为」Excel 工作簿（.xlsx）再发送。';
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/**
 * What an OLE compound file holds, from its directory's stream names (UTF-16): Office encryption puts the
 * real workbook in "EncryptedPackage"; an old Excel (or WPS) workbook is a "Workbook" (BIFF8) or "Book" stream.
 */
function oleKind(data: Buffer): 'encrypted' | 'workbook' | 'other' {
  if (data.includes(utf16('EncryptedPackage'))) return 'encrypted';
  if (data.includes(utf16('Workbook')) || data.includes(Buffer.concat([utf16('Book'), Buffer.from([0, 0])]))) return 'workbook';
  return 'other';
}

export function fileKind(fileName: string, data: Buffer): 'xlsx' | 'csv' | { error: string } {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx' || ext === 'xlsm') {
    // An OLE compound file, not a zip: an encrypted .xlsx, or an old .xls (or .et) renamed.
    if (data.subarray(0, 4).equals(OLE_MAGIC)) return { error: oleKind(data) === 'encrypted' ? LIMIT_TEXT.encrypted : oleKind(data) === 'workbook' ? WRONG_FORMAT.xls! : UNKNOWN_OLE };
    return 'xlsx';
  }
  return { error: WRONG_FORMAT[ext] ?? `不支持「${ext ? `.${ext}` : '无扩展名'}」文件。请发送 Excel 表格（.xlsx）。` };
}

export type TableOptions<K extends string> = {
  accept?: readonly ('xlsx' | 'csv')[];
  /** Rows that are not data (a template's example row, rows with only pre-filled cells): not counted. */
  skip?: (values: Partial<Record<K, string>>) => boolean;
};

/** The file's first table as rows of texts, or what to tell the person about the file itself. */
export async function readGrid(data: Buffer, fileName: string, accept?: readonly ('xlsx' | 'csv')[]): Promise<Grid | { error: string }> {
  if (data.length === 0) return { error: '文件是空的。' };
  if (data.length > MAX_FILE_BYTES) return { error: LIMIT_TEXT.fileTooBig(data.length) };
  const kind = fileKind(fileName, data);
  if (typeof kind === 'object') return kind;
  if (accept && !accept.includes(kind)) {
    return { error: '这是 CSV 文件，格式和下拉选项都会丢失。请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（.xlsx）再发送。' };
  }
  const grid = kind === 'csv' ? readCsv(data) : await readXlsxGrid(data);
  return 'error' in grid ? grid : cleanGrid(grid);
}

/** Cells cleaned like chat text (invisible and bidi control characters out) before anything reads them. */
function cleanGrid(g: Grid): Grid {
  return { ...g, rows: g.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c ? cleanText(c).trim() : c)) })) };
}

export async function readTable<K extends string>(data: Buffer, fileName: string, columns: readonly ColumnSpec<K>[], opts: TableOptions<K> = {}): Promise<TableResult<K>> {
  const grid = await readGrid(data, fileName, opts.accept);
  if ('error' in grid) return { ok: false, error: grid.error };
  return tableOf(grid, columns, opts);
}

/** The rows of a grid under its header row, by column key. */
export function tableOf<K extends string>(grid: Grid, columns: readonly ColumnSpec<K>[], opts: TableOptions<K> = {}): TableResult<K> {
  if (!grid.rows.length) return { ok: false, error: '表格是空的，没有任何内容。' };

  const wanted = columns.map((c) => ({ ...c, keys: [c.header, ...(c.aliases ?? [])].map(headerKey) }));
  // The header row: the one among the first 10 matching the most expected headers.
  let best: { index: number; map: Map<number, K>; hits: number } | null = null;
  for (const [index, r] of grid.rows.slice(0, 10).entries()) {
    const map = new Map<number, K>();
    r.cells.forEach((cell, col) => {
      const k = headerKey(cell);
      const spec = wanted.find((w) => w.keys.includes(k) && ![...map.values()].includes(w.key));
      if (spec) map.set(col, spec.key);
    });
    if (!best || map.size > best.hits) best = { index, map, hits: map.size };
  }
  if (!best || best.hits === 0) {
    return { ok: false, error: `没有找到表头。第一行（或标题下面一行）应为：${columns.map((c) => c.header).join('、')}。` };
  }
  const found = new Set(best.map.values());
  const missing = columns.filter((c) => c.required && !found.has(c.key)).map((c) => `「${c.header}」`);
  if (missing.length) {
    return { ok: false, error: `缺少必需的列：${missing.join('、')}。请使用模板中的表头（第 ${grid.rows[best.index]!.row} 行）。` };
  }
  const header = best;
  const rows = grid.rows.slice(best.index + 1).flatMap((r) => {
    const values: Partial<Record<K, string>> = {};
    for (const [col, key] of header.map) {
      const v = r.cells[col] ?? '';
      if (v !== '') values[key] = v;
    }
    return Object.keys(values).length && !opts.skip?.(values) ? [{ row: r.row, values }] : [];
  });
  if (!rows.length) return { ok: false, error: '表头下面没有数据行。' };
  // Rows past the kept ones were only counted: each is taken as a data row.
  const total = rows.length + grid.moreRows;
  if (total > MAX_ROWS) return { ok: false, error: LIMIT_TEXT.tooManyRows(total) };
  const columnsOut: Partial<Record<K, number>> = {};
  for (const [col, key] of header.map) columnsOut[key] = col + 1;
  return { ok: true, rows, sheetName: grid.sheetName, headerRow: grid.rows[best.index]!.row, columns: columnsOut };
}
