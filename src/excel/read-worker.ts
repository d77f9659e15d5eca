// Worker thread entry: reads an uploaded file once, as both tables it may be (declaration, 补录), within
// the reader's limits. Runs with its own heap limit and deadline (worker-pool.ts); never loads exceljs.
import { parentPort, workerData } from 'node:worker_threads';
import { readGrid, tableOf } from './table-reader.ts';
import type { Grid } from './xlsx-grid.ts';
import { DECLARATION_TABLE, HISTORY_TABLE } from './tables.ts';

export type ReadJob = { data: Uint8Array; fileName: string };
export type ReadAnswer = {
  declaration: ReturnType<typeof tableOf>;
  history: ReturnType<typeof tableOf>;
  /** Of the sheet read; null when the file itself was refused. */
  stats: Grid['stats'] | null;
};

const job = workerData as ReadJob;
const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
const grid = await readGrid(data, job.fileName, DECLARATION_TABLE.opts.accept);
const answer: ReadAnswer =
  'error' in grid
    ? { declaration: { ok: false, error: grid.error }, history: { ok: false, error: grid.error }, stats: null }
    : { declaration: tableOf(grid, DECLARATION_TABLE.columns, DECLARATION_TABLE.opts), history: tableOf(grid, HISTORY_TABLE.columns, HISTORY_TABLE.opts), stats: grid.stats };
parentPort!.postMessage(answer);
