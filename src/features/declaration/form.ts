// 表单申报: the whole form in one card. On submit every field is read with the same parsers as the chat,
// and checked with the same rules; a bad value comes back next to its field with everything else kept.
import { FORM_FIELD_KEYS, type FormValues } from '../../cards/plan-form-card.ts';
import { findingLine } from '../../domain/findings.ts';
import { parseField, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import { checkPartial } from '../../domain/rules.ts';
import type { SimilarPlan } from '../../domain/similar-plans.ts';
import { startState } from '../../flows/declare-engine.ts';
import { engineContextFor, type Declarant } from '../../model/declarant.ts';
import { createDraft, editPlan } from '../../model/plans.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { FLOW } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { similarOf, summaryFindings, type SummaryFindings } from './view.ts';

export type FieldErrors = Partial<Record<PlanFieldKey, string>>;

export type FormResult =
  /** Values that do not parse or break a hard rule: each error next to its field, the rest kept. */
  | { status: 'invalid'; values: FormValues; errors: FieldErrors }
  | { status: 'refused'; reason: 'plan_missing' }
  | { status: 'refused'; reason: 'edit_failed'; message: string }
  | { status: 'saved'; plan: PlanRecord; summary: SummaryFindings; similar: SimilarPlan[] };

/** The texts of the submitted form, by field. */
function valuesOf(formValue: Record<string, unknown> | undefined): FormValues {
  const out: FormValues = {};
  for (const key of FORM_FIELD_KEYS) {
    const v = formValue?.[key];
    if (typeof v === 'string' && v.trim() !== '') out[key] = v;
  }
  return out;
}

function parsed(values: FormValues): { data: PlanDraft; errors: FieldErrors } {
  const data: PlanDraft = {};
  const errors: FieldErrors = {};
  for (const key of FORM_FIELD_KEYS) {
    const r = parseField(key, values[key] ?? '');
    if (r.ok) (data as Record<string, unknown>)[key] = r.value;
    else errors[key] = r.error;
  }
  return { data, errors };
}

type Refused = Extract<FormResult, { status: 'refused' }>;

/** A new draft, or the plan the form was opened on, with the form's data. */
async function stored(deps: DeclarationDeps, d: Declarant, actor: string, data: PlanDraft, planId: number | undefined): Promise<{ plan: PlanRecord } | Refused> {
  const now = deps.clock.now();
  if (!planId) return { plan: await createDraft(deps, { year: d.year, unitCode: d.competent.code, data, actor, channel: 'card', now }) };
  const existing = await deps.plans.get(planId);
  if (!existing || existing.unitCode !== d.competent.code) return { status: 'refused', reason: 'plan_missing' };
  const edited = await editPlan(deps, { id: planId, version: existing.version, changes: data, actor, channel: 'card', now });
  return edited.ok ? { plan: edited.plan } : { status: 'refused', reason: 'edit_failed', message: edited.message };
}

export async function submitForm(deps: DeclarationDeps, d: Declarant, actor: string, formValue: Record<string, unknown> | undefined, planId: number | undefined): Promise<FormResult> {
  const values = valuesOf(formValue);
  if (d.family.length === 1) values.budgetCode = d.competent.code;
  const { data, errors } = parsed(values);
  const unit = d.family.find((u) => u.code === data.budgetCode);
  if (unit) data.unitName = unit.name;
  const ctx = await engineContextFor(deps, d, d.year, planId);
  // Hard rule findings go next to their field, like a bad value.
  for (const f of checkPartial(data, ctx.rules)) if (f.severity === 'hard' && f.field && !errors[f.field]) errors[f.field] = findingLine(f);
  if (Object.keys(errors).length) return { status: 'invalid', values, errors };
  const s = await stored(deps, d, actor, data, planId);
  if (!('plan' in s)) return s;
  const { plan } = s;
  // The conversation waits at the summary, so 「提交」 typed or clicked both work.
  const state = { ...startState(plan.id, plan.data, ctx), step: 'summary' as const };
  const version = (await deps.conversations.get(actor))?.version ?? null;
  await deps.conversations.save(actor, FLOW, state, version, deps.clock.now());
  return { status: 'saved', plan, summary: summaryFindings(plan.data, ctx), similar: await similarOf(deps, plan) };
}
