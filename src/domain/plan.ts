// One training-class plan = one row of the declaration form [DOMAIN.md "The declaration form"], read whole:
// from an Excel row, a card form or a stored draft, with every field's reader (plan-fields.ts) and all
// errors at once. This module is the plan's public face: the values (plan-data.ts), the fields
// (plan-fields.ts) and their names (plan-names.ts) are re-exported from here.
import { z } from 'zod';
import type { PlanData, PlanDraft, PlanFieldKey } from './plan-data.ts';
import { PLAN_FIELDS } from './plan-fields.ts';

export { MODES, SCOPES, outOfCityClasses, type Mode, type PlanData, type PlanDraft, type PlanFieldKey, type Scope } from './plan-data.ts';
export { fieldDef, MONTHS, parseField, PLAN_FIELDS, rangeOf, rangeText, type FieldDef, type FieldRange } from './plan-fields.ts';
export { displayValue, FIELD_ALIASES, fieldByName } from './plan-names.ts';

export type FieldError = { field: PlanFieldKey; label: string; message: string };

/**
 * Reads a whole plan (Excel row, card form, stored draft). Every field is read; all errors come back
 * together. Missing optional fields become null / [].
 */
export function parsePlan(input: Partial<Record<PlanFieldKey, unknown>>): { ok: true; plan: PlanData } | { ok: false; errors: FieldError[] } {
  const out: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const f of PLAN_FIELDS) {
    const r = f.parse(input[f.key]);
    if (r.ok) out[f.key] = r.value;
    else errors.push({ field: f.key, label: f.label, message: r.error });
  }
  return errors.length ? { ok: false, errors } : { ok: true, plan: out as PlanData };
}

/** The plan as stored (JSON column): one zod schema, which re-reads through the same field parsers. */
export const planDataSchema = z.record(z.string(), z.unknown()).transform((input, ctx) => {
  const r = parsePlan(input as Partial<Record<PlanFieldKey, unknown>>);
  if (!r.ok) {
    for (const e of r.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
    return z.NEVER;
  }
  return r.plan;
});

/** A draft keeps only the fields already answered, each valid on its own. */
export function parseDraft(input: Partial<Record<PlanFieldKey, unknown>>): PlanDraft {
  const out: PlanDraft = {};
  for (const f of PLAN_FIELDS) {
    if (input[f.key] === undefined) continue;
    const r = f.parse(input[f.key]);
    if (r.ok) (out as Record<string, unknown>)[f.key] = r.value;
  }
  return out;
}
