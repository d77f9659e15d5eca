// Execution of approved plans [seed 一, 二(一)4-5; DOMAIN.md "Execution: six steps per approved class"]. Each
// approved plan runs as one or more classes (期); each class has six steps, three due at least 5 working days
// before it starts and three within 5 working days after it ends. This module is pure: what each step
// records and how its input is read, where a class stands on a given day, which packages depart from the
// approved plan, and how a unit's year adds up for the report and the budget-reduction list.
import { beijingInstant, beijingYmd, daysBetween, endOfBeijingDay, formatDate, formatMonthDay, parseDateText, ymdParts, type Ymd } from './dates.ts';
import { execFinding, packageProblems, type Deviation, type ExecFinding } from './execution-checks.ts';
import { findingLine } from './findings.ts';
import { normalizeText, parseWholeNumber, parseYuan } from './parse.ts';
import { MODES, SCOPES, type PlanDraft } from './plan.ts';
import { deadlineSlots, nextAllowed, type ReminderSchedule, type Slot } from './reminders.ts';
import { executionDueDates, type WorkCalendar } from './working-days.ts';

export { attendanceDeviations, packageDeviations, type Deviation, type ExecFinding } from './execution-checks.ts';

export const STEP_NOS = [1, 2, 3, 4, 5, 6] as const;
export type StepNo = (typeof STEP_NOS)[number];

/** The six steps [DOMAIN.md]: 1–3 before the class starts, 4–6 after it ends. */
export const STEPS: Record<StepNo, { name: string; short: string; window: 'before' | 'after' }> = {
  1: { name: '培训包审核', short: '培训包', window: 'before' },
  2: { name: '发布培训项目', short: '发布', window: 'before' },
  3: { name: '培训报名审核', short: '报名', window: 'before' },
  4: { name: '学员签到', short: '签到', window: 'after' },
  5: { name: '教培管理', short: '教培', window: 'after' },
  6: { name: '结算金额', short: '结算', window: 'after' },
};

export const CIRCLED = ['', '①', '②', '③', '④', '⑤', '⑥'] as const;

/** The execution entries of a plan's audit trail, in people's words (查看详情). */
export const EXEC_ACTIONS: Record<string, string> = {
  class_add: '登记开班',
  class_edit: '修改开班日期',
  class_cancel: '取消一期',
  step_report: '填报执行情况',
  package_submit: '报送培训包',
  package_approve: '培训包审核通过',
  package_return: '培训包退回修改',
  attachment: '上传附件',
  statement: '上传情况说明',
  backfill: '补录执行数据',
};

/** How a class of a plan is called: 2027-001 第1期. */
export const classLabel = (planNumber: string, seq: number) => `${planNumber} 第${seq}期`;

// ---------------------------------------------------------------------------------------------------------
// What each step records. Every field is read from what a person typed (card form, chat, spreadsheet cell)
// with the same tolerant readers as the declaration form, and a bad value says what is expected.

export type StepField = {
  key: string;
  label: string;
  kind: 'text' | 'multiline' | 'select' | 'date' | 'whole' | 'decimal' | 'yuan';
  required: boolean;
  example: string;
  choices?: readonly string[];
  max?: number;
};

export const STEP_FIELDS: Record<StepNo, StepField[]> = {
  1: [
    { key: 'mode', label: '培训方式', kind: 'select', required: true, example: '线下', choices: MODES },
    { key: 'scope', label: '培训类别', kind: 'select', required: true, example: '市内', choices: SCOPES },
    { key: 'institution', label: '承办机构', kind: 'text', required: false, example: '中共柳州市委党校（柳州市行政学院）', max: 100 },
    // Not needed online; a 市内 venue names its district (checked with the class's facts, execution-checks.ts).
    { key: 'location', label: '培训地点', kind: 'text', required: false, example: '柳州市城中区', max: 100 },
    { key: 'headcount', label: '参训人数', kind: 'whole', required: true, example: '45', max: 1000 },
    { key: 'content', label: '培训内容和课程安排', kind: 'multiline', required: true, example: '政策解读、业务实操、案例研讨，共 3 天 18 学时', max: 1000 },
    // Required for a 市外 class on any day of May–June or November–December [二(二)三]; the reviewer reads it.
    { key: 'justification', label: '情况说明（市外培训在5-6月、11-12月时必填）', kind: 'multiline', required: false, example: '承担全国性会议保障任务，只能在5月外出学习', max: 500 },
  ],
  2: [
    { key: 'publishedOn', label: '发布日期', kind: 'date', required: true, example: '2027-03-01' },
    { key: 'channel', label: '发布渠道', kind: 'text', required: false, example: '柳州市干部网络学院', max: 100 },
  ],
  3: [
    { key: 'registered', label: '报名人数', kind: 'whole', required: true, example: '52', max: 10000 },
    { key: 'accepted', label: '审核通过人数', kind: 'whole', required: true, example: '45', max: 10000 },
  ],
  4: [{ key: 'attended', label: '签到人数', kind: 'whole', required: true, example: '44', max: 10000 }],
  5: [
    { key: 'teachers', label: '授课教师', kind: 'text', required: true, example: '王芳（市委党校）、刘强（市人社局）', max: 500 },
    { key: 'courses', label: '课程', kind: 'multiline', required: true, example: '政策解读；业务实操；案例研讨', max: 1000 },
    { key: 'hours', label: '学时', kind: 'decimal', required: true, example: '18', max: 720 },
  ],
  6: [{ key: 'amount', label: '结算金额（元）', kind: 'yuan', required: true, example: '35800.50' }],
};

export type StepData = Record<string, string | number | null>;

type ReadResult = { ok: true; value: string | number | null } | { ok: false; error: string };

function readField(f: StepField, raw: unknown, today: Ymd): ReadResult {
  const text = raw === null || raw === undefined ? '' : normalizeText(String(raw));
  if (!text) return f.required ? { ok: false, error: `请填写${f.label}，例如：${f.example}` } : { ok: true, value: null };
  switch (f.kind) {
    case 'text':
    case 'multiline':
      return text.length > (f.max ?? 200) ? { ok: false, error: `${f.label}最多 ${f.max} 个字，现在有 ${text.length} 个` } : { ok: true, value: text };
    case 'select':
      return f.choices!.includes(text) ? { ok: true, value: text } : { ok: false, error: `${f.label}只能是${f.choices!.join('、')}` };
    case 'date': {
      // A card's date picker sends "2027-03-01 +0800"; people write 2027/3/1 or 2027年3月1日.
      const day = parseDateText(text.replace(/\s*[+-]\d{4}$/, ''));
      if (!day) return { ok: false, error: `${f.label}不是有效日期，例如：${f.example}` };
      if (day > today) return { ok: false, error: `${f.label}不能晚于今天` };
      return { ok: true, value: day };
    }
    case 'whole': {
      const n = parseWholeNumber(text, ['人', '名', '个']);
      if (n === null || n < 0) return { ok: false, error: `${f.label}应为整数，例如：${f.example}` };
      return n > (f.max ?? 10000) ? { ok: false, error: `${f.label}不能超过 ${f.max}` } : { ok: true, value: n };
    }
    case 'decimal': {
      const t = text.replace(/学时$|课时$|小时$/, '');
      const n = /^\d+(\.\d)?$/.test(t) ? Number(t) : parseWholeNumber(t);
      if (n === null || !(n > 0)) return { ok: false, error: `${f.label}应为大于 0 的数，最多一位小数，例如：${f.example}` };
      return n > (f.max ?? 1e6) ? { ok: false, error: `${f.label}不能超过 ${f.max}` } : { ok: true, value: n };
    }
    case 'yuan': {
      const n = parseYuan(text);
      return n === null ? { ok: false, error: `${f.label}应为不小于 0 的金额，最多两位小数，例如：${f.example}` } : { ok: true, value: n };
    }
  }
}

/**
 * A step as read: its data and the checks it gave rise to (soft, or facts to flag: they do not stop the
 * report); or the fields to correct, each as the text shown under it, and the checks among them.
 */
export type StepInput = { ok: true; data: StepData; warnings: ExecFinding[] } | { ok: false; errors: Record<string, string>; findings: ExecFinding[] };

/**
 * Reads a step's fields. `context` gives what the values are compared with: the plan and the class, and for
 * steps 3–4 what earlier steps recorded. Unreadable or impossible values are errors (a rule's with its fix
 * and the notice's words); unusual ones come back as warnings.
 */
export function readStep(
  step: StepNo,
  raw: Record<string, unknown>,
  context: { today: Ymd; plan: PlanDraft; start: Ymd; end: Ymd; earlier: Partial<Record<StepNo, StepData>> },
): StepInput {
  const errors: Record<string, string> = {};
  const findings: ExecFinding[] = [];
  const data: StepData = {};
  for (const f of STEP_FIELDS[step]) {
    const r = readField(f, raw[f.key], context.today);
    if (r.ok) data[f.key] = r.value;
    else errors[f.key] = r.error;
  }
  const rule: Record<string, ExecFinding> = step === 1 ? packageProblems(data, context) : {};
  if (step === 2 && typeof data.publishedOn === 'string' && data.publishedOn > context.start) {
    rule.publishedOn = execFinding('published_after_start', 'publishedOn', `发布日期（${formatDate(data.publishedOn)}）晚于开班日期（${formatDate(context.start)}）`);
  }
  if (step === 3 && typeof data.registered === 'number' && typeof data.accepted === 'number' && data.accepted > data.registered) {
    rule.accepted = execFinding('accepted_over_registered', 'accepted', `审核通过人数（${data.accepted}）多于报名人数（${data.registered}）`);
  }
  if (step === 5 && typeof data.hours === 'number') {
    const days = daysBetween(context.start, context.end) + 1;
    if (data.hours > days * 12) rule.hours = execFinding('hours_over_days', 'hours', `这一期共 ${days} 天，学时不能超过 ${days * 12}`);
  }
  for (const [key, f] of Object.entries(rule)) {
    if (errors[key]) continue; // the value itself is wrong: that comes first
    errors[key] = findingLine(f);
    findings.push(f);
  }
  if (Object.keys(errors).length) return { ok: false, errors, findings };

  const warnings: ExecFinding[] = [];
  const planned = context.plan.headcount;
  if (step === 4 && typeof data.attended === 'number') {
    const accepted = context.earlier[3]?.accepted;
    if (typeof accepted === 'number' && data.attended > accepted) warnings.push(execFinding('attendance_over_accepted', 'attended', `签到人数（${data.attended}）多于报名审核通过人数（${accepted}）`));
    if (planned && data.attended > planned) warnings.push(execFinding('attendance_over_plan', 'attended', `签到人数（${data.attended}）多于计划的每期人数（${planned}）`));
  }
  if (step === 3 && planned && typeof data.accepted === 'number' && data.accepted > planned) {
    warnings.push(execFinding('accepted_over_plan', 'accepted', `审核通过人数（${data.accepted}）多于计划的每期人数（${planned}）`));
  }
  return { ok: true, data, warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Dates of a class.

export type ClassDates = { start: Ymd; end: Ymd };

/**
 * A class's dates: real days, end not before start, inside the plan year, and (softly) as long as the plan
 * says. A start less than 5 working days away cannot have its package approved in time: told, not refused.
 */
export function checkClassDates(
  raw: { start: unknown; end: unknown },
  p: { planYear: number; planDays: number | undefined; today: Ymd; cal: WorkCalendar; packageApproved: boolean },
): { ok: true; dates: ClassDates; warnings: string[] } | { ok: false; errors: { start?: string; end?: string } } {
  const read = (v: unknown) => (typeof v === 'string' ? parseDateText(v.replace(/\s*[+-]\d{4}$/, '')) : null);
  const start = read(raw.start);
  const end = read(raw.end);
  const errors: { start?: string; end?: string } = {};
  if (!start) errors.start = '请选择开班日期';
  if (!end) errors.end = '请选择结班日期';
  if (start && ymdParts(start).y !== p.planYear) errors.start = `开班日期应在计划年度 ${p.planYear} 年内`;
  if (start && end && end < start) errors.end = '结班日期不能早于开班日期';
  if (start && end && daysBetween(start, end) > 60) errors.end = '一期培训不能超过 60 天';
  if (errors.start || errors.end || !start || !end) return { ok: false, errors };
  const warnings: string[] = [];
  const days = daysBetween(start, end) + 1;
  if (p.planDays && days !== p.planDays) warnings.push(`这一期 ${days} 天，批准的计划为每期 ${p.planDays} 天`);
  const { beforeStart, tentative } = executionDueDates(p.cal, start, end);
  if (!p.packageApproved && p.today > beforeStart && start >= p.today) {
    const due = dueText({ due: beforeStart, tentative: tentative.beforeStart });
    warnings.push(`培训包须在开班前 5 个工作日（${due}前）报送审核，现在已过期限；请尽快报送培训包，或推迟开班〔通知 一、二(一)4〕`);
  }
  return { ok: true, dates: { start, end }, warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Where a class stands.

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
export const dueText = (s: Pick<StepState, 'due' | 'tentative'>) => `${shortDay(s.due)}${s.tentative ? '（暂定）' : ''}`;

// ---------------------------------------------------------------------------------------------------------
// Alerts: when a class's missing steps are reminded. Slots reuse the reminder machinery (domain/reminders.ts).

export type ClassForAlerts = ClassDates & { id: number; createdAt: Date };

/**
 * Steps 1–3 at 09:00 on the 7th and the 5th working day before the start; steps 4–6 on the 3rd working day
 * after the end and on the first working day past the due day; a start without an approved package on the
 * start day (or as soon as a class is recorded with a start already passed), at the first waking minute.
 */
export function classAlertSlots(cls: ClassForAlerts, s: ReminderSchedule, cal: WorkCalendar): Slot[] {
  const at = (day: Ymd) => beijingInstant(day, Number(s.time.slice(0, 2)), Number(s.time.slice(3, 5)));
  const { beforeStart, afterEnd } = executionDueDates(cal, cls.start, cls.end);
  const slot = (kind: Slot['kind'], day: Ymd, due: Ymd): Slot => {
    const nominal = at(day);
    return { kind, deadline: endOfBeijingDay(due), nominal, effective: nextAllowed(nominal, s, cal, null), id: `${kind}:${cls.id}:${cls.start}:${cls.end}` };
  };
  const startNominal = new Date(Math.max(beijingInstant(cls.start).getTime(), cls.createdAt.getTime()));
  const started: Slot = {
    kind: 'exec_started',
    deadline: endOfBeijingDay(cls.end),
    nominal: startNominal,
    effective: nextAllowed(startNominal, s, cal, beijingYmd(startNominal)),
    id: `exec_started:${cls.id}:${cls.start}:${cls.end}`,
  };
  return [
    slot('exec_pre7', cal.addWorkingDays(cls.start, -7), beforeStart),
    slot('exec_pre5', beforeStart, beforeStart),
    started,
    slot('exec_post3', cal.addWorkingDays(cls.end, 3), afterEnd),
    slot('exec_overdue', cal.addWorkingDays(afterEnd, 1), afterEnd),
  ];
}

/** Which steps a slot is about: the first three before the start, the last three after the end. */
export const SLOT_STEPS: Partial<Record<Slot['kind'], readonly StepNo[]>> = {
  exec_pre7: [1, 2, 3],
  exec_pre5: [1, 2, 3],
  exec_started: [1],
  exec_post3: [4, 5, 6],
  exec_overdue: [4, 5, 6],
};

/** 补录 reminders before the backfill deadline (Dec 31) [seed 一]: 30, 14, 7, 3 and 1 days before, and the last day. */
export const BACKFILL_DAYS = [30, 14, 7, 3, 1];
export function backfillSlots(closesAt: Date, s: ReminderSchedule, cal: WorkCalendar): Slot[] {
  return deadlineSlots('backfill', closesAt, BACKFILL_DAYS, { ...s, lastDayTimes: [s.time] }, cal, new Date(closesAt.getTime() - 40 * 86_400_000));
}

/** The first plan year whose execution must be on record [seed 一: 2020年以来]. */
export const BACKFILL_FROM_YEAR = 2020;

/** The past plan years 补录 covers as of `now`: 2020 up to last year (Beijing calendar). */
export function backfillYears(now: Date): number[] {
  const y = ymdParts(beijingYmd(now)).y;
  return Array.from({ length: Math.max(0, y - BACKFILL_FROM_YEAR) }, (_, i) => BACKFILL_FROM_YEAR + i);
}

// ---------------------------------------------------------------------------------------------------------
// A unit's year: the report 单位年度计划完成情况 and the budget-reduction list [seed 二(一)5].

export type ClassOutcome = {
  seq: number;
  start: Ymd;
  end: Ymd;
  steps: StepState[];
  deviations: Deviation[];
  /** Entered by 补录 from records of an earlier year: reported, never listed for a budget cut. */
  backfill: boolean;
};

/** One step of one class in a list of the report. */
export type StepMark = { seq: number; step: StepNo; due: Ymd; tentative: boolean };

export type PlanOutcome = {
  status: 'complete' | 'on_track' | 'missing' | 'not_run' | 'no_classes';
  /** Sessions approved and classes recorded. */
  sessions: number;
  classes: number;
  completeClasses: number;
  /** Steps overdue across the classes, e.g. 第1期⑤⑥ (第1期⑤⑥（暂定） on a guessed calendar). */
  missing: string[];
  deviations: number;
  statement: boolean;
  /**
   * Steps ⑤⑥ still missing after their window, of classes tracked as they ran: the unit is named for a
   * reduced training budget next year [二(一)5: 未完成项目信息的单位，将调减该单位下一年度培训预算].
   */
  budgetFlag: StepMark[];
  /** Steps done, but after their due day: for the reviewers to judge, not a budget cut by themselves. */
  lateSteps: StepMark[];
  /** Backfilled classes that still miss steps: reported (补录 is due [一]), never listed for a budget cut. */
  backfillGaps: number;
};

export const OUTCOME_LABELS: Record<PlanOutcome['status'], string> = {
  complete: '已完成',
  on_track: '进行中',
  missing: '有缺项',
  not_run: '未开展（已上传情况说明）',
  no_classes: '未登记开班',
};

const mark = (seq: number, s: StepState): StepMark => ({ seq, step: s.step, due: s.due, tentative: s.tentative });

/**
 * A plan's outcome. A plan with no classes is 未登记开班 until its year is over, then it needs a statement;
 * with a statement it is 未开展. Sessions not all run with a statement are not counted as missing.
 */
export function planOutcome(p: { year: number; sessions: number | undefined; classes: ClassOutcome[]; statement: boolean; now: Date }): PlanOutcome {
  const budgetFlag: StepMark[] = [];
  const lateSteps: StepMark[] = [];
  const missing: string[] = [];
  let completeClasses = 0;
  let deviations = 0;
  let backfillGaps = 0;
  for (const c of p.classes) {
    if (c.steps.every((s) => s.done)) completeClasses++;
    deviations += c.deviations.length;
    const over = c.steps.filter((s) => s.overdue);
    if (over.length) missing.push(`第${c.seq}期${over.map((s) => CIRCLED[s.step]).join('')}${over.some((s) => s.tentative) ? '（暂定）' : ''}`);
    if (c.backfill) {
      if (c.steps.some((s) => !s.done)) backfillGaps++;
      continue;
    }
    for (const s of c.steps) {
      if (s.late) lateSteps.push(mark(c.seq, s));
      if (s.step >= 5 && s.overdue) budgetFlag.push(mark(c.seq, s));
    }
  }
  const sessions = p.sessions ?? p.classes.length;
  const yearOver = beijingYmd(p.now) > `${p.year}-12-31`;
  let status: PlanOutcome['status'];
  if (!p.classes.length) status = p.statement ? 'not_run' : 'no_classes';
  else if (missing.length) status = 'missing';
  else if (completeClasses === p.classes.length && (p.classes.length >= sessions || p.statement || yearOver)) status = 'complete';
  else status = 'on_track';
  if (!p.classes.length && !p.statement && yearOver) missing.push('未开展且未上传情况说明');
  else if (yearOver && p.classes.length < sessions && !p.statement) missing.push(`批准 ${sessions} 期，登记 ${p.classes.length} 期，未开展的期次缺情况说明`);
  if (missing.length && status !== 'missing') status = 'missing';
  return { status, sessions, classes: p.classes.length, completeClasses, missing, deviations, statement: p.statement, budgetFlag, lateSteps, backfillGaps };
}

/** 3月2日–3月4日, with the year when it is not `thisYear`. */
export function formatRange(start: Ymd, end: Ymd): string {
  const a = ymdParts(start);
  const b = ymdParts(end);
  const left = `${a.m}月${a.d}日`;
  const right = a.y === b.y ? `${b.m}月${b.d}日` : `${b.y}年${b.m}月${b.d}日`;
  return start === end ? `${a.y}年${left}` : `${a.y}年${left}–${right}`;
}

/** A Ymd as 3月2日. */
export const shortDay = formatMonthDay;

export const yuanText = (n: number) => `${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;

/** What a reported step says, in one short line: 签到 44 人, 结算 35,800.00元. */
export function stepSummary(step: StepNo, d: StepData): string {
  switch (step) {
    case 1:
      return [d.mode, d.scope, d.institution, d.headcount !== null && d.headcount !== undefined ? `${d.headcount}人` : null].filter(Boolean).join(' · ');
    case 2:
      return `${typeof d.publishedOn === 'string' ? shortDay(d.publishedOn) : ''}发布${d.channel ? `（${d.channel}）` : ''}`;
    case 3:
      return `报名 ${d.registered} 人，审核通过 ${d.accepted} 人`;
    case 4:
      return `签到 ${d.attended} 人`;
    case 5:
      return `${d.hours} 学时，教师：${d.teachers}`;
    case 6:
      return `结算 ${typeof d.amount === 'number' ? yuanText(d.amount) : d.amount}`;
  }
}


/**
 * The lists of the report 单位年度计划完成情况, each with the rule it follows in the notice's words: only the
 * first is the budget cut; late steps are for the reviewers to judge; 补录 gaps are reported.
 */
export const REPORT_LISTS = {
  budget: {
    title: '⑤⑥逾期未填报、拟压减下一年度培训经费的单位',
    use: '拟压减下一年度培训经费',
    rule: '依据通知二(一)5：“在培训结束后五个工作日内，各主管单位必须登录系统完成教培管理、结算金额等信息录入。未完成项目信息的单位，将调减该单位下一年度培训预算。”列入的是⑤教培管理、⑥结算金额过了期限仍未填报的单位；补录的往年期次不列入。',
  },
  late: {
    title: '逾期完成的环节',
    use: '供审核人员研判，不列入压减名单',
    rule: '依据通知一、二(一)4-5 的期限：①②③开班前 5 个工作日，④⑤⑥结班后 5 个工作日内。已完成但晚于期限的环节在此列出；培训包按单位报送的时间判断，审核所用的时间不计入单位。',
  },
  backfill: {
    title: '补录的往年期次仍有缺项',
    use: '只报告，不列入压减名单',
    rule: '依据通知一：2020年以来已开展的培训须补录培训包审核至结算金额六个步骤信息，每一个信息缺报视为未完成。',
  },
} as const;
