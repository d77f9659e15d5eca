// The parts of an .xlsx package a table is read from (ECMA-376 Part 1 §12, Part 2 §9): the workbook found
// through the package relationships, its sheets in order with their visibility, the date formats of its
// cell styles and the shared strings. Each part is inflated as a stream within its own byte limit.
import { StringDecoder } from 'node:string_decoder';
import { LIMIT_TEXT, type UploadLimits } from './limits.ts';
import { attrReader, XmlScanner, type XmlHandlers } from './xml-scan.ts';
import { inflateEntry, type ZipEntry } from './zip.ts';

/** A limit of the content (not of the zip) was reached; `text` is what the person is told. */
export class SheetLimitError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

export type SheetRef = { name: string; path: string; hidden: boolean };

export class Package {
  private byName = new Map<string, ZipEntry>();
  private byLowerName = new Map<string, ZipEntry>();

  constructor(
    private readonly data: Buffer,
    entries: readonly ZipEntry[],
    readonly limits: UploadLimits,
  ) {
    for (const e of entries) {
      this.byName.set(e.name, e);
      this.byLowerName.set(e.name.toLowerCase(), e);
    }
  }

  entry(path: string): ZipEntry | undefined {
    return this.byName.get(path) ?? this.byLowerName.get(path.toLowerCase());
  }

  /** Streams a part through the XML scanner; returns its inflated size. */
  async scan(path: string, maxBytes: number, handlers: XmlHandlers): Promise<number> {
    const e = this.entry(path);
    if (!e) return 0;
    // Declared beyond this part's limit: refused before inflating. Inflating past what it declared: a lie.
    if (e.size > maxBytes) throw new SheetLimitError(LIMIT_TEXT.unpackedTooBig(maxBytes));
    const scanner = new XmlScanner(handlers, this.limits.cellChars);
    let decoder: StringDecoder | null = null;
    let bytes = 0;
    for await (const chunk of inflateEntry(this.data, e, maxBytes)) {
      if (!decoder) decoder = new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
      bytes += chunk.length;
      scanner.write(decoder.write(chunk).replace(/^\uFEFF/, ''));
    }
    if (decoder) scanner.write(decoder.end());
    scanner.end();
    return bytes;
  }
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** A relationship target, relative to the part that names it (or absolute from the package root). */
export function resolvePart(fromDir: string, target: string): string {
  const out: string[] = [];
  for (const seg of (target.startsWith('/') ? target.slice(1) : fromDir + target).split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

const relsPath = (part: string) => `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;

const RID = attrReader('Id');
const RTYPE = attrReader('Type');
const RTARGET = attrReader('Target');

async function relationships(pkg: Package, part: string): Promise<{ id: string; type: string; path: string }[]> {
  const out: { id: string; type: string; path: string }[] = [];
  await pkg.scan(relsPath(part), pkg.limits.smallPartBytes, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const target = RTARGET(attrs);
      if (target) out.push({ id: RID(attrs) ?? '', type: RTYPE(attrs) ?? '', path: resolvePart(dirOf(part), target) });
    },
    close() {},
    text() {},
  });
  return out;
}

export type Workbook = { sheets: SheetRef[]; date1904: boolean; sharedStrings: string | null; styles: string | null };

const NAME = attrReader('name');
const STATE = attrReader('state');
const REL_ID = attrReader('id', true);
const DATE1904 = attrReader('date1904');

export async function readWorkbook(pkg: Package): Promise<Workbook | null> {
  const root = (await relationships(pkg, '')).find((r) => r.type.endsWith('/officeDocument'))?.path ?? 'xl/workbook.xml';
  if (!pkg.entry(root)) return null;
  const rels = await relationships(pkg, root);
  const sheets: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  await pkg.scan(root, pkg.limits.smallPartBytes, {
    open(name, attrs) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(DATE1904(attrs) ?? '');
      if (name === 'sheet') sheets.push({ name: NAME(attrs) ?? '', rid: REL_ID(attrs) ?? '', hidden: ['hidden', 'veryHidden'].includes(STATE(attrs) ?? '') });
    },
    close() {},
    text() {},
  });
  const byId = new Map(rels.map((r) => [r.id, r.path]));
  const typed = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.path ?? null;
  return {
    sheets: sheets.flatMap((s) => (byId.has(s.rid) ? [{ name: s.name, path: byId.get(s.rid)!, hidden: s.hidden }] : [])),
    date1904,
    sharedStrings: typed('/sharedStrings'),
    styles: typed('/styles'),
  };
}

// Built-in number formats that show dates: exceljs's table (ids 14–22, 45–47) and the zh-CN ones (27–36,
// 50–58), which exceljs did not recognise and read as serial numbers.
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** exceljs's rule: a format is a date when, outside quotes and brackets, it has y m d h s or b. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const FMT_ID = attrReader('numFmtId');
const FMT_CODE = attrReader('formatCode');

/** For each cell style index: whether numbers in it are dates. */
export async function readDateStyles(pkg: Package, path: string | null): Promise<boolean[]> {
  if (!path) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await pkg.scan(path, pkg.limits.smallPartBytes, {
    open(name, attrs) {
      if (name === 'numFmt') custom.set(Number(FMT_ID(attrs)), FMT_CODE(attrs) ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(FMT_ID(attrs) ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfs.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATES.has(id)));
}

/** The shared strings, rich text joined, phonetic runs left out, _xHHHH_ escapes decoded (as exceljs). */
export async function readSharedStrings(pkg: Package, path: string | null): Promise<string[]> {
  const out: string[] = [];
  if (!path) return out;
  let parts: string[] | null = null;
  let length = 0;
  let total = 0;
  let phonetic = 0;
  let inText = false;
  const L = pkg.limits;
  await pkg.scan(path, L.sharedStringsBytes, {
    open(name) {
      if (name === 'si') {
        parts = [];
        length = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && parts && !phonetic) inText = true;
    },
    text(t) {
      if (!inText || !parts) return;
      length += t.length;
      total += t.length;
      if (length > L.cellChars) throw new SheetLimitError(LIMIT_TEXT.cellTooLong(L.cellChars));
      if (total > L.textChars) throw new SheetLimitError(LIMIT_TEXT.tooMuchText(L.textChars));
      parts.push(t);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && parts) {
        if (out.length >= L.sharedStrings) throw new SheetLimitError(LIMIT_TEXT.tooMuchText(L.textChars));
        const s = parts.length === 1 ? parts[0]! : parts.join('');
        out.push(s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s);
        parts = null;
      }
    },
  });
  return out;
}
