// The Spreadsheets the bot uses: uploads are read, and annotated copies made, in worker threads of a
// small pool (worker-pool.ts), so no file can take the bot's memory or time. A file is read once, as both
// tables it may be; the answer is kept for the next look at the same bytes (the features ask several times).
// Writing templates and exports stays in this process: their size is the bot's own data.
import crypto from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { CellProblem } from './annotate.ts';
import type { AnnotateJob } from './annotate-worker.ts';
import { LIMIT_TEXT } from './limits.ts';
import type { ReadAnswer, ReadJob } from './read-worker.ts';
import { createSpreadsheets } from './spreadsheets.ts';
import type { WorkerOutcome, WorkerPool } from './worker-pool.ts';
import type { ReadOptions, SheetRead, Spreadsheets } from '../ports/sheets.ts';

/**
 * Past this many cells in the sheet, or this much XML in the whole file (about 5× an honest declaration),
 * exceljs's full load is not even tried; below, the worker's memory limit still stops what it cannot hold.
 */
export const ANNOTATE_LIMITS = { cells: 200_000, xmlBytes: 16 * 1024 * 1024 };
const KEEP = 8;

// Built (scripts/build.mjs) the entries sit next to dist/main.mjs; from sources, next to this file.
const workerEntry = (name: 'read-worker' | 'annotate-worker') => new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.mjs'}`, import.meta.url);

export function createIsolatedSpreadsheets(pool: WorkerPool, o: { logger: Logger; timeoutMs: number }): Spreadsheets {
  const base = createSpreadsheets();
  const reads = new Map<string, Promise<ReadAnswer>>();

  const failureText = (outcome: Extract<WorkerOutcome<unknown>, { ok: false }>) =>
    outcome.failure === 'memory' ? LIMIT_TEXT.workerMemory : outcome.failure === 'timeout' ? LIMIT_TEXT.workerTimeout(Math.round(o.timeoutMs / 1000)) : LIMIT_TEXT.workerCrashed;

  function read(data: Buffer, fileName: string, opts?: ReadOptions): Promise<ReadAnswer> {
    const ext = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
    const key = `${ext === '.xlsm' ? '.xlsx' : ext}:${crypto.createHash('sha256').update(data).digest('hex')}`;
    const known = reads.get(key);
    if (known) {
      reads.delete(key);
      reads.set(key, known);
      return known;
    }
    const job: ReadJob = { data, fileName };
    const answer = pool.run<ReadAnswer>(workerEntry('read-worker'), job, opts).then((outcome) => {
      if (outcome.ok) return outcome.value;
      o.logger.warn({ failure: outcome.failure, detail: outcome.detail, bytes: data.length }, 'spreadsheet reader worker failed');
      const error: SheetRead = { ok: false, error: failureText(outcome) };
      return { declaration: error, history: error, units: error, bases: error, stats: null };
    });
    reads.set(key, answer);
    answer.catch(() => reads.delete(key)); // the pool closed: nothing learnt about the file
    while (reads.size > KEEP) reads.delete(reads.keys().next().value!);
    return answer;
  }

  async function annotate(original: Buffer, sheetName: string, problems: CellProblem[], opts?: ReadOptions): Promise<Buffer> {
    const stats = (await read(original, '.xlsx', opts)).stats;
    if (stats && stats.cells <= ANNOTATE_LIMITS.cells && stats.xmlBytes <= ANNOTATE_LIMITS.xmlBytes) {
      const marked = await pool.run<Uint8Array>(workerEntry('annotate-worker'), { op: 'annotate', data: original, sheetName, problems } satisfies AnnotateJob, opts);
      if (marked.ok) return Buffer.from(marked.value);
      o.logger.warn({ failure: marked.failure, detail: marked.detail, cells: stats.cells }, 'annotated copy could not be made; sending the list');
    }
    const list = await pool.run<Uint8Array>(workerEntry('annotate-worker'), { op: 'list', data: new Uint8Array(0), sheetName, problems } satisfies AnnotateJob);
    if (list.ok) return Buffer.from(list.value);
    throw new Error(`problem list failed: ${list.failure} ${list.detail}`);
  }

  return {
    ...base,
    readDeclaration: async (data, fileName, opts) => (await read(data, fileName, opts)).declaration,
    readHistory: async (data, fileName, opts) => (await read(data, fileName, opts)).history,
    readUnits: async (data, fileName, opts) => (await read(data, fileName, opts)).units,
    readBases: async (data, fileName, opts) => (await read(data, fileName, opts)).bases,
    annotate,
  };
}
