// Where a class stands on a given day: for each of the six steps its due day, whether it is done, owed,
// overdue or late, and whether it may be reported yet [seed 一, 二(一)4-5; DOMAIN.md "Execution"].
import { beijingYmd, endOfBeijingDay, formatDate, formatMonthDay, ymdParts, type Ymd } from './dates.ts';
import { STEP_NOS, STEPS, type StepData, type StepNo } from './execution-steps.ts';
import { executionDueDates, type WorkCalendar } from './working-days.ts';

/** A class's first and last day. */
export type ClassDates = { start: Ymd; end: Ymd };

export type StepRecord = {
  step: StepNo;
  /** done; for step 1 also submitted (waiting for a reviewer) or returned. */
  status: 'done' | 'submitted' | 'returned';
  data: StepData;
  /** When the unit first entered the data (the package: first submitted): what timeliness is judged on. */
  reportedAt: Date;
  /** The package's last decision (a return): a return after the due day leaves the unit no time to resubmit. */
  reviewedAt?: Date | null | undefined;
  /** backfill: entered afterwards from records, timeliness not judged. */
  source: string;
};

export type StepState = {
  step: StepNo;
  /** Last day allowed (inclusive). */
  due: Ymd;
  /** The due day rests on a year with no holiday schedule: shown, and judged, as 暂定. */
  tentative: boolean;
  done: boolean;
  /** Step 1 waiting for a reviewer, or returned to the unit. */
  pending: 'submitted' | 'returned' | null;
  /** The unit still has to act: not done, and not a package waiting for its review. */
  owed: boolean;
  /**
   * Past its due day and the unit's part not done by then. A package submitted in time is not overdue while
   * it waits for the review, nor when a return came after the due day: the reviewer's time is not the unit's.
   */
  overdue: boolean;
  /** Done, the unit's part after its due day (the package: its first submission, whenever the review came); null: backfilled, not judged. */
  late: boolean | null;
  /** Owed and due within the reminder window (7 working days before start, or since the class ended). */
  dueSoon: boolean;
  /** Whether it may be reported now, or why not. */
  blockedBy: string | null;
};

/**
 * Where each step of a class stands at `now`. ② and ③ may be reported once the package has been submitted:
 * all three are due by the same day [一, 二(一)4], so waiting for the review would make the unit late for the
 * reviewer's time. ④–⑥ may be reported once the class has started, approved package or not: they are facts,
 * and ⑤⑥ missing would cost the unit its budget [二(一)5].
 */
export function classTimeline(
  cls: ClassDates,
  steps: ReadonlyMap<StepNo, StepRecord> | Partial<Record<StepNo, StepRecord>>,
  cal: WorkCalendar,
  now: Date,
): StepState[] {
  const get = (n: StepNo) => (steps instanceof Map ? steps.get(n) : (steps as Partial<Record<StepNo, StepRecord>>)[n]);
  const today = beijingYmd(now);
  const dues = executionDueDates(cal, cls.start, cls.end);
  const soonFrom = cal.addWorkingDays(cls.start, -7);
  const pkg = get(1);
  return STEP_NOS.map((n) => {
    const r = get(n);
    const before = STEPS[n].window === 'before';
    const due = before ? dues.beforeStart : dues.afterEnd;
    const endOfDue = endOfBeijingDay(due);
    const done = r?.status === 'done';
    const inTime = !!r && r.reportedAt < endOfDue;
    const owed = !done && r?.status !== 'submitted';
    // A package returned before its due day could have been resubmitted in time; one returned later could not.
    const excused = n === 1 && inTime && (r!.status === 'submitted' || (r!.status === 'returned' && !!r!.reviewedAt && r!.reviewedAt >= endOfDue));
    let blockedBy: string | null = null;
    if (n === 1 && r?.status === 'submitted') blockedBy = '培训包正在审核';
    else if ((n === 2 || n === 3) && !pkg) blockedBy = '请先报送①培训包';
    else if (n === 3 && get(2)?.status !== 'done') blockedBy = '请先登记发布培训项目';
    else if (n >= 4 && today < cls.start) blockedBy = `开班（${formatDate(cls.start)}）后才能填报`;
    return {
      step: n,
      due,
      tentative: before ? dues.tentative.beforeStart : dues.tentative.afterEnd,
      done,
      pending: r && r.status !== 'done' ? r.status : null,
      owed,
      overdue: !done && today > due && !excused,
      late: done ? (r!.source === 'backfill' ? null : !inTime) : null,
      dueSoon: owed && today <= due && (before ? today >= soonFrom : today >= cls.end),
      blockedBy,
    };
  });
}

/** The years among these days' that have no holiday schedule. */
export const unknownYearsOf = (cal: WorkCalendar, days: readonly Ymd[]) => cal.unknownYears(days.map((d) => ymdParts(d).y));

/** The years a class's due dates rest on that have no holiday schedule (empty when none is tentative). */
export function tentativeYears(steps: readonly StepState[], cls: ClassDates, cal: WorkCalendar): number[] {
  return steps.some((s) => s.tentative) ? unknownYearsOf(cal, [...steps.map((s) => s.due), cls.start, cls.end]) : [];
}

/** A due day as people read it: 9月29日, with（暂定）when it rests on a year with no schedule. */
export const dueText = (s: Pick<StepState, 'due' | 'tentative'>) => `${formatMonthDay(s.due)}${s.tentative ? '（暂定）' : ''}`;
