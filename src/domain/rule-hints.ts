// The rules' hints by field: what people are told before they answer. The chat question, the Excel column
// note and the form's placeholder of a field are generated from these, so a limit is written only in its
// rule (rules.ts) and every place that tells it follows.
import type { PlanDraft, PlanFieldKey } from './plan-data.ts';
import { holds } from './rule-kit.ts';
import { RULES } from './rules.ts';

/**
 * The hints of the rules about this field, in the rules' order. Given a draft, only those of the rules about
 * it: a 市外 class is not told the 市内 minimum, and nothing hangs on a scope not answered yet.
 */
export function ruleHints(field: PlanFieldKey, draft?: PlanDraft): string[] {
  return RULES.flatMap((r) => (r.hint?.field === field && (!draft || holds(r.when, draft)) ? [r.hint.text] : []));
}
