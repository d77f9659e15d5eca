// The reviewer's card of one plan in words: the unit's other plans, its out-of-city quota, the similar plans
// of other units, and once decided who decided what; the mapper (cards/review-card.ts) lays it out.
import { reviewCard, type ReviewCardInput } from '../../../cards/review-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDateTime } from '../../../domain/dates.ts';
import { displayValue, PLAN_FIELDS } from '../../../domain/plan.ts';
import { STATUS_LABELS } from '../../../domain/plan-status.ts';
import { similarLine } from '../../../domain/similar-plans.ts';
import { DECISION_WORDS } from '../../../model/plan-record.ts';
import type { PlanRecord } from '../../../ports/plans.ts';
import { reviewCardValues } from '../buttons.ts';
import type { Decision, QuotaFacts, ReviewCardFacts } from '../types.ts';

/** The unit's other plans on a review card: the first ten, then how many more (a unit may have 150). */
const OTHER_PLANS = 10;

function otherPlanLines(others: readonly PlanRecord[]): string[] {
  return [
    ...others
      .slice(0, OTHER_PLANS)
      .map((p) => `${escapeMarkdown(p.number)}《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope ?? ''} ${p.data.budget !== undefined ? displayValue('budget', p.data.budget) : ''} · ${STATUS_LABELS[p.status]}`),
    ...(others.length > OTHER_PLANS ? [`……另有 ${others.length - OTHER_PLANS} 个（共 ${others.length} 个；全部计划见「导出」的汇总表）`] : []),
  ];
}

function quotaLine(q: QuotaFacts | null): string {
  if (!q) return '—';
  return `在编 ${q.staff} 人（含二层单位），${q.rule.replace(/^.*?的单位/, '')}；${q.recent.map((r) => `${r.year}年度 ${r.count} 个`).join('、')}（含本计划）`;
}

const fieldLabel = (k: string) => PLAN_FIELDS.find((f) => f.key === k)?.label ?? k;

/** What a decision is called on the card and in the clicker's toast: 初审通过, 退回修改… */
export function decisionTitle(action: string): string {
  return action === 'submit' ? '已有新版本' : (DECISION_WORDS[action] ?? action);
}

/** A decided card: who decided what when, and what was asked of the unit (the reviewers who did not decide read it there). */
export function outcomeOf(d: Decision): NonNullable<ReviewCardInput['outcome']> {
  const word = DECISION_WORDS[d.action] ?? d.action;
  const color = d.action === 'return' || d.action === 'reject_second' || d.action === 'record_not_approved' ? 'red' : d.action === 'submit' || d.action === 'withdraw' ? 'grey' : 'green';
  const said =
    d.action === 'submit' || d.action === 'withdraw'
      ? []
      : [
          ...(d.comment ? [`意见：${d.comment}`] : []),
          ...(d.fields?.length ? [`需修改：${d.fields.map((f) => `${fieldLabel(f.field)}${f.note ? `（${f.note}）` : ''}`).join('、')}`] : []),
        ];
  return { title: decisionTitle(d.action), text: `${d.by} 于 ${formatDateTime(d.at)} ${word}`, color, ...(said.length ? { notes: said } : {}) };
}

export function reviewCardFrom(f: ReviewCardFacts) {
  return reviewCard({
    plan: f.plan,
    unitName: f.unitName,
    stage: f.stage,
    findings: f.findings,
    resubmission: f.resubmission,
    otherPlans: otherPlanLines(f.others),
    quota: quotaLine(f.quota),
    similar: f.similar.map(similarLine),
    conflicted: f.conflicted,
    outcome: f.decision ? outcomeOf(f.decision) : undefined,
    returnForm: f.returnForm,
    values: reviewCardValues(f.plan),
  });
}
