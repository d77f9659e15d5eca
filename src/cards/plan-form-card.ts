// 表单申报: the whole declaration form in one card (JSON 2.0 form). On submit the same field parsers and
// rules run; the card comes back with the values kept and each problem next to its field.
import { fieldDef, MODES, MONTHS, SCOPES, type PlanDraft, type PlanFieldKey } from '../domain/plan.ts';
import { ruleHints } from '../domain/rule-hints.ts';
import type { Unit } from '../domain/units.ts';
import type { FeatureButtonValue } from './actions.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

export type FormValues = Partial<Record<PlanFieldKey, string>>;

/** The form's fields, in the form's order; the unit only when there is a choice. */
const FORM_FIELDS: { key: PlanFieldKey; kind: 'input' | 'multiline' | 'select'; required: boolean; label?: string }[] = [
  { key: 'budgetCode', kind: 'select', required: true },
  { key: 'title', kind: 'input', required: true },
  { key: 'scope', kind: 'select', required: true },
  { key: 'mode', kind: 'select', required: true },
  { key: 'audience', kind: 'input', required: true },
  { key: 'headcount', kind: 'input', required: true },
  { key: 'sessions', kind: 'input', required: true },
  { key: 'days', kind: 'input', required: true },
  { key: 'month', kind: 'select', required: true },
  { key: 'location', kind: 'input', required: true, label: '培训地点（线上培训可不填）' },
  { key: 'institution', kind: 'input', required: false },
  { key: 'budget', kind: 'input', required: true },
  { key: 'jointUnits', kind: 'input', required: false },
  { key: 'contactName', kind: 'input', required: true },
  { key: 'contactPhone', kind: 'input', required: true },
  { key: 'remarks', kind: 'input', required: false },
  { key: 'justification', kind: 'multiline', required: false },
];

export const FORM_FIELD_KEYS = FORM_FIELDS.map((f) => f.key);

const plain = (content: string) => ({ tag: 'plain_text', content });

/** A placeholder with the hints of the rules about the field (all of them: the scope may change in the form). */
const withHints = (key: PlanFieldKey, base: string) => {
  const hints = ruleHints(key);
  return plain(hints.length ? `${base}（${hints.join('；')}）` : base);
};

function optionsFor(key: PlanFieldKey, units: Unit[]) {
  if (key === 'budgetCode') return units.map((u) => ({ text: plain(`${u.name}（${u.code}）`), value: u.code }));
  if (key === 'scope') return SCOPES.map((s) => ({ text: plain(s), value: s }));
  if (key === 'mode') return MODES.map((m) => ({ text: plain(m), value: m }));
  return MONTHS.map((m) => ({ text: plain(`${m}月`), value: String(m) }));
}

/** Stored draft values as the texts the form shows. */
export function formValuesOf(draft: PlanDraft): FormValues {
  const out: FormValues = {};
  for (const f of FORM_FIELDS) {
    const v = draft[f.key];
    if (v === undefined || v === null) continue;
    out[f.key] = Array.isArray(v) ? v.join('、') : String(v);
  }
  return out;
}

export function planFormCard(p: {
  year: number;
  /** The value of the form's submit button (the caller's route). */
  submit: FeatureButtonValue;
  /** The competent unit and its second-tier units. */
  units: Unit[];
  values: FormValues;
  errors: Partial<Record<PlanFieldKey, string>>;
}): CardJson {
  const elements: Record<string, unknown>[] = [];
  for (const f of FORM_FIELDS) {
    if (f.key === 'budgetCode' && p.units.length < 2) continue;
    const def = fieldDef(f.key);
    const label = f.label ?? `${def.label}${f.required ? '' : '（选填）'}`;
    const value = p.values[f.key];
    if (f.kind === 'select') {
      const options = optionsFor(f.key, p.units);
      elements.push({
        tag: 'select_static',
        name: f.key,
        placeholder: withHints(f.key, `${label}：请选择`),
        options,
        ...(value && options.some((o) => o.value === value) ? { initial_option: value } : {}),
      });
    } else {
      elements.push({
        tag: 'input',
        name: f.key,
        label: plain(label),
        label_position: 'top',
        placeholder: withHints(f.key, `例：${def.example}`),
        max_length: f.kind === 'multiline' ? 500 : 200,
        ...(f.kind === 'multiline' ? { input_type: 'multiline_text', rows: 3 } : {}),
        ...(value ? { default_value: value } : {}),
      });
    }
    const error = p.errors[f.key];
    if (error) elements.push({ tag: 'markdown', content: `<font color='red'>${escapeMarkdown(error)}</font>`, text_size: 'notation' });
  }
  const errorCount = Object.keys(p.errors).length;
  return renderCard('plan-form', {
    title: `${p.year}年度培训计划申报表`,
    subtitle: errorCount ? `有 ${errorCount} 项需要修改` : '填写后点「检查并保存」',
    color: errorCount ? 'red' : 'blue',
    intro: errorCount
      ? "<font color='red'>标红的项目需要修改，其余已填写的内容都保留着。</font>"
      : '所有项目一次填好。保存后会检查是否符合通知要求，再由您确认提交。也可以发送「申报」改为逐项对话填写。',
    formElements: elements,
    submit: p.submit,
  });
}
