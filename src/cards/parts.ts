// Small pieces shared by the card builders.
import { displayValue, type PlanDraft, type PlanFieldKey, PLAN_FIELDS } from '../domain/plan.ts';
import type { Finding } from '../domain/rules.ts';
import { escapeMarkdown } from './render.ts';

/** Buttons side by side (wrapping on a phone): one auto-width column each. */
export function buttonRow(buttons: Record<string, unknown>[]): Record<string, unknown>[] {
  return buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] }));
}

/** The plan's fields as markdown lines in the form's order; only answered fields unless `all`. */
export function fieldLines(draft: PlanDraft, all = false): string {
  return PLAN_FIELDS.filter((f) => f.key !== 'justification' && (all || draft[f.key] !== undefined))
    .map((f) => `**${f.label}**　${escapeMarkdown(displayValue(f.key, draft[f.key]))}`)
    .join('\n');
}

const COLORS = { hard: 'red', soft: 'orange' } as const;

/** Findings as coloured markdown with the notice's words and the fix: red blocks, amber needs a 情况说明. */
export function findingLines(findings: readonly Finding[]): string {
  if (!findings.length) return "<font color='green'>✅ 符合通知的各项要求</font>";
  return findings
    .map((f) => {
      const head = f.severity === 'hard' ? '❌ 不符合要求' : '⚠️ 原则性要求，需填写情况说明';
      const lines = [`<font color='${COLORS[f.severity]}'>${head}：${escapeMarkdown(f.message)}</font>`, `　依据：${escapeMarkdown(f.notice)}`];
      if (f.suggestion) lines.push(`　建议：${escapeMarkdown(f.suggestion)}`);
      return lines.join('\n');
    })
    .join('\n');
}

export function fieldOptions(keys: readonly PlanFieldKey[]) {
  return keys.map((k) => ({ text: { tag: 'plain_text', content: PLAN_FIELDS.find((f) => f.key === k)!.label }, value: k }));
}
