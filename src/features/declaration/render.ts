// Turns the conversation engine's outcomes into what the person sees: a plain-text question with an
// example, a card with buttons for choices, the reason a value was refused, the summary card.
import { escapeMarkdown } from '../../cards/render.ts';
import { questionCard, type Choice } from '../../cards/question-card.ts';
import { summaryCard } from '../../cards/summary-card.ts';
import { displayValue, fieldDef, parsePlan, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import type { ReturnRequest } from '../../domain/review.ts';
import { check, checkPartial, type Finding } from '../../domain/rules.ts';
import { askedFields, flowField, JUSTIFICATION_QUESTION, labelOf } from '../../flows/declare-flow.ts';
import type { EngineContext, Outcome } from '../../flows/declare-engine.ts';
import type { Reply } from '../../bot/reply.ts';
import type { PlanRecord } from '../../ports/plans.ts';

export const FLOW_HINT = '随时可发送：上一步、修改 某项（如「修改 人数」）、跳过（选填项）、保存草稿、取消、帮助。';

const RESTRICTED = new Set([5, 6, 11, 12]);

/** The choices a field offers as buttons, or null for a typed field. */
export function choicesFor(field: PlanFieldKey, draft: PlanDraft, ctx: EngineContext & { family: { code: string; name: string }[] }): Choice[] | null {
  switch (field) {
    case 'budgetCode':
      return ctx.family.map((u, i) => ({ label: i === 0 ? `${u.name}（本单位）` : u.name, value: u.code }));
    case 'scope':
      return [
        { label: '市内', value: '市内' },
        { label: '市外', value: '市外' },
      ];
    case 'mode':
      return [
        { label: '线下', value: '线下' },
        { label: '线上', value: '线上' },
        { label: '线上线下结合', value: '线上线下结合' },
      ];
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        label: `${i + 1}月`,
        value: String(i + 1),
        ...(draft.scope === '市外' && RESTRICTED.has(i + 1) ? { style: 'text' as const } : {}),
      }));
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

/** Findings for the summary: the full check when every field is there, otherwise what is already known. */
export function summaryFindings(draft: PlanDraft, ctx: EngineContext): { findings: Finding[]; missing: string[] } {
  const parsed = parsePlan(draft);
  if (parsed.ok) return { findings: check(parsed.plan, ctx.rules), missing: [] };
  return { findings: checkPartial(draft, ctx.rules), missing: parsed.errors.map((e) => e.label) };
}

export type RenderContext = EngineContext & {
  family: { code: string; name: string }[];
  unitName: string;
  /** The last return of a plan being revised: its comment and the fields asked for. */
  returned?: ReturnRequest;
  /** Other units' declared plans like this one (shown on the summary). */
  similarTo?: (plan: PlanRecord) => Promise<string[]>;
};

/** During a revision, above each question: the value now, and what the reviewer said of this field. */
export function revisionNotes(field: PlanFieldKey, draft: PlanDraft, returned: ReturnRequest | undefined): string[] {
  if (!returned) return [];
  const value = draft[field];
  const now = value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length) ? null : displayValue(field, value);
  const asked = returned.fields.find((f) => f.field === field);
  return [
    ...(now !== null ? [`现在填的是：${now}`] : []),
    ...(asked ? [`审核意见：${asked.note ?? returned.comment}`] : []),
  ];
}

export async function renderOutcome(reply: Reply, outcome: Outcome, plan: PlanRecord, ctx: RenderContext, first = false): Promise<void> {
  const draft = plan.data;
  switch (outcome.status) {
    case 'ask': {
      const notes = [...(outcome.note ? [outcome.note] : []), ...warningText(outcome.warnings), ...revisionNotes(outcome.field, draft, ctx.returned)];
      const choices = choicesFor(outcome.field, draft, ctx);
      const question = questionOf(outcome.field, draft);
      if (choices) {
        await reply.card(
          questionCard({
            planId: plan.id,
            field: outcome.field,
            label: labelOf(outcome.field),
            progress: `${plan.number} · ${progressOf(outcome.field, draft, ctx)}`,
            question,
            notes: notes.length ? notes.map(escapeMarkdown).join('\n') : null,
            choices,
          }),
        );
        return;
      }
      const example = fieldDef(outcome.field).example;
      await reply.text(
        [
          ...notes,
          ...(notes.length ? [''] : []),
          `（${progressOf(outcome.field, draft, ctx)}）${question}`,
          `例：${example}`,
          ...(first ? ['', FLOW_HINT] : []),
        ].join('\n'),
      );
      return;
    }
    case 'retry':
      // An unclear value is asked about (what was typed is kept and completed by the answer), not refused.
      if (outcome.question) {
        await reply.text([outcome.question, ...(outcome.notice ? [`（依据：${outcome.notice}）`] : []), '如果在柳州以外举办，请发送「类别改成市外」。'].join('\n'));
        return;
      }
      await reply.text(
        [
          `没有记下：${outcome.error}。`,
          ...(outcome.suggestion ? [outcome.suggestion.startsWith('例如') ? outcome.suggestion : `建议：${outcome.suggestion}`] : []),
          ...(outcome.notice ? [`（依据：${outcome.notice}）`] : []),
          `请重新填写「${labelOf(outcome.field)}」。`,
        ].join('\n'),
      );
      return;
    case 'summary': {
      const { findings, missing } = summaryFindings(draft, ctx);
      if (outcome.note) await reply.text(outcome.note);
      await reply.card(summaryCard({ plan, unitName: ctx.unitName, findings, missing, similar: (await ctx.similarTo?.(plan)) ?? [] }));
      return;
    }
    case 'confirm':
      await reply.text('确定要取消这份申报吗？取消后草稿会删除（记录仍保留）。回复「确认」取消，回复「继续」接着填写。');
      return;
    case 'cancelled':
      await reply.text(`已取消，草稿 ${plan.number} 已删除。需要时发送「申报」重新开始。`);
      return;
    case 'help':
      await reply.text(
        [
          `您正在填写申报 ${plan.number}${outcome.step === 'summary' ? '，已到汇总确认这一步' : `，当前是「${labelOf(outcome.step)}」`}。直接回复内容即可继续。`,
          FLOW_HINT,
          '填完所有项目后会显示汇总，确认无误点「提交」。',
        ].join('\n'),
      );
      return;
    case 'command':
      return; // handled by the caller
  }
}
