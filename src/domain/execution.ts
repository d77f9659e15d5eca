// Execution of approved plans [seed 一, 二(一)4-5; DOMAIN.md "Execution: six steps per approved class"]. Each
// approved plan runs as one or more classes (期); each class has six steps, three due at least 5 working days
// before it starts and three within 5 working days after it ends. The execution domain's public face, pure:
//   execution-steps.ts   the six steps, what each records          step-input.ts      reading a reported step
//   execution-checks.ts  a class's facts against the notice/plan   class-dates.ts     a class's dates
//   class-timeline.ts    where a class stands on a given day        execution-alerts.ts reminders and 补录
//   plan-outcome.ts      a unit's year, the report's lists          execution-text.ts  facts in a line
export { attendanceDeviations, packageDeviations, type Deviation, type ExecFinding } from './execution-checks.ts';
export { CIRCLED, classLabel, EXEC_ACTIONS, STEP_FIELDS, STEP_NOS, STEPS, type StepData, type StepField, type StepNo } from './execution-steps.ts';
export { readStep, type StepInput } from './step-input.ts';
export { checkClassDates } from './class-dates.ts';
export { classTimeline, dueText, tentativeYears, unknownYearsOf, type ClassDates, type StepRecord, type StepState } from './class-timeline.ts';
export { BACKFILL_DAYS, BACKFILL_FROM_YEAR, backfillSlots, backfillYears, classAlertSlots, SLOT_STEPS, type ClassForAlerts } from './execution-alerts.ts';
export { OUTCOME_LABELS, planOutcome, REPORT_LISTS, type ClassOutcome, type PlanOutcome, type StepMark } from './plan-outcome.ts';
export { formatRange, shortDay, stepSummary, yuanText } from './execution-text.ts';
