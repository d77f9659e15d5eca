// What the execution feature writes in a plan's processing record (the `what` of each event).
import { CIRCLED, STEPS, type StepNo } from '../../../domain/execution.ts';

export const RECORDS = {
  cls: (seq: number, range: string) => `第${seq}期 ${range}`,
  datesChanged: (seq: number, from: string, to: string) => `第${seq}期 ${from} → ${to}`,
  cancelled: (seq: number) => `第${seq}期`,
  step: (seq: number, step: StepNo, modified: boolean) => `第${seq}期 ${CIRCLED[step]}${STEPS[step].name}${modified ? '（修改）' : ''}`,
  packageDecision: (seq: number) => `第${seq}期`,
  packageFile: (seq: number, fileName: string) => `第${seq}期 培训包附件「${fileName}」`,
  statementFile: (fileName: string) => `「${fileName}」`,
};
