// How the conversation reads at each step: a plain-text question with an example, a card with buttons for
// choices, the reason a value was not taken, the summary card, the confirmation of 取消, help.
import { questionCard, type Choice } from '../../cards/question-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { summaryCard } from '../../cards/summary-card.ts';
import { displayValue, fieldDef, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import type { ReturnRequest } from '../../domain/review.ts';
import { ruleById, type Finding, type RuleId } from '../../domain/rules.ts';
import { similarLine, type SimilarPlan } from '../../domain/similar-plans.ts';
import { askedFields, flowField, JUSTIFICATION_QUESTION, labelOf } from '../../flows/declare-flow.ts';
import type { EngineContext, Outcome } from '../../flows/declare-engine.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { values } from './buttons.ts';
import type { Said } from './said.ts';
import { summaryFindings, type PlanSummary, type StepView, type ViewContext } from './view.ts';

export const FLOW_HINT = '随时可发送：上一步、修改 某项（如「修改 人数」）、跳过（选填项）、保存草稿、取消、帮助。';

/** Months an out-of-city class should avoid [seed 二(二)三], as the rule holds them: shown as quieter buttons. */
const RESTRICTED: ReadonlySet<number> = new Set(ruleById('out_of_city_month').limits.months);

type Option = { label: string; value: string; style?: 'text' };

/** The choices a field offers as buttons, or null for a typed field. */
export function choicesFor(field: PlanFieldKey, draft: PlanDraft, ctx: Pick<ViewContext, 'family'>): Option[] | null {
  switch (field) {
    case 'budgetCode':
      return ctx.family.map((u, i) => ({ label: i === 0 ? `${u.name}（本单位）` : u.name, value: u.code }));
    case 'scope':
      return ['市内', '市外'].map((s) => ({ label: s, value: s }));
    case 'mode':
      return ['线下', '线上', '线上线下结合'].map((m) => ({ label: m, value: m }));
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1}月`, value: String(i + 1), ...(draft.scope === '市外' && RESTRICTED.has(i + 1) ? { style: 'text' as const } : {}) }));
    default:
      return null;
  }
}

function warningText(warnings: Finding[]): string[] {
  return warnings.map((w) =>
    w.severity === 'hard'
      ? `❌ ${w.message}（提交前需要改正）。${w.suggestion ? `建议：${w.suggestion}。` : ''}（依据：${w.notice}）`
      : `⚠️ ${w.message}。这是原则性要求，提交时需要填写情况说明。${w.suggestion ? `建议：${w.suggestion}。` : ''}（依据：${w.notice}）`,
  );
}

export function progressOf(field: PlanFieldKey, draft: PlanDraft, ctx: EngineContext): string {
  const fields = askedFields(draft, ctx);
  const i = fields.findIndex((f) => f.key === field);
  return i >= 0 ? `第 ${i + 1} 项，共 ${fields.length} 项` : '补充';
}

export function questionOf(field: PlanFieldKey, draft: PlanDraft): string {
  return field === 'justification' ? JUSTIFICATION_QUESTION : (flowField(field)?.question(draft) ?? `请填写${labelOf(field)}。`);
}

/** During a revision, above each question: the value now, and what the reviewer said of this field. */
export function revisionNotes(field: PlanFieldKey, draft: PlanDraft, returned: ReturnRequest | undefined): string[] {
  if (!returned) return [];
  const value = draft[field];
  const now = value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length) ? null : displayValue(field, value);
  const asked = returned.fields.find((f) => f.field === field);
  return [...(now !== null ? [`现在填的是：${now}`] : []), ...(asked ? [`审核意见：${asked.note ?? returned.comment}`] : [])];
}

/** The summary card of a plan, its buttons this feature's. */
export function summaryCardOf(s: PlanSummary & { similar?: SimilarPlan[] }) {
  const { plan } = s;
  return summaryCard({
    plan,
    unitName: s.unitName,
    findings: s.findings,
    missing: s.missing,
    ...(s.similar ? { similar: s.similar.map(similarLine) } : {}),
    actions: { submit: values.summary(plan, 'submit'), justify: values.summary(plan, 'justify'), save: values.summary(plan, 'save'), cancel: values.summary(plan, 'cancel'), editField: values.editField(plan.id) },
  });
}

function asked(v: StepView, o: Extract<Outcome, { status: 'ask' }>): Said[] {
  const { plan, ctx } = v;
  const draft = plan.data;
  const notes = [...(o.note ? [o.note] : []), ...warningText(o.warnings), ...revisionNotes(o.field, draft, ctx.returned)];
  const question = questionOf(o.field, draft);
  const options = choicesFor(o.field, draft, ctx);
  if (options) {
    const choices: Choice[] = options.map((c) => ({ label: c.label, value: values.answer(plan.id, o.field, c.value), ...(c.style ? { style: c.style } : {}) }));
    const progress = `${plan.number} · ${progressOf(o.field, draft, ctx)}`;
    return [{ card: questionCard({ label: labelOf(o.field), progress, question, notes: notes.length ? notes.map(escapeMarkdown).join('\n') : null, choices }) }];
  }
  const text = [...notes, ...(notes.length ? [''] : []), `（${progressOf(o.field, draft, ctx)}）${question}`, `例：${fieldDef(o.field).example}`, ...(v.first ? ['', FLOW_HINT] : [])];
  return [{ text: text.join('\n') }];
}

/** A rule only about classes held in the city: switching the class to 市外 is a way out of it. */
const inCityOnly = (id: RuleId | undefined) => (id ? ruleById(id).when.scope?.every((s) => s === '市内') === true : false);

function retried(o: Extract<Outcome, { status: 'retry' }>): Said[] {
  const basis = o.notice ? [`（依据：${o.notice}）`] : [];
  const elsewhere = inCityOnly(o.rule) ? ['如果在柳州以外举办，请发送「类别改成市外」。'] : [];
  // An unclear value is asked about (what was typed is kept and completed by the answer), not refused.
  if (o.question) return [{ text: [o.question, ...basis, ...elsewhere].join('\n') }];
  const suggestion = o.suggestion ? [o.suggestion.startsWith('例如') ? o.suggestion : `建议：${o.suggestion}`] : [];
  return [{ text: [`没有记下：${o.error}。`, ...suggestion, ...basis, `请重新填写「${labelOf(o.field)}」。`].join('\n') }];
}

function helped(plan: PlanRecord, o: Extract<Outcome, { status: 'help' }>): Said[] {
  const where = o.step === 'summary' ? '，已到汇总确认这一步' : `，当前是「${labelOf(o.step)}」`;
  return [{ text: [`您正在填写申报 ${plan.number}${where}。直接回复内容即可继续。`, FLOW_HINT, '填完所有项目后会显示汇总，确认无误点「提交」。'].join('\n') }];
}

/** What the person sees at this point of the conversation. */
export function stepSaid(v: StepView): Said[] {
  const o = v.outcome;
  switch (o.status) {
    case 'ask':
      return asked(v, o);
    case 'retry':
      return retried(o);
    case 'summary': {
      const card = summaryCardOf({ plan: v.plan, unitName: v.ctx.unitName, ...summaryFindings(v.plan.data, v.ctx), similar: v.similar });
      return [...(o.note ? [{ text: o.note }] : []), { card }];
    }
    case 'confirm':
      return [{ text: '确定要取消这份申报吗？取消后草稿会删除（记录仍保留）。回复「确认」取消，回复「继续」接着填写。' }];
    case 'cancelled':
      return [{ text: `已取消，草稿 ${v.plan.number} 已删除。需要时发送「申报」重新开始。` }];
    case 'help':
      return helped(v.plan, o);
    case 'command':
      return []; // run by the use case
  }
}
