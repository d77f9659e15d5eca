// A unit's year of execution: each approved plan's outcome for the report 单位年度计划完成情况, and the lists
// it feeds, the budget-reduction list first [seed 一, 二(一)5].
import { beijingYmd, type Ymd } from './dates.ts';
import type { StepState } from './class-timeline.ts';
import type { Deviation } from './execution-checks.ts';
import { CIRCLED, type StepNo } from './execution-steps.ts';
import { BACKFILL_FROM_YEAR } from './execution-alerts.ts';
import { STEP_LEAD_WORKING_DAYS } from './working-days.ts';

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
    rule: `依据通知一、二(一)4-5 的期限：①②③开班前 ${STEP_LEAD_WORKING_DAYS} 个工作日，④⑤⑥结班后 ${STEP_LEAD_WORKING_DAYS} 个工作日内。已完成但晚于期限的环节在此列出；培训包按单位报送的时间判断，审核所用的时间不计入单位。`,
  },
  backfill: {
    title: '补录的往年期次仍有缺项',
    use: '只报告，不列入压减名单',
    rule: `依据通知一：${BACKFILL_FROM_YEAR}年以来已开展的培训须补录培训包审核至结算金额六个步骤信息，每一个信息缺报视为未完成。`,
  },
} as const;
