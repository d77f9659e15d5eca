// The free-text question an open declaration waits on: a command word typed then may be meant as the answer
// (培训对象：审核人员 …), so the bot asks instead of running the command.
import type { OpenQuestion } from '../../bot/manifest.ts';
import { PLAN_FIELDS, type PlanFieldKey } from '../../domain/plan.ts';
import type { Person } from '../../domain/people.ts';
import { loadConversation } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';

/** Fields whose answer is free text. */
const FREE_TEXT: readonly PlanFieldKey[] = ['title', 'audience', 'location', 'institution', 'contactName', 'remarks', 'justification', 'unitName', 'jointUnits'];

export async function openQuestion(deps: Pick<DeclarationDeps, 'conversations' | 'clock'>, person: Person | null): Promise<OpenQuestion | null> {
  if (!person?.unitCode) return null;
  const conv = await loadConversation(deps, person.openId);
  const step = conv?.state.step;
  if (!conv || !step || step === 'summary' || conv.state.confirming || !FREE_TEXT.includes(step)) return null;
  return { planId: conv.state.planId, field: step, label: PLAN_FIELDS.find((f) => f.key === step)!.label };
}
