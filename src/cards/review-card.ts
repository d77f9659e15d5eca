// The reviewer's card of one plan: fields, the rule checklist with any justification, what changed since a
// return, the unit's other plans this year and its out-of-city quota, and the decision buttons. The same
// card shows the outcome once decided (no buttons), or the return form. The buttons' values come from the
// caller (the review feature owns them); which buttons show, and where, is the template's (cards/review.json).
import { formatDateTime } from '../domain/dates.ts';
import { displayValue, PLAN_FIELDS, type PlanDraft, type PlanFieldKey } from '../domain/plan.ts';
import { STATUS_LABELS, type PlanStatus } from '../domain/plan-status.ts';
import { RETURN_NOTE_EXAMPLE, type ReturnRequest } from '../domain/review.ts';
import type { Finding } from '../domain/rules.ts';
import type { ButtonValue, FeatureButtonValue } from './actions.ts';
import { fieldLines, fieldOptions, findingLines } from './parts.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

export type ReviewStage = 'first' | 'second';

/** What each button of the card carries: the decisions, 查看详情, 返回 from the return form, and its submit. */
export type ReviewCardValues = Record<'approve' | 'return' | 'detail' | 'back' | 'approve2' | 'reject2' | 'submitReturn', ButtonValue | FeatureButtonValue>;

export type ReviewCardInput = {
  plan: { id: number; number: string; version: number; status: PlanStatus; data: PlanDraft; submittedAt: Date | null };
  unitName: string;
  stage: ReviewStage;
  findings: Finding[];
  /** Since the last return: field → [before, after], and what the reviewer had asked. */
  resubmission?: { changes: Partial<Record<PlanFieldKey, [unknown, unknown]>>; previous: ReturnRequest } | undefined;
  /** The unit's other plans of the year, one line each. */
  otherPlans: string[];
  /** Other units' plans of the year like this one (joint training, redundant projects), one line each. */
  similar?: string[] | undefined;
  quota: string;
  /** Once decided: who, when, what; and for a return (or a 复审 rejection) the comment and the fields returned. */
  outcome?: { title: string; text: string; color: 'green' | 'red' | 'grey'; notes?: string[] | undefined } | undefined;
  /** Show the return form instead of the buttons; with the problems of a first attempt. */
  returnForm?: { errors: string[] } | undefined;
  /** Reviewers linked to this unit: they may not decide its plans. */
  conflicted?: string[] | undefined;
  values: ReviewCardValues;
};

const label = (k: PlanFieldKey) => PLAN_FIELDS.find((f) => f.key === k)!.label;

function changesText(r: NonNullable<ReviewCardInput['resubmission']>): string {
  const lines = Object.entries(r.changes).map(
    ([k, [from, to]]) => `- ${label(k as PlanFieldKey)}：${escapeMarkdown(displayValue(k as PlanFieldKey, from))} → **${escapeMarkdown(displayValue(k as PlanFieldKey, to))}**`,
  );
  return [
    "<font color='orange'>**修改后重新提交**</font>",
    lines.length ? lines.join('\n') : '（没有改动任何项目）',
    `上次退回意见：${escapeMarkdown(r.previous.comment)}`,
    ...r.previous.fields.map((f) => `　· ${label(f.field)}${f.note ? `：${escapeMarkdown(f.note)}` : ''}`),
  ].join('\n');
}

/** The return form's data (cards/partials/return-form.json): the comment, the fields to revise, notes per field. */
function returnFormOf(p: ReviewCardInput) {
  return {
    name: 'return_form',
    errors: p.returnForm!.errors.join('；'),
    example: '例：市外培训人数超过规定，请调整后重新提交',
    // How a per-field note is written, with a rule's own limit as the example (每期人数：不超过60人).
    noteExample: RETURN_NOTE_EXAMPLE,
    fields: fieldOptions(PLAN_FIELDS.map((f) => f.key).filter((k) => k !== 'unitName')),
    submit: p.values.submitReturn,
  };
}

export function reviewCard(p: ReviewCardInput): CardJson {
  const v = p.values;
  const decided = !!p.outcome;
  const actions = decided ? '' : p.returnForm ? { back: v.back } : p.stage === 'first' ? { approve: v.approve, return: v.return, detail: v.detail } : { approve2: v.approve2, reject2: v.reject2, detail: v.detail };
  const hard = p.findings.some((f) => f.severity === 'hard');
  const soft = p.findings.some((f) => f.severity === 'soft');
  const stageName = p.stage === 'first' ? '初审' : '复审';
  return renderCard('review', {
    title: decided ? `${p.outcome!.title} · ${p.plan.number}` : p.returnForm ? `退回修改 · ${p.plan.number}` : `待${stageName} · ${p.plan.number}`,
    subtitle: `${p.unitName}${p.plan.submittedAt ? ` · ${formatDateTime(p.plan.submittedAt)} 提交` : ''} · ${STATUS_LABELS[p.plan.status]}`,
    color: decided ? p.outcome!.color : p.returnForm ? 'red' : hard ? 'red' : soft ? 'orange' : 'blue',
    changes: p.resubmission ? changesText(p.resubmission) : '',
    fields: fieldLines(p.plan.data, true),
    checklist: findingLines(p.findings),
    justification: p.plan.data.justification ?? '',
    context: [
      `**本单位本年度其他计划**`,
      ...(p.otherPlans.length ? p.otherPlans : ['（无）']),
      ...(p.similar?.length ? ['**其他单位的相似计划**（可建议联合办班〔通知 二(二)五〕，避免项目冗杂〔二(二)四〕）', ...p.similar.map((l) => `- ${escapeMarkdown(l)}`)] : []),
      `**市外培训班次**　${p.quota}`,
      ...(p.conflicted?.length ? [`<font color='orange'>审核人员 ${p.conflicted.map(escapeMarkdown).join('、')} 关联了本单位，不能审核此计划，需由其他审核人员决定。</font>`] : []),
    ].join('\n'),
    outcome: p.outcome ? [`**${escapeMarkdown(p.outcome.text)}**`, ...(p.outcome.notes ?? []).map(escapeMarkdown)].join('\n') : '',
    returnForm: p.returnForm ? returnFormOf(p) : '',
    actions,
  });
}
