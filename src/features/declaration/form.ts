// 表单申报: the whole form in one card. On submit every field is read with the same parsers as the chat,
// and checked with the same rules; a bad value comes back next to its field with everything else kept.
import { FORM_FIELD_KEYS, formValuesOf, planFormCard, type FormValues } from '../../cards/plan-form-card.ts';
import { summaryCard } from '../../cards/summary-card.ts';
import { parseField, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import { findingLine } from '../../domain/findings.ts';
import { checkPartial } from '../../domain/rules.ts';
import { startState } from '../../flows/declare-engine.ts';
import type { CardResponse } from '../../inbound.ts';
import { createDraft, editPlan } from '../../model/plans.ts';
import { FLOW } from './session.ts';
import { engineContextFor, type Declarant } from '../../model/declarant.ts';
import { summaryFindings } from './render.ts';
import { similarLine } from '../../domain/similar-plans.ts';
import { similarTo } from '../../model/similar.ts';
import type { DeclarationDeps } from './deps.ts';

export function formFor(d: Declarant, planId?: number, values: FormValues = {}, errors: Partial<Record<PlanFieldKey, string>> = {}) {
  return planFormCard({ year: d.year, planId, units: d.family, values, errors });
}

export function formOfPlan(d: Declarant, plan: { id: number; data: PlanDraft }) {
  return formFor(d, plan.id, formValuesOf(plan.data));
}

/** The texts of the submitted form, by field. */
function valuesOf(formValue: Record<string, unknown> | undefined): FormValues {
  const out: FormValues = {};
  for (const key of FORM_FIELD_KEYS) {
    const v = formValue?.[key];
    if (typeof v === 'string' && v.trim() !== '') out[key] = v;
  }
  return out;
}

export async function submitForm(
  deps: DeclarationDeps,
  d: Declarant,
  actor: string,
  formValue: Record<string, unknown> | undefined,
  planId: number | undefined,
): Promise<CardResponse> {
  const values = valuesOf(formValue);
  if (d.family.length === 1) values.budgetCode = d.competent.code;
  const data: PlanDraft = {};
  const errors: Partial<Record<PlanFieldKey, string>> = {};
  for (const key of FORM_FIELD_KEYS) {
    const r = parseField(key, values[key] ?? '');
    if (r.ok) (data as Record<string, unknown>)[key] = r.value;
    else errors[key] = r.error;
  }
  const unit = d.family.find((u) => u.code === data.budgetCode);
  if (unit) data.unitName = unit.name;
  const ctx = await engineContextFor(deps, d, d.year, planId);
  // Hard rule findings go next to their field, like a bad value.
  for (const f of checkPartial(data, ctx.rules)) if (f.severity === 'hard' && f.field && !errors[f.field]) errors[f.field] = findingLine(f);
  if (Object.keys(errors).length) {
    return { toast: { type: 'error', content: `有 ${Object.keys(errors).length} 项需要修改` }, card: formFor(d, planId, values, errors) };
  }
  const now = deps.clock.now();
  let plan;
  if (planId) {
    const existing = await deps.plans.get(planId);
    if (!existing || existing.unitCode !== d.competent.code) return { toast: { type: 'error', content: '找不到这个计划' } };
    const edited = await editPlan(deps, { id: planId, version: existing.version, changes: data, actor, channel: 'card', now });
    if (!edited.ok) return { toast: { type: 'error', content: edited.message } };
    plan = edited.plan;
  } else {
    plan = await createDraft(deps, { year: d.year, unitCode: d.competent.code, data, actor, channel: 'card', now });
  }
  // The conversation waits at the summary, so 「提交」 typed or clicked both work.
  const state = { ...startState(plan.id, plan.data, ctx), step: 'summary' as const };
  const version = (await deps.conversations.get(actor))?.version ?? null;
  await deps.conversations.save(actor, FLOW, state, version, now);
  const { findings, missing } = summaryFindings(plan.data, ctx);
  const similar = (await similarTo(deps, plan, plan.data, { limit: 2 })).map(similarLine);
  return { toast: { type: 'success', content: `已保存为草稿 ${plan.number}` }, card: summaryCard({ plan, unitName: d.competent.name, findings, missing, similar }) };
}
