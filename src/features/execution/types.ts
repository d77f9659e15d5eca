// What the execution use cases find out, handed to replies/ to be said: facts, never sentences.
import type { HistoryProblem, HistoryRow } from '../../domain/execution-history.ts';
import type { Person } from '../../domain/people.ts';

/** A person linked to a unit. */
export type Linked = Person & { unitCode: string };

/** A 补录 sheet read and checked: its problems, or its rows grouped by plan. */
export type HistoryCheck = { rows: number; problems: HistoryProblem[]; groups: HistoryRow[][] };

/** A row left as it was: its class is on record with other dates, or was recorded a moment ago. */
export type HistoryConflict = { row: number; label: string } & ({ kind: 'dates'; start: string; end: string } | { kind: 'taken' });

export type HistoryResult = { plansCreated: number; plansMatched: number; classesCreated: number; classesKept: number; stepsAdded: number; stepsKept: number; conflicts: HistoryConflict[] };

export type UploadCheck =
  /** Each problem with its column's header (null: the whole row), and the file with the problems annotated. */
  | { status: 'problems'; fileName: string; rows: number; problems: { row: number; header: string | null; message: string }[]; annotated: Buffer }
  | { status: 'imported_before'; importedAt: Date }
  | { status: 'ok'; fileName: string; check: HistoryCheck; uploadId: number };

export type ConfirmHistory =
  | { status: 'refused'; reason: 'unlinked' | 'not_found' | 'cancelled' | 'done' }
  | { status: 'imported_before'; importedAt: Date }
  | { status: 'changed'; row: number; message: string }
  | { status: 'imported'; result: HistoryResult };
