// What the execution use cases find out, handed to replies/ to be said: facts, never sentences.
import type { ClassView, StepForm } from '../../cards/class-card.ts';
import type { PackageView } from '../../cards/package-card.ts';
import type { CardJson } from '../../cards/render.ts';
import type { HistoryProblem, HistoryRow } from '../../domain/execution-history.ts';
import type { ExecFinding } from '../../domain/execution-checks.ts';
import type { Deviation, StepNo } from '../../domain/execution.ts';
import type { Person } from '../../domain/people.ts';
import type { ClassRecord } from '../../ports/execution.ts';
import type { PlanRecord } from '../../ports/plans.ts';

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

/** A file sent while an intent is open: kept (or already kept), refused and why, or passed on to other routes. */
export type AttachmentResult =
  | { status: 'passed' }
  | { status: 'too_big' | 'empty'; fileName: string }
  | { status: 'not_downloaded'; fileName: string; error: string }
  | { status: 'package_final' | 'package_duplicate'; label: string; fileName: string }
  | { status: 'package_saved'; label: string; title: string; fileName: string; count: number; submitted: boolean }
  | { status: 'statement_duplicate'; number: string; fileName: string }
  | { status: 'statement_saved'; number: string; title: string; fileName: string; count: number };

/** 附件 2027-001: no such plan (for this person), no files, or how many were sent. */
export type PlanFiles = { status: 'not_found' | 'none'; number: string } | { status: 'sent'; number: string; files: number; statements: number };

/** Why a person may not record the execution of a plan. */
export type PlanRefusal = { ok: false; reason: 'unlinked' | 'not_found' } | { ok: false; reason: 'not_approved'; number: string };

/** The form to record the next class of a plan: the classes already recorded, what was typed and what is wrong. */
export type NewClassFacts = {
  plan: PlanRecord;
  seq: number;
  existing: ClassRecord[];
  values: { start?: string | undefined; end?: string | undefined };
  errors: { start?: string; end?: string };
};

/** What a step saved brings up: the rules' warnings, a settlement over the budget, a first report after its due day. */
export type StepNotice = {
  kind: 'step_saved';
  step: StepNo;
  warnings: ExecFinding[];
  overBudget?: { total: number; budget: number } | undefined;
  late?: { window: 'before' | 'after'; due: string } | undefined;
};

/** The note at the top of a class card after an action. */
export type ClassNotice =
  | { kind: 'recorded'; warnings: string[] }
  | { kind: 'warnings'; warnings: string[] }
  | { kind: 'cancelled' }
  | { kind: 'package_sent'; flags: Deviation[]; attachments: number }
  | StepNotice;

/** A class card to show: the class as of now, with one of its forms, the cancel confirmation or a notice. */
export type ClassCardFacts = {
  view: ClassView;
  form?: StepForm | undefined;
  datesForm?: { values: { start?: string | undefined; end?: string | undefined }; errors: { start?: string; end?: string } } | undefined;
  confirmCancel?: boolean;
  notice?: ClassNotice | undefined;
};

/** The toast of a class action. */
export type ClassToast =
  | { kind: 'plan_full'; number: string; sessions: number; hint: boolean }
  | { kind: 'invalid'; error: string }
  | { kind: 'recorded'; number: string; seq: number }
  | { kind: 'blocked'; text: string }
  | { kind: 'fill' | 'step_saved'; step: StepNo }
  | { kind: 'step_invalid'; count: number }
  | { kind: 'step_changed_meanwhile'; form: boolean }
  | { kind: PlainClassToast };

/** Toasts with nothing to fill in. */
export type PlainClassToast = 'not_recorded' | 'dates_unchanged' | 'class_changed_meanwhile' | 'stale_card' | 'dates_changed' | 'has_steps' | 'class_cancelled' | 'cancelled' | 'package_final_ask' | 'package_final' | 'package_submitted';

/** A class action's answer: the toast, and the card to show in place (a class card, or the new-class form). */
export type ClassAnswer = { toast: ClassToast; card?: ClassCardFacts; newClass?: NewClassFacts };

/** An event of a package's processing record, as its card lists it. */
export type PackageEvent = { at: Date; who: string; action: 'package_submit' | 'package_return' | 'package_approve'; comment: string | null };

/** Everything a reviewer's package card shows, its processing record as events. */
export type PackageFacts = Omit<PackageView, 'history'> & { history: PackageEvent[] };

/** Who decided a package and when (submitted: the unit sent a new version). */
export type PackageOutcome = { status: 'done' | 'returned' | 'submitted'; by: string; at: Date };

/** What is wrong with a return comment. */
export type ReturnError = 'empty' | 'too_long';

export type PackageCardFacts = { view: PackageFacts; outcome?: PackageOutcome | undefined; returnForm?: { errors: ReturnError[] } | undefined };

export type PackageToast =
  | { kind: 'not_found' | 'resubmitted' | 'approved' | 'returned' | 'back' | 'no_files' }
  | { kind: 'decided_before'; status: 'done' | 'returned'; by: string; at: Date }
  | { kind: 'return_form'; error: ReturnError | undefined }
  | { kind: 'files_sent'; count: number };

/** A package action's answer: the toast and the card in place (as facts, or already drawn after a decision). */
export type PackageAnswer = { toast: PackageToast; card?: PackageCardFacts; rendered?: CardJson };

/** 上传情况说明: the plan whose statement the next files are (its classes recorded, the hours it waits), or why not. */
export type ExpectStatement = { ok: true; plan: PlanRecord; classes: number; hours: number } | PlanRefusal;
