// The spreadsheet adapter (excel/) as the features see it: reading uploads (in worker threads, within
// limits), marking problems on a copy, and writing templates and exports.
import type { HistoryKey } from '../domain/execution-history.ts';
import type { TrainingBase } from '../domain/training-bases.ts';

export type SheetRead =
  | {
      ok: true;
      sheetName: string;
      rows: { row: number; values: Partial<Record<string, string>> }[];
      /** 1-based column of each header found. */
      columns: Partial<Record<string, number>>;
    }
  | { ok: false; error: string };

/** A file may wait for a free reader: the person is told how many files are ahead of theirs. */
export type ReadOptions = { onQueued?: (ahead: number) => void };

/** One class in the declaration summary for municipal approval. */
export type ExportRow = {
  number: string;
  unitCode: string;
  unitName: string;
  budgetCode: string;
  className: string;
  status: string;
  title: string;
  scope: string;
  mode: string;
  audience: string;
  headcount: number;
  sessions: number;
  days: number;
  month: number;
  location: string;
  institution: string;
  budget: number;
  jointUnits: string;
  contactName: string;
  contactPhone: string;
  justification: string;
};

/** One line of a plan's processing record, as written to the export's 处理记录 sheet. */
export type ExportRecordRow = {
  number: string;
  /** Beijing time as people read it: 2027年8月3日 10:02 */
  at: string;
  actor: string;
  action: string;
  field: string;
  from: string;
  to: string;
  comment: string;
  channel: string;
};

/** A unit's line in the completion report. */
export type CompletionUnit = {
  unitCode: string;
  unitName: string;
  plans: number;
  sessions: number;
  classes: number;
  completeClasses: number;
  plansWithGaps: number;
  statements: number;
  deviations: number;
  budgetFlag: boolean;
  lateSteps: number;
};

export type SheetList = { title: string; use: string; rule: string; rows: { unitCode: string; unitName: string; items: string; tentative: string }[] };

/** The year's completion report as sheets: per class, per unit, and the notice's three lists. */
export type CompletionSheet = {
  title: string;
  asOf: string;
  /** Said once on every sheet when some date is 暂定. */
  tentativeNote: string;
  classes: {
    unitCode: string;
    unitName: string;
    planNumber: string;
    title: string;
    scope: string;
    budget: string;
    seq: string;
    dates: string;
    steps: string[];
    status: string;
    missing: string;
    deviations: string;
    statement: string;
  }[];
  units: (CompletionUnit & { status: string })[];
  budget: SheetList;
  late: SheetList;
  backfill: SheetList;
};

export type Problem = { row: number; column: number | null; message: string };

/** Everything the adapter does; each feature asks for the part it uses (below). */
export interface Spreadsheets {
  readDeclaration(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  annotate(original: Buffer, sheetName: string, problems: Problem[], opts?: ReadOptions): Promise<Buffer>;
  template(p: { year: number; unit?: { code: string; name: string }; bases: readonly TrainingBase[] }): Promise<Buffer>;
  headerOf(key: string): string;
  isExampleRow(values: Partial<Record<string, string>>): boolean;
  /** Why a file name cannot be a declaration upload (.xls, .et, .csv, .docx …), or null. */
  rejectFormat(fileName: string): string | null;
  /** The summary sheet, and with `records` a 处理记录 sheet (one row per change or decision) for audits. */
  exportPlans(title: string, plans: ExportRow[], records?: ExportRecordRow[]): Promise<Buffer>;
  /** The 补录 sheet (past classes and their six steps). */
  readHistory(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  historyTemplate(p: { unitName?: string | undefined; rows: Partial<Record<HistoryKey, string | number>>[]; fromYear: number }): Promise<Buffer>;
  historyHeaderOf(key: string): string;
  exportCompletion(c: CompletionSheet): Promise<Buffer>;
  /** The unit registry and the training-base list, as an admin may send them (.xlsx or .csv). */
  readUnits(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  readBases(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
}

export type DeclarationSheets = Pick<Spreadsheets, 'readDeclaration' | 'annotate' | 'template' | 'headerOf' | 'isExampleRow' | 'rejectFormat' | 'exportPlans'>;
export type ExecutionSheets = Pick<Spreadsheets, 'readHistory' | 'annotate' | 'historyTemplate' | 'historyHeaderOf' | 'exportCompletion'>;
export type ReferenceSheets = Pick<Spreadsheets, 'readUnits' | 'readBases'>;
