// Worker thread entry: reads an uploaded file once, as both tables it may be (declaration, 补录), within
// the reader's limits. Runs with its own heap limit and deadline (worker-pool.ts); never loads exceljs.
import { parentPort, workerData } from 'node:worker_threads';
import { readGrid, tableOf } from './table-reader.ts';
import type { Grid } from './xlsx-grid.ts';
import { BASES_TABLE, DECLARATION_TABLE, HISTORY_TABLE, UNITS_TABLE } from './tables.ts';

export type ReadJob = { data: Uint8Array; fileName: string };
export type ReadAnswer = {
  declaration: ReturnType<typeof tableOf>;
  history: ReturnType<typeof tableOf>;
  /** As the unit registry or the training-base list (an admin's upload; .csv taken too). */
  units: ReturnType<typeof tableOf>;
  bases: ReturnType<typeof tableOf>;
  /** Of the sheet read; null when the file itself was refused. */
  stats: Grid['stats'] | null;
};

const job = workerData as ReadJob;
const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
// Read once, taking .csv too (the registry may come as one); the two declarant tables stay .xlsx only.
const grid = await readGrid(data, job.fileName, ['xlsx', 'csv']);
const strict = 'error' in grid || /\.csv$/i.test(job.fileName) ? await readGrid(data, job.fileName, DECLARATION_TABLE.opts.accept) : grid;
const refused = (error: string) => ({ ok: false as const, error });
const answer: ReadAnswer =
  'error' in grid
    ? { declaration: refused(grid.error), history: refused(grid.error), units: refused(grid.error), bases: refused(grid.error), stats: null }
    : {
        declaration: 'error' in strict ? refused(strict.error) : tableOf(grid, DECLARATION_TABLE.columns, DECLARATION_TABLE.opts),
        history: 'error' in strict ? refused(strict.error) : tableOf(grid, HISTORY_TABLE.columns, HISTORY_TABLE.opts),
        units: tableOf(grid, UNITS_TABLE.columns, UNITS_TABLE.opts),
        bases: tableOf(grid, BASES_TABLE.columns, BASES_TABLE.opts),
        stats: grid.stats,
      };
parentPort!.postMessage(answer);
