// The summary of a plan before it is submitted: every field, the rule findings in green / amber / red with
// the notice's words, and what can be done next.
import { STATUS_LABELS, EDITABLE, type PlanStatus } from '../domain/plan-status.ts';
import type { PlanDraft, PlanFieldKey } from '../domain/plan.ts';
import { PLAN_FIELDS } from '../domain/plan.ts';
import type { Finding } from '../domain/rules.ts';
import type { FeatureButtonValue } from './actions.ts';
import { fieldLines, fieldOptions, findingLines } from './parts.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

/** The values of the card's buttons (the caller's routes); shown while the plan can still be changed. */
export type SummaryActions = {
  submit: FeatureButtonValue;
  justify: FeatureButtonValue;
  save: FeatureButtonValue;
  cancel: FeatureButtonValue;
  /** The "change a field" menu; the field comes as the selected option. */
  editField: FeatureButtonValue;
};

export type SummaryInput = {
  plan: { id: number; number: string; version: number; status: PlanStatus; data: PlanDraft };
  unitName: string;
  findings: Finding[];
  /** Fields still missing (a draft not yet complete). */
  missing: string[];
  note?: string | undefined;
  /** Other units' plans of the year like this one: joint training is encouraged [seed 二(二)五]. */
  similar?: string[] | undefined;
  actions: SummaryActions;
};

export function summaryCard(s: SummaryInput): CardJson {
  const hard = s.findings.some((f) => f.severity === 'hard') || s.missing.length > 0;
  const soft = s.findings.some((f) => f.severity === 'soft');
  const justified = !!s.plan.data.justification?.trim();
  const editable = EDITABLE.includes(s.plan.status);
  const findings = [
    ...(s.missing.length ? [`<font color='red'>❌ 还没有填写：${s.missing.join('、')}</font>`] : []),
    findingLines(s.findings),
    ...(s.similar?.length ? s.similar.map((l) => `💡 ${escapeMarkdown(l)}，可考虑联合办班〔通知 二(二)五〕`) : []),
  ].join('\n');
  const editableFields = PLAN_FIELDS.map((f) => f.key).filter((k): k is PlanFieldKey => k !== 'unitName');
  const a = s.actions;
  return renderCard('summary', {
    summary: `申报汇总 ${s.plan.number}`,
    title: `申报汇总 · ${s.plan.number}`,
    subtitle: `${s.unitName} · ${STATUS_LABELS[s.plan.status]}`,
    color: hard ? 'red' : soft && !justified ? 'orange' : 'green',
    fields: fieldLines(s.plan.data, true),
    findings,
    justification: s.plan.data.justification ?? '',
    note: s.note ?? (editable ? (hard ? '标红的项目修改后才能提交。' : soft && !justified ? '有原则性要求未满足：填写情况说明后才能提交，审核人员会看到这段说明。' : '确认无误后点「提交」。') : ''),
    actions: editable
      ? {
          submit: a.submit,
          blocked: hard,
          justify: soft ? { value: a.justify, label: justified ? '修改情况说明' : '填写情况说明', type: justified ? 'default' : 'primary' } : null,
          save: a.save,
          cancel: s.plan.status === 'DRAFT' ? a.cancel : null,
        }
      : null,
    editMenu: editable ? { options: fieldOptions(editableFields), value: a.editField } : null,
  });
}
