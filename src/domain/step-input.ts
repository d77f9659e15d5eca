// Reading a reported step [seed 一, 二(一)4-5]: every field with the same tolerant readers as the declaration
// form, then the checks that set it against the plan, the class and the earlier steps (execution-checks.ts).
import { daysBetween, formatDate, parseDateText, type Ymd } from './dates.ts';
import { EXEC_RULES, execFinding, packageProblems, type ExecFinding } from './execution-checks.ts';
import { STEP_FIELDS, type StepData, type StepField, type StepNo } from './execution-steps.ts';
import { findingLine } from './findings.ts';
import { normalizeText, parseWholeNumber, parseYuan } from './parse.ts';
import type { PlanDraft } from './plan-data.ts';

type ReadResult = { ok: true; value: string | number | null } | { ok: false; error: string };

function readField(f: StepField, raw: unknown, today: Ymd): ReadResult {
  const text = raw === null || raw === undefined ? '' : normalizeText(String(raw));
  if (!text) return f.required ? { ok: false, error: `请填写${f.label}，例如：${f.example}` } : { ok: true, value: null };
  switch (f.kind) {
    case 'text':
    case 'multiline':
      return text.length > (f.max ?? 200) ? { ok: false, error: `${f.label}最多 ${f.max} 个字，现在有 ${text.length} 个` } : { ok: true, value: text };
    case 'select':
      return f.choices!.includes(text) ? { ok: true, value: text } : { ok: false, error: `${f.label}只能是${f.choices!.join('、')}` };
    case 'date': {
      // A card's date picker sends "2027-03-01 +0800"; people write 2027/3/1 or 2027年3月1日.
      const day = parseDateText(text.replace(/\s*[+-]\d{4}$/, ''));
      if (!day) return { ok: false, error: `${f.label}不是有效日期，例如：${f.example}` };
      if (day > today) return { ok: false, error: `${f.label}不能晚于今天` };
      return { ok: true, value: day };
    }
    case 'whole': {
      const n = parseWholeNumber(text, ['人', '名', '个']);
      if (n === null || n < 0) return { ok: false, error: `${f.label}应为整数，例如：${f.example}` };
      return n > (f.max ?? 10000) ? { ok: false, error: `${f.label}不能超过 ${f.max}` } : { ok: true, value: n };
    }
    case 'decimal': {
      const t = text.replace(/学时$|课时$|小时$/, '');
      const n = /^\d+(\.\d)?$/.test(t) ? Number(t) : parseWholeNumber(t);
      if (n === null || !(n > 0)) return { ok: false, error: `${f.label}应为大于 0 的数，最多一位小数，例如：${f.example}` };
      return n > (f.max ?? 1e6) ? { ok: false, error: `${f.label}不能超过 ${f.max}` } : { ok: true, value: n };
    }
    case 'yuan': {
      const n = parseYuan(text);
      return n === null ? { ok: false, error: `${f.label}应为不小于 0 的金额，最多两位小数，例如：${f.example}` } : { ok: true, value: n };
    }
  }
}

/**
 * A step as read: its data and the checks it gave rise to (soft, or facts to flag: they do not stop the
 * report); or the fields to correct, each as the text shown under it, and the checks among them.
 */
export type StepInput = { ok: true; data: StepData; warnings: ExecFinding[] } | { ok: false; errors: Record<string, string>; findings: ExecFinding[] };

type StepContext = { today: Ymd; plan: PlanDraft; start: Ymd; end: Ymd; earlier: Partial<Record<StepNo, StepData>> };

type Refusals = Record<string, ExecFinding>;
const NONE: Refusals = {};

/** Values a step cannot be saved with, by field: impossible against the class or the step itself. */
const REFUSALS: Partial<Record<StepNo, (d: StepData, c: StepContext) => Refusals>> = {
  1: (d, c) => packageProblems(d, c),
  2: (d, c) =>
    typeof d.publishedOn === 'string' && d.publishedOn > c.start
      ? { publishedOn: execFinding('published_after_start', 'publishedOn', `发布日期（${formatDate(d.publishedOn)}）晚于开班日期（${formatDate(c.start)}）`) }
      : NONE,
  3: (d) =>
    typeof d.registered === 'number' && typeof d.accepted === 'number' && d.accepted > d.registered
      ? { accepted: execFinding('accepted_over_registered', 'accepted', `审核通过人数（${d.accepted}）多于报名人数（${d.registered}）`) }
      : NONE,
  5: (d, c) => {
    const days = daysBetween(c.start, c.end) + 1;
    const most = days * EXEC_RULES.hours_over_days.limits.perDay;
    return typeof d.hours === 'number' && d.hours > most ? { hours: execFinding('hours_over_days', 'hours', `这一期共 ${days} 天，学时不能超过 ${most}`) } : NONE;
  },
};

/** Unusual values, reported as they are: more people than approved or accepted. */
const WARNINGS: Partial<Record<StepNo, (d: StepData, c: StepContext) => ExecFinding[]>> = {
  3: (d, c) => {
    const planned = c.plan.headcount;
    return planned && typeof d.accepted === 'number' && d.accepted > planned
      ? [execFinding('accepted_over_plan', 'accepted', `审核通过人数（${d.accepted}）多于计划的每期人数（${planned}）`)]
      : [];
  },
  4: (d, c) => {
    if (typeof d.attended !== 'number') return [];
    const accepted = c.earlier[3]?.accepted;
    const planned = c.plan.headcount;
    return [
      ...(typeof accepted === 'number' && d.attended > accepted ? [execFinding('attendance_over_accepted', 'attended', `签到人数（${d.attended}）多于报名审核通过人数（${accepted}）`)] : []),
      ...(planned && d.attended > planned ? [execFinding('attendance_over_plan', 'attended', `签到人数（${d.attended}）多于计划的每期人数（${planned}）`)] : []),
    ];
  },
};

/**
 * Reads a step's fields. `context` gives what the values are compared with: the plan and the class, and for
 * steps 3–4 what earlier steps recorded. Unreadable or impossible values are errors (a rule's with its fix
 * and the notice's words); unusual ones come back as warnings.
 */
export function readStep(step: StepNo, raw: Record<string, unknown>, context: StepContext): StepInput {
  const errors: Record<string, string> = {};
  const findings: ExecFinding[] = [];
  const data: StepData = {};
  for (const f of STEP_FIELDS[step]) {
    const r = readField(f, raw[f.key], context.today);
    if (r.ok) data[f.key] = r.value;
    else errors[f.key] = r.error;
  }
  for (const [key, f] of Object.entries(REFUSALS[step]?.(data, context) ?? {})) {
    if (errors[key]) continue; // the value itself is wrong: that comes first
    errors[key] = findingLine(f);
    findings.push(f);
  }
  if (Object.keys(errors).length) return { ok: false, errors, findings };
  return { ok: true, data, warnings: WARNINGS[step]?.(data, context) ?? [] };
}
