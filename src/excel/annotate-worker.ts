// Worker thread entry for the copy of a file with problems marked (exceljs loads the whole workbook for it,
// so it runs with its own heap limit), or, when that cannot be made, a short list of the problems instead.
import { parentPort, workerData } from 'node:worker_threads';
import { annotate, problemList, type CellProblem } from './annotate.ts';

export type AnnotateJob = { op: 'annotate' | 'list'; data: Uint8Array; sheetName: string; problems: CellProblem[] };

const job = workerData as AnnotateJob;
const out = job.op === 'annotate' ? await annotate(Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength), job.sheetName, job.problems) : await problemList(job.problems);
parentPort!.postMessage(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
