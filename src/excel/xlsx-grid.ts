// An .xlsx file as the rows a person filled in, read as a stream within limits: the zip's directory is
// judged before anything is inflated, each part is inflated with a byte counter, the sheet XML is scanned
// without being held, and only rows with some text are kept (rows that are merely formatted, down to row
// 60,000 or 1,048,576, cost a scan and nothing else). Cell texts are what exceljs's full load gave: shared
// and inline strings (rich text joined), formula results, numbers, dates (UTC day shown), booleans as 是/否,
// errors as empty; merged cells repeat their master's text in the rows kept.
import { LIMIT_TEXT, UPLOAD_LIMITS, zipProblemText, type UploadLimits } from './limits.ts';
import { attrReader, XmlLimitError } from './xml-scan.ts';
import { Package, readDateStyles, readSharedStrings, readWorkbook, SheetLimitError } from './xlsx-parts.ts';
import { checkDeclared, readCentralDirectory, ZipInflateError } from './zip.ts';

/** A row as shown in Excel; `cells` is sparse (column index 0 = A), trimmed, never holding ''. */
export type GridRow = { row: number; cells: string[] };

export type Grid = {
  rows: GridRow[];
  sheetName: string;
  /** Rows with content after the kept ones: counted, not kept. */
  moreRows: number;
  /**
   * Cells looked at and inflated bytes of the sheet read, and the declared size of all the package's XML
   * (what exceljs would load to make an annotated copy: only tried for modest files).
   */
  stats: { cells: number; sheetBytes: number; xmlBytes: number };
};

const MAX_COLUMN = 16_384; // XFD

type Budget = { cells: number; textChars: number };

const R = attrReader('r');
const T = attrReader('t');
const S = attrReader('s');
const REF = attrReader('ref');

export function columnOf(ref: string): number | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i > 0 && col <= MAX_COLUMN ? col : null;
}

// Printable ASCII and CJK ideographs are never whitespace: most cells need no regular expression.
const plain = (c: number) => (c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff);
const trim = (s: string) => (plain(s.charCodeAt(0)) && plain(s.charCodeAt(s.length - 1)) ? s : s.replace(/\s+$/u, '').replace(/^\s+/u, ''));

export function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e9) / 1e9);
}

/** exceljs: serial → Date at UTC, shown as the UTC day. */
export function dateText(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(d.getTime())) return numberText(serial);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A cell being read; its type and style are only looked at when it has a value (most cells are empty). */
type Cell = { attrs: string; value: string | undefined; inline: string | undefined };

function cellText(c: Cell, ctx: { shared: string[]; dates: boolean[]; date1904: boolean }): { text: string; owned: boolean } {
  if (c.value === undefined && c.inline === undefined) return { text: '', owned: false };
  switch (T(c.attrs)) {
    case 's':
      return { text: ctx.shared[Number.parseInt(c.value ?? '', 10)] ?? '', owned: false };
    case 'inlineStr':
      return { text: c.inline ?? c.value ?? '', owned: true };
    case 'str':
      return { text: c.value ?? '', owned: true };
    case 'b':
      return { text: c.value === undefined ? '' : Number.parseInt(c.value, 10) !== 0 ? '是' : '否', owned: false };
    case 'e':
      return { text: '', owned: false };
    case 'd':
      return { text: /^\d{4}-\d{2}-\d{2}/.test(c.value ?? '') ? c.value!.slice(0, 10) : (c.value ?? ''), owned: true };
    default: {
      if (c.value === undefined || c.value === '') return { text: '', owned: false };
      const n = Number.parseFloat(c.value);
      if (Number.isNaN(n)) return { text: '', owned: false };
      return { text: ctx.dates[Number(S(c.attrs) ?? 0)] ? dateText(n, ctx.date1904) : numberText(n), owned: true };
    }
  }
}

async function readSheet(pkg: Package, path: string, ctx: Parameters<typeof cellText>[1], budget: Budget) {
  const rows: GridRow[] = [];
  const merges: string[] = [];
  let moreRows = 0;
  let cells = 0;
  let rowNo = 0;
  let col = 0;
  let current: string[] | null = null;
  let cell: Cell | null = null;
  let into: 'value' | 'inline' | null = null;
  let inInline = false;
  let phonetic = 0;
  let parts: string[] = [];
  let partsLength = 0;

  const L = pkg.limits;
  const bytes = await pkg.scan(path, L.zip.maxEntryBytes, {
    open(name, attrs) {
      if (name === 'c') {
        if (++budget.cells > L.cells) throw new SheetLimitError(LIMIT_TEXT.tooManyCells(L.cells));
        cells++;
        const ref = R(attrs);
        col = (ref ? columnOf(ref) : null) ?? col + 1;
        cell = { attrs, value: undefined, inline: undefined };
      } else if (name === 'row') {
        const r = Number(R(attrs));
        rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
        col = 0;
        current = null;
      } else if (!cell) {
        if (name === 'mergeCell' && merges.length < L.merges) merges.push(REF(attrs) ?? '');
      } else if (name === 'v') {
        into = 'value';
        parts = [];
        partsLength = 0;
      } else if (name === 'is') {
        inInline = true;
        parts = [];
        partsLength = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inInline && !phonetic) into = 'inline';
    },
    text(t) {
      if (!into) return;
      partsLength += t.length;
      if (partsLength > L.cellChars) throw new SheetLimitError(LIMIT_TEXT.cellTooLong(L.cellChars));
      parts.push(t);
    },
    close(name) {
      if (name === 'v' && cell) {
        cell.value = parts.join('');
        into = null;
      } else if (name === 't' && into === 'inline') into = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'is' && cell) {
        cell.inline = parts.join('');
        inInline = false;
      } else if (name === 'c' && cell) {
        const { text, owned } = cellText(cell, ctx);
        const shown = text && trim(text);
        if (shown && col <= MAX_COLUMN) {
          if (owned && (budget.textChars += shown.length) > L.textChars) throw new SheetLimitError(LIMIT_TEXT.tooMuchText(L.textChars));
          (current ??= [])[col - 1] = shown;
        }
        cell = null;
      } else if (name === 'row') {
        if (current) {
          if (rows.length < L.keptRows) rows.push({ row: rowNo, cells: current });
          else moreRows++;
        }
        current = null;
      }
    },
  });
  applyMerges(rows, merges, budget, L.cells);
  return { rows, moreRows, cells, sheetBytes: bytes };
}

/** Like exceljs, every cell of a merged range shows the master's text (in the rows kept). */
function applyMerges(rows: GridRow[], merges: string[], budget: Budget, maxCells: number): void {
  if (!merges.length || !rows.length) return;
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const numbers = rows.map((r) => r.row).sort((a, b) => a - b);
  for (const ref of merges) {
    const m = /^([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    const [c1, r1, c2, r2] = [columnOf(m[1]!)!, Number(m[2]), columnOf(m[3]!)!, Number(m[4])];
    const master = byRow.get(r1)?.cells[c1 - 1];
    if (!master || !c1 || !c2) continue;
    let i = numbers.findIndex((n) => n >= r1);
    for (; i >= 0 && i < numbers.length && numbers[i]! <= r2; i++) {
      const row = byRow.get(numbers[i]!)!;
      for (let c = c1; c <= c2; c++) row.cells[c - 1] = master;
      if ((budget.cells += c2 - c1 + 1) > maxCells) throw new SheetLimitError(LIMIT_TEXT.tooManyCells(maxCells));
    }
  }
}

/**
 * The first visible sheet with content (the first sheet when none has any), or what to tell the person.
 * Limits of the zip are checked before inflating, those of the content while reading.
 */
export async function readXlsxGrid(data: Buffer, L: UploadLimits = UPLOAD_LIMITS): Promise<Grid | { error: string }> {
  try {
    const dir = readCentralDirectory(data, L.zip.maxEntries);
    if (!dir.ok) return { error: zipProblemText(dir.problem, L.zip) };
    const declared = checkDeclared(dir.entries, L.zip);
    if (declared) return { error: zipProblemText(declared, L.zip) };
    const pkg = new Package(data, dir.entries, L);
    const wb = await readWorkbook(pkg);
    if (!wb) return { error: LIMIT_TEXT.corrupt };
    if (!wb.sheets.length) return { error: '文件里没有工作表。' };
    const ctx = { shared: await readSharedStrings(pkg, wb.sharedStrings), dates: await readDateStyles(pkg, wb.styles), date1904: wb.date1904 };
    const budget: Budget = { cells: 0, textChars: ctx.shared.reduce((n, s) => n + s.length, 0) };
    const xmlBytes = dir.entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((n, e) => n + e.size, 0);
    const read = async (i: number): Promise<Grid> => {
      const { rows, moreRows, cells, sheetBytes } = await readSheet(pkg, wb.sheets[i]!.path, ctx, budget);
      return { rows, moreRows, sheetName: wb.sheets[i]!.name, stats: { cells, sheetBytes, xmlBytes } };
    };
    let first: Grid | null = null;
    for (const [i, sheet] of wb.sheets.entries()) {
      if (sheet.hidden) continue;
      const grid = await read(i);
      if (grid.rows.length) return grid;
      if (i === 0) first = grid;
    }
    return first ?? (await read(0));
  } catch (err) {
    if (err instanceof SheetLimitError) return { error: err.text };
    if (err instanceof XmlLimitError) return { error: err.limit === 'text' ? LIMIT_TEXT.cellTooLong(L.cellChars) : LIMIT_TEXT.corrupt };
    if (err instanceof ZipInflateError) return { error: LIMIT_TEXT.corrupt };
    throw err;
  }
}
