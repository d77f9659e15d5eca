// The declaration conversation as a pure function: step(state, draft, input, ctx) → the next state, the
// fields to save on the draft, and a tagged outcome (ask / retry / summary / confirm / cancelled / help).
// It never talks to Feishu or the database; the draft lives in the plan, the state only says where we are.
import { displayValue, fieldDef, parseField, type PlanDraft, type PlanFieldKey } from '../domain/plan.ts';
import { readPlace } from '../domain/places.ts';
import { checkPartial, type Finding, type RuleContext, type RuleId } from '../domain/rules.ts';
import { normalizeText } from '../domain/parse.ts';
import { askedFields, fieldByName, flowField, FLOW_VERSION, labelOf, type FlowContext } from './declare-flow.ts';

export type Step = PlanFieldKey | 'summary';

export type DeclareState = {
  v: typeof FLOW_VERSION;
  planId: number;
  step: Step;
  /** Fields answered in this conversation, most recent last: 「上一步」 walks back along it. */
  history: PlanFieldKey[];
  /** After 「修改 某项」: where to go once that field is answered. */
  returnTo: Step | null;
  /** Fields still to revisit after the current one (a returned plan's fields), before `returnTo`. */
  queue?: PlanFieldKey[];
  confirming: 'cancel' | null;
  /** A venue that was not taken (no district named, or outside Liuzhou): kept so nothing typed is lost. */
  pending?: { field: PlanFieldKey; text: string } | undefined;
};

export type Input = { kind: 'text'; text: string } | { kind: 'choice'; field: PlanFieldKey; value: string } | { kind: 'resume' };

export type Outcome =
  | { status: 'ask'; field: PlanFieldKey; warnings: Finding[]; note?: string }
  /** `rule`: the rule that refused the value, when one did (not for a value that could not be read). */
  | { status: 'retry'; field: PlanFieldKey; error: string; suggestion?: string | undefined; notice?: string | undefined; question?: string | undefined; rule?: RuleId }
  | { status: 'summary'; warnings: Finding[]; note?: string }
  | { status: 'confirm'; what: 'cancel' }
  | { status: 'cancelled' }
  | { status: 'help'; step: Step }
  /** A command the conversation does not handle itself (提交, 保存草稿 …): the caller runs it. */
  | { status: 'command'; command: 'submit' | 'save' };

export type EngineContext = FlowContext & { rules: RuleContext };

export type StepResult = { state: DeclareState; changes: PlanDraft; outcome: Outcome };

export function startState(planId: number, draft: PlanDraft, ctx: EngineContext): DeclareState {
  return { v: FLOW_VERSION, planId, step: nextStep(draft, ctx, null), history: [], returnTo: null, confirming: null };
}

/** The first asked field after `after` (or from the start) that has no answer yet; else the summary. */
export function nextStep(draft: PlanDraft, ctx: FlowContext, after: PlanFieldKey | null): Step {
  const fields = askedFields(draft, ctx);
  const start = after ? fields.findIndex((f) => f.key === after) + 1 : 0;
  return fields.slice(start).find((f) => draft[f.key] === undefined)?.key ?? fields.find((f) => draft[f.key] === undefined)?.key ?? 'summary';
}

/** Where the conversation is asking now, as an outcome (for 「继续」 and after a restart). */
export function current(state: DeclareState): Outcome {
  return state.step === 'summary' ? { status: 'summary', warnings: [] } : { status: 'ask', field: state.step, warnings: [] };
}

const WORDS = {
  back: /^(上一步|上一题|返回|退回上一步|后退)$/,
  skip: /^(跳过|没有|无|不填|略过)$/,
  cancel: /^(取消|不填了|退出|放弃|取消申报)$/,
  yes: /^(确认|确定|是|是的|确认取消|确定取消|好|好的)$/,
  resume: /^(继续|接着填|继续填写|否|不|不取消)$/,
  help: /^(帮助|help|\?|？|怎么填|不会填)$/i,
  submit: /^(提交|确认提交|提交申报)$/,
  save: /^(保存|保存草稿|先保存|稍后再填)$/,
};

/** 「修改 人数」「改月份」 → the field; 「人数改成40」「月份：10月」 → the field and the new value. */
export function parseRepair(text: string): { field: PlanFieldKey; value?: string } | null {
  const jump = /^(?:修改|改|更改|重填|重新填写?)\s*(.+)$/.exec(text);
  if (jump) {
    const field = fieldByName(jump[1]!);
    if (field) return { field };
  }
  const set = /^(.{1,8}?)\s*(?:改成|改为|换成|更正为|应为|是|[:：=])\s*(.+)$/.exec(text);
  if (set) {
    const field = fieldByName(set[1]!);
    if (field) return { field, value: set[2]!.trim() };
  }
  return null;
}

function ask(state: DeclareState, warnings: Finding[] = [], note?: string): StepResult {
  const extra = note ? { note } : {};
  const outcome: Outcome = state.step === 'summary' ? { status: 'summary', warnings, ...extra } : { status: 'ask', field: state.step, warnings, ...extra };
  return { state, changes: {}, outcome };
}

/** Reads a value for a field; hard findings the new value causes send the same question back. */
function answer(field: PlanFieldKey, raw: string, draft: PlanDraft, ctx: EngineContext): { ok: true; value: unknown; warnings: Finding[] } | { ok: false; outcome: Outcome } {
  const parsed = parseField(field, raw);
  if (!parsed.ok) return { ok: false, outcome: { status: 'retry', field, error: parsed.error, suggestion: `例如：${fieldDef(field).example}` } };
  // Judged without the field's old value: a value asked again (after a switch of scope) is checked afresh.
  const { [field]: _old, ...without } = draft;
  const before = new Set(checkPartial(without, ctx.rules).map((f) => `${f.rule}:${f.message}`));
  const after = checkPartial({ ...draft, [field]: parsed.value }, ctx.rules).filter((f) => !before.has(`${f.rule}:${f.message}`));
  const hard = after.find((f) => f.severity === 'hard' && (f.field === field || f.field === null));
  if (hard) return { ok: false, outcome: { status: 'retry', field, error: hard.message, suggestion: hard.suggestion, notice: hard.notice, question: hard.question, rule: hard.rule } };
  return { ok: true, value: parsed.value, warnings: after.filter((f) => f.severity === 'soft' || f.field !== field) };
}

/** A refused answer: the same question again, and a venue kept to be completed by the next answer. */
function refused(state: DeclareState, field: PlanFieldKey, raw: string, outcome: Outcome): StepResult {
  return { state: field === 'location' && field === state.step ? { ...state, pending: { field, text: raw } } : state, changes: {}, outcome };
}

/**
 * An answer to the question about a venue that named no district: a bare district or county (「城中区」)
 * completes the venue typed before (「柳州市城中区市委党校」); anything else is the new venue as typed.
 */
function completed(state: DeclareState, field: PlanFieldKey, raw: string): string {
  if (field !== 'location' || state.pending?.field !== 'location') return raw;
  const place = readPlace(raw);
  return place.where === 'inside' && place.rest === '' && !raw.includes(state.pending.text) ? `${place.division}${state.pending.text}` : raw;
}

/**
 * Fields answered before that must be asked again after a change: the venue and the institution when the
 * scope switches (市内 must be held in Liuzhou [二(二)四], 市外 goes to a listed base [二(二)三]); the venue when
 * an online class is no longer online. A venue refused just before counts as answered.
 */
function reasked(state: DeclareState, field: PlanFieldKey, before: PlanDraft, after: PlanDraft): PlanFieldKey[] {
  const answered = (k: PlanFieldKey) => before[k] !== undefined || state.pending?.field === k;
  if (field === 'scope' && before.scope !== undefined && before.scope !== after.scope) return (['location', 'institution'] as const).filter(answered);
  if (field === 'mode' && before.mode === '线上' && after.mode !== '线上' && before.location === null) return ['location'];
  return [];
}

/** Asks `again` next (then the queue, then `back`); a venue refused just before is tried under the new scope first. */
function reask(state: DeclareState, draft: PlanDraft, ctx: EngineContext, changes: PlanDraft, warnings: Finding[], again: PlanFieldKey[], back: Step | null): StepResult {
  const next: PlanDraft = { ...draft, ...changes };
  let fields = again;
  let all = changes;
  const notes: string[] = [];
  const pending = state.pending;
  if (pending && fields.includes(pending.field)) {
    const a = answer(pending.field, pending.text, next, ctx);
    if (a.ok) {
      all = { ...all, [pending.field]: a.value };
      fields = fields.filter((f) => f !== pending.field);
      notes.push(`已把「${labelOf(pending.field)}」记为：${displayValue(pending.field, a.value)}。`);
    }
  }
  const why = changes.scope !== undefined ? `培训类别改为「${changes.scope}」` : `培训方式改为「${changes.mode}」`;
  if (fields.length) notes.unshift(`${why}，请重新填写${fields.map((f) => `${labelOf(f)}（原来是「${displayValue(f, draft[f])}」）`).join('、')}。`);
  else notes.unshift(`${why}。`);
  const [first, ...rest] = fields;
  const s: DeclareState = first
    ? { ...state, step: first, queue: [...rest, ...(state.queue ?? [])], returnTo: back, pending: undefined, confirming: null }
    : { ...state, step: back ?? nextStep({ ...next, ...all }, ctx, null), queue: state.queue ?? [], returnTo: null, pending: undefined, confirming: null };
  return { ...ask(s, warnings.filter((w) => !w.field || !again.includes(w.field)), notes.join('')), changes: all };
}

/** The fields an answer sets: the unit's name comes with its code, from the registry. */
function changesOf(field: PlanFieldKey, value: unknown, ctx: EngineContext): PlanDraft {
  if (field !== 'budgetCode') return { [field]: value };
  const unit = ctx.rules.units.find((u) => u.code === value);
  return { budgetCode: value as string, ...(unit ? { unitName: unit.name } : {}) };
}

/** Saves the answer to the field being asked and moves on: back to where a repair started, or to the next open question. */
function advance(state: DeclareState, draft: PlanDraft, ctx: EngineContext, field: PlanFieldKey, value: unknown, warnings: Finding[]): StepResult {
  const next: PlanDraft = { ...draft, [field]: value };
  const again = reasked(state, field, draft, next);
  if (again.length) {
    const moved = { ...state, history: [...state.history.filter((h) => h !== field), field] };
    return reask(moved, draft, ctx, changesOf(field, value, ctx), warnings, again, state.returnTo);
  }
  const [queued, ...rest] = state.queue ?? [];
  const s: DeclareState = {
    ...state,
    step: queued ?? state.returnTo ?? nextStep(next, ctx, field),
    returnTo: queued ? state.returnTo : null,
    queue: rest,
    history: [...state.history.filter((h) => h !== field), field],
    confirming: null,
    pending: undefined,
  };
  return { ...ask(s, warnings), changes: changesOf(field, value, ctx) };
}

export function step(state: DeclareState, draft: PlanDraft, input: Input, ctx: EngineContext): StepResult {
  if (input.kind === 'resume') return ask({ ...state, confirming: null });
  if (input.kind === 'choice') return setField(state, draft, input.field, input.value, ctx);

  const text = normalizeText(input.text);
  if (state.confirming === 'cancel') {
    if (WORDS.yes.test(text) || WORDS.cancel.test(text)) return { state: { ...state, confirming: null }, changes: {}, outcome: { status: 'cancelled' } };
    return ask({ ...state, confirming: null }, [], '好的，接着填写。');
  }
  if (WORDS.cancel.test(text)) return { state: { ...state, confirming: 'cancel' }, changes: {}, outcome: { status: 'confirm', what: 'cancel' } };
  if (WORDS.help.test(text)) return { state, changes: {}, outcome: { status: 'help', step: state.step } };
  if (WORDS.resume.test(text)) return ask(state);
  if (WORDS.back.test(text)) {
    const previous = [...state.history].reverse().find((h) => h !== state.step);
    if (!previous) return ask(state, [], '已经是第一项了。');
    return ask({ ...state, step: previous, history: state.history.slice(0, state.history.lastIndexOf(previous)), returnTo: null });
  }
  if (state.step === 'summary') {
    if (WORDS.submit.test(text)) return { state, changes: {}, outcome: { status: 'command', command: 'submit' } };
    if (WORDS.save.test(text)) return { state, changes: {}, outcome: { status: 'command', command: 'save' } };
  } else if (WORDS.save.test(text)) {
    return { state, changes: {}, outcome: { status: 'command', command: 'save' } };
  }

  const repair = parseRepair(text);
  if (repair && repair.value === undefined) {
    const returnTo = state.returnTo ?? (state.step === repair.field ? null : state.step);
    return ask({ ...state, step: repair.field, returnTo });
  }
  if (repair && repair.value !== undefined && repair.field !== state.step) return setField(state, draft, repair.field, repair.value, ctx);
  if (state.step === 'summary') {
    return ask(state, [], '请点击卡片上的按钮，或发送「提交」「保存草稿」「修改 人数」这样的指令。');
  }

  const field = state.step;
  if (WORDS.skip.test(text)) {
    if (field === 'justification' || flowField(field)?.optional?.(draft)) {
      return advance(state, draft, ctx, field, field === 'jointUnits' ? [] : null, []);
    }
    return { state, changes: {}, outcome: { status: 'retry', field, error: `「${labelOf(field)}」必须填写，不能跳过`, suggestion: `例如：${fieldDef(field).example}` } };
  }
  const raw = completed(state, field, repair?.field === field ? repair.value! : text);
  const a = answer(field, raw, draft, ctx);
  if (!a.ok) return refused(state, field, raw, a.outcome);
  return advance(state, draft, ctx, field, a.value, a.warnings);
}

/** A value for a field other than the one being asked (「人数改成40」, a button of an earlier card). */
function setField(state: DeclareState, draft: PlanDraft, field: PlanFieldKey, raw: string, ctx: EngineContext): StepResult {
  if (field === state.step) {
    const value = completed(state, field, raw);
    const a = answer(field, value, draft, ctx);
    if (!a.ok) return refused(state, field, value, a.outcome);
    return advance(state, draft, ctx, field, a.value, a.warnings);
  }
  const a = answer(field, raw, draft, ctx);
  // A venue typed out of turn that names no district: the conversation goes to the venue to ask, then comes back.
  if (!a.ok && a.outcome.status === 'retry' && a.outcome.question) {
    return refused({ ...state, step: field, returnTo: state.returnTo ?? state.step, confirming: null }, field, raw, a.outcome);
  }
  if (!a.ok) return refused(state, field, raw, a.outcome);
  const again = reasked(state, field, draft, { ...draft, [field]: a.value });
  // Back to the question we were at, unless it is one of those asked again.
  if (again.length) return reask(state, draft, ctx, changesOf(field, a.value, ctx), a.warnings, again, state.returnTo ?? (again.includes(state.step as PlanFieldKey) ? null : state.step));
  // Stay where we were: a later question answered early will simply not be asked again.
  // Shown as on the summary: 40人, 5月, 36,000.00元.
  return { ...ask(state, a.warnings, `已把「${labelOf(field)}」改为：${displayValue(field, a.value)}。`), changes: changesOf(field, a.value, ctx) };
}
