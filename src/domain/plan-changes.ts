// What changed between two versions of a plan, field by field: the audit trail's unit of change.
import type { PlanDraft, PlanFieldKey } from './plan.ts';

/** Each changed field's value before and after. */
export type Changes = Partial<Record<PlanFieldKey, [unknown, unknown]>>;

/**
 * The fields that differ between two versions of a plan. Unanswered (absent) and answered-empty (null,
 * e.g. a skipped optional field) are different: the conversation must not ask a skipped field again.
 */
export function diffData(before: PlanDraft, after: PlanDraft): Changes {
  const out: Changes = {};
  const shown = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<PlanFieldKey>) {
    if (shown(before[key]) !== shown(after[key])) out[key] = [before[key] ?? null, after[key] ?? null];
  }
  return out;
}
