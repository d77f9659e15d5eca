// The shape of every verdict the bot passes [STYLE.md "Seed rules are named data"]: the rule, hard or soft
// (soft where the notice says 原则上), what is wrong with these values, the notice's words and section, and
// the fix. Declaration rules (rules.ts) and execution checks (execution-checks.ts) both return it, so chat,
// cards and spreadsheets say the same thing everywhere.
export type Severity = 'hard' | 'soft';

export type Checked<R extends string = string, F extends string = string> = {
  rule: R;
  severity: Severity;
  /** The field to change; null when the whole is concerned. */
  field: F | null;
  /** What is wrong, in plain Chinese, with these values. */
  message: string;
  /** The notice's words and section, e.g. 市内培训项目须在本市行政区域内举办〔二(二)四〕. */
  notice: string;
  suggestion?: string | undefined;
};

const stop = (t: string) => t.replace(/[。；;，,\s]+$/, '');

/** A verdict in one line, for a list or a cell: what is wrong, how to fix it, and where the notice says so. */
export function findingLine(f: Pick<Checked, 'message' | 'notice' | 'suggestion'>): string {
  return `${stop(f.message)}。${f.suggestion ? `建议：${stop(f.suggestion)}。` : ''}依据：${f.notice}`;
}

export type Verdict<F extends Checked = Checked> =
  | { canSubmit: true; needsJustification: boolean }
  | { canSubmit: false; reason: 'hard'; blocking: F[] }
  | { canSubmit: false; reason: 'justification'; soft: F[] };

/** Hard findings block; soft findings need a written justification (情况说明) that reviewers will see. */
export function verdict<F extends Checked>(findings: readonly F[], justification: string | null | undefined): Verdict<F> {
  const hard = findings.filter((f) => f.severity === 'hard');
  if (hard.length) return { canSubmit: false, reason: 'hard', blocking: hard };
  const soft = findings.filter((f) => f.severity === 'soft');
  if (soft.length && !justification?.trim()) return { canSubmit: false, reason: 'justification', soft };
  return { canSubmit: true, needsJustification: soft.length > 0 };
}
