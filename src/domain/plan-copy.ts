// A plan copied into a new draft (复制为新计划, 复制去年): everything but the 情况说明, which was written for the
// old plan's circumstances, and last year's year in the title made this year's.
import type { PlanDraft } from './plan.ts';

export function copiedData(source: { year: number; data: PlanDraft }, year: number): PlanDraft {
  const { justification: _j, ...rest } = source.data;
  void _j;
  const title = rest.title?.replace(new RegExp(`${source.year}年`, 'g'), `${year}年`);
  return { ...rest, ...(title ? { title } : {}) };
}
