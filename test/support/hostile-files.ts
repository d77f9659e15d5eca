// Spreadsheets that used to kill the bot, generated (never checked in): zip bombs, a 300 MB string, the
// honest template with borders down to row 60,000, 50,000 plain rows, 20,000-row files. Each is built as a
// stream where it is big, so the test process stays small too. Used by the tests and by bench/hostile.ts.
import ExcelJS from 'exceljs';
import { RULES } from '../../src/domain/rules.ts';
import { buildTemplate } from '../../src/excel/template.ts';
import { unzipFiles, zipFiles, type ZipInput } from './zip-writer.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const UNIT = { code: '101001', name: '柳州市人力资源和社会保障局' };

/** One valid in-city class, in the template's columns (1 代码 … 17 电话). */
export const VALID_CLASS: Record<number, ExcelJS.CellValue> = {
  1: UNIT.code, 2: UNIT.name, 3: '2027年度社保经办业务培训班', 4: '市内', 5: '线下', 6: '业务人员', 7: 45, 8: 1, 9: 3, 10: 10, 11: '柳州市城中区', 13: 30000, 14: '否', 16: '李明', 17: '0772-2825472',
};

/** The official template (as the bot sends it) with these rows filled from row 5. */
export async function filledTemplate(rows: Record<number, ExcelJS.CellValue>[], year = 2027): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplate({ year, unit: UNIT, bases: [], rules: RULES })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('申报表')!;
  rows.forEach((r, i) => {
    for (const [col, v] of Object.entries(r)) ws.getCell(5 + i, Number(col)).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const colName = (n: number) => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * The same file with every cell of 19 columns bordered down to `lastRow`, empty, as WPS and Excel write
 * it when a person formats whole columns of the form.
 */
export async function withBordersDownTo(xlsx: Buffer, lastRow: number): Promise<Buffer> {
  const files = unzipFiles(xlsx);
  const styles = files.get('xl/styles.xml')!.toString();
  const cellXfs = styles.slice(styles.indexOf('<cellXfs'), styles.indexOf('</cellXfs>'));
  const xfs = [...cellXfs.matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
  const bordered = xfs.findIndex((x) => /borderId="[1-9]/.test(x));
  if (bordered < 0) throw new Error('no bordered style in the template');
  const sheetName = 'xl/worksheets/sheet1.xml';
  const sheet = files.get(sheetName)!.toString();
  const cut = sheet.indexOf('</sheetData>');
  const last = Math.max(...[...sheet.slice(0, cut).matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
  const entries: ZipInput[] = [...files].map(([name, data]) => ({ name, data }));
  entries.find((e) => e.name === sheetName)!.data = function* () {
    yield sheet.slice(0, cut);
    for (let r = last + 1; r <= lastRow; r += 100) {
      let block = '';
      for (let k = r; k < Math.min(r + 100, lastRow + 1); k++) {
        block += `<row r="${k}" spans="1:19" ht="14.25">`;
        for (let c = 1; c <= 19; c++) block += `<c r="${colName(c)}${k}" s="${bordered}"/>`;
        block += '</row>';
      }
      yield block;
    }
    yield sheet.slice(cut);
  };
  return zipFiles(entries);
}

type SheetSpec = { name: string; xml: () => Iterable<string>; hidden?: boolean };

/** A minimal, valid .xlsx package (Excel, WPS and exceljs open it) around the given parts. */
export async function xlsxPackage(o: { sheets: SheetSpec[]; sharedStrings?: ZipInput['data']; declare?: Partial<Record<string, number>> }): Promise<Buffer> {
  const sheetRels = o.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const n = o.sheets.length;
  const entries: ZipInput[] = [
    {
      name: '[Content_Types].xml',
      data: `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${o.sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${o.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${sheetRels}<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      data: `${XML_HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    },
    { name: 'xl/sharedStrings.xml', data: o.sharedStrings ?? `${XML_HEAD}<sst xmlns="${MAIN}" count="0" uniqueCount="0"></sst>` },
    ...o.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: () => s.xml() })),
  ];
  for (const e of entries) if (o.declare?.[e.name] !== undefined) e.declare = { size: o.declare[e.name]! };
  return zipFiles(entries);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const str = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(s)}</t></is></c>`;
const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;

export const HEADERS = ['预算单位代码', '单位名称', '培训班名称', '培训类别', '培训方式', '培训对象', '每期人数', '期数', '每期天数', '计划月份', '培训地点', '承办机构', '经费预算（元）', '是否联合办班', '联合办班单位', '联系人', '联系电话'];

/**
 * A plain sheet: a title, the headers in row 3, then `n` classes (inline strings, as many tools write).
 * With `badMonth`, the first class is planned for month 13 (one problem to report).
 */
export function plainRowsXml(n: number, o: { badMonth?: boolean } = {}): () => Iterable<string> {
  const title = '培训计划申报表';
  return function* () {
    yield `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1">${str('A1', title)}</row><row r="3">${HEADERS.map((h, i) => str(`${colName(i + 1)}3`, h)).join('')}</row>`;
    for (let r = 4; r < 4 + n; r += 500) {
      let block = '';
      for (let k = r; k < Math.min(r + 500, 4 + n); k++) {
        block += `<row r="${k}">${str(`A${k}`, UNIT.code)}${str(`B${k}`, UNIT.name)}${str(`C${k}`, `2027年度第${k - 3}期业务能力提升培训班`)}${str(`D${k}`, '市内')}${str(`E${k}`, '线下')}${str(`F${k}`, '业务科室工作人员')}${num(`G${k}`, 40)}${num(`H${k}`, 1)}${num(`I${k}`, 2)}${num(`J${k}`, o.badMonth && k === 4 ? 13 : 1 + (k % 12))}${str(`K${k}`, '柳州市城中区')}${num(`M${k}`, 20000 + k)}${str(`N${k}`, '否')}${str(`P${k}`, '李明')}${str(`Q${k}`, '0772-2825472')}</row>`;
      }
      yield block;
    }
    yield '</sheetData></worksheet>';
  };
}

export const plainRows = (n: number) => xlsxPackage({ sheets: [{ name: '申报表', xml: plainRowsXml(n) }] });

/**
 * Three classes (one with a problem) and, on a second sheet, 8,000 rows someone pasted for reference: read
 * fine (only the first sheet is read), but marking up the problem means loading the whole workbook, which
 * is more than the annotating worker's memory allows.
 */
export const bigSecondSheet = () =>
  xlsxPackage({ sheets: [{ name: '申报表', xml: plainRowsXml(3, { badMonth: true }) }, { name: '参考数据', xml: plainRowsXml(8_000) }] });

/** ~42 MB of sheet XML (the same row over and over) in a ~200 KB file: refused before inflating. */
export function zipBomb(o: { lie?: boolean } = {}) {
  // Long texts repeated in every row: only the cell references differ, so it compresses ~150×.
  const texts = HEADERS.map((h) => esc(h.repeat(Math.ceil(2000 / h.length))));
  const cellsOf = (r: number) => texts.map((t, i) => `<c r="${colName(i + 1)}${r}" t="inlineStr"><is><t>${t}</t></is></c>`).join('');
  const rowBytes = Buffer.byteLength(`<row r="1000">${cellsOf(1000)}</row>`);
  const repeat = Math.ceil((42 * 1024 * 1024) / rowBytes);
  return xlsxPackage({
    sheets: [
      {
        name: '申报表',
        xml: function* () {
          yield `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData>`;
          for (let i = 0; i < repeat; i += 100) {
            let block = '';
            for (let r = i + 1; r <= Math.min(i + 100, repeat); r++) block += `<row r="${r}">${cellsOf(r)}</row>`;
            yield block;
          }
          yield '</sheetData></worksheet>';
        },
      },
    ],
    // A directory that lies: it says the sheet is 400 KB (an ordinary ratio), so only the byte counter stops it.
    ...(o.lie ? { declare: { 'xl/worksheets/sheet1.xml': 400 * 1024 } } : {}),
  });
}

/** One shared string of `mb` MB (300 by default) in a ~300 KB file. */
export function hugeString(o: { mb?: number; lie?: boolean } = {}) {
  const mb = o.mb ?? 300;
  const MiB = 'A'.repeat(1024 * 1024);
  return xlsxPackage({
    sheets: [{ name: '申报表', xml: () => [`${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`] }],
    sharedStrings: function* () {
      yield `${XML_HEAD}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`;
      for (let i = 0; i < mb; i++) yield MiB;
      yield '</t></si></sst>';
    },
    ...(o.lie ? { declare: { 'xl/sharedStrings.xml': 2 * 1024 * 1024 } } : {}),
  });
}
