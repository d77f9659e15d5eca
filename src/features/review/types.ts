// What the review use cases find out, handed to replies/ to be said: facts, never sentences.
import type { ReviewStage } from '../../cards/review-card.ts';
import type { Page } from '../../cards/paging.ts';
import type { PlanAction, PlanStatus } from '../../domain/plan-status.ts';
import type { ReturnedField, ReturnRequest } from '../../domain/review.ts';
import type { Finding } from '../../domain/rules.ts';
import type { SimilarPlan } from '../../domain/similar-plans.ts';
import type { PlanFieldKey } from '../../domain/plan.ts';
import type { Card } from '../../ports/messenger.ts';
import type { PlanEventRecord, PlanRecord } from '../../ports/plans.ts';

export type { ReviewStage };

/** Who decided a plan, when and how (with a return's comment and fields, or a 复审 rejection's comment). */
export type Decision = { action: string; by: string; at: Date; comment?: string | null | undefined; fields?: readonly ReturnedField[] | undefined };

/** The unit's out-of-city quota as a review card shows it [seed 二(二)三]. */
export type QuotaFacts = { staff: number; rule: string; recent: { year: number; count: number }[] };

/** Everything a reviewer's card of one plan shows. */
export type ReviewCardFacts = {
  plan: PlanRecord;
  unitName: string;
  stage: ReviewStage;
  findings: Finding[];
  /** Since the last return: what changed and what the reviewer had asked. */
  resubmission?: { changes: Partial<Record<PlanFieldKey, [unknown, unknown]>>; previous: ReturnRequest } | undefined;
  /** The unit's other declared plans of the year. */
  others: PlanRecord[];
  quota: QuotaFacts | null;
  similar: SimilarPlan[];
  /** Reviewers linked to the unit, by name: they may not decide its plans. */
  conflicted: string[];
  /** Once decided. */
  decision?: Decision | undefined;
  /** The return form instead of the buttons, with the problems of a first attempt. */
  returnForm?: { errors: string[] } | undefined;
};

/** 查看详情: a plan's processing record. */
export type TimelineFacts = { plan: PlanRecord; unitName: string; events: PlanEventRecord[]; nameOf: (actor: string) => string };

export type DecideResult =
  | { status: 'not_found' }
  | { status: 'refused'; reason: 'own_unit'; unitName: string }
  /** Someone decided first, or the card showed an older version: the card as it is now. */
  | { status: 'stale'; last: Decision | null; expired: boolean; message: string; card: Card }
  | { status: 'done'; action: PlanAction; card: Card };

export type ReviewClickResult =
  | DecideResult
  /** The return form in the card; `errors` of a first attempt (empty when just opened). */
  | { status: 'form'; errors: string[]; card: Card }
  | { status: 'back'; card: Card }
  | { status: 'detail'; timeline: TimelineFacts };

/** A duration in working days, marked when counted over a year with no holiday schedule. */
export type Waited = { days: number; tentative: boolean };

export type ProgressLine = {
  number: string;
  title: string | undefined;
  status: PlanStatus;
  since: Date;
  waited: Waited;
  deadline: { kind: 'declare' | 'revise'; at: Date } | null;
};

/** 进度 of a declarant's unit. */
export type ProgressView = {
  unitName: string;
  page: Page<ProgressLine>;
  next: { what: string; closesAt: Date } | null;
  tentativeYears: number[];
  at: Date;
};

export type QueueLine = { number: string; unitName: string; title: string | undefined; submittedAt: Date; waited: Waited };

/** The reviewers' queue; for 待审, how many review cards the page sent. */
/** `pending`: the page of 待审, whose cards were sent; `sent`: of its plans, those with a card sent now (not before). */
export type QueueView = { page: Page<QueueLine>; secondWaiting: number; tentativeYears: number[]; pending: boolean; sent: number; at: Date };

/** Plans grouped by their competent unit, the units by code. */
export type UnitGroup = { code: string; name: string; plans: PlanRecord[] };

/** Why 复审 (or 报批) waits: it follows the close of the revision window [seed 二(一)2]. */
export type NotYet = { year: number; what: 'second' | 'approval'; reviseClosesAt: Date; waiting: number };

/** The 复审 list. */
export type SecondReviewView = { year: number; total: PlanRecord[]; units: Page<UnitGroup>; green: number; attention: number; allCards: boolean; at: Date };

export type SecondReviewResult =
  | { status: 'not_yet'; notYet: NotYet }
  | { status: 'empty'; year: number }
  /** The list, and the plans to send a card each once the list is shown (those needing attention, or all). */
  | { status: 'done'; view: SecondReviewView; cards: PlanRecord[] };

export type BatchResult = { status: 'not_yet'; notYet: NotYet } | { status: 'done'; approved: number; own: number; by: string };

/** The 报批 summary. */
export type ApprovalView = { year: number; all: PlanRecord[]; rows: Page<{ unit: UnitGroup; plan: PlanRecord; first: boolean }>; sent?: number | undefined; at: Date };

/** A unit's published results. */
export type PublishedView = {
  year: number;
  unitName: string;
  approved: PlanRecord[];
  rejected: number;
  page: Page<{ plan: PlanRecord; approved: boolean; reason: string | null }>;
  at: Date;
};

export type SendForApprovalResult = { status: 'not_yet'; notYet: NotYet } | { status: 'none'; year: number } | { status: 'done'; view: ApprovalView };

export type PublishResult = { status: 'waiting'; waiting: number } | { status: 'done'; units: number; unreachable: { code: string; name: string }[] };

/** One municipal result to record. */
export type ApprovalResult = { number: string; approved: boolean; comment: string | null };

/** Why a result could not be recorded. */
export type ApprovalProblem = { number: string; reason: 'not_found' } | { number: string; reason: 'not_waiting' } | { number: string; reason: 'failed'; message: string };

/** What a run of the close job did. */
export type CloseResult = { closed: number[]; expired: number };
