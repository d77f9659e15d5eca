// Recording classes and reporting their steps [seed 一; DOMAIN.md "Execution"]. Only the unit that declared an
// approved plan records its classes; each write is conditional on the version the person's card showed, so a
// double click or two colleagues at once produce one write and a clear message to the other.
import { classCard, newClassCard, type StepForm } from '../../cards/class-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { beijingYmd } from '../../domain/dates.ts';
import { execFinding, type ExecFinding } from '../../domain/execution-checks.ts';
import { findingLine } from '../../domain/findings.ts';
import { attendanceDeviations, checkClassDates, CIRCLED, classLabel, classTimeline, formatRange, packageDeviations, readStep, dueText, STEP_FIELDS, STEPS, yuanText, type StepData, type StepNo } from '../../domain/execution.ts';
import type { Person } from '../../domain/people.ts';
import { APPROVED_STATUSES } from '../../domain/plan-status.ts';
import type { Logger } from '../../logger.ts';
import type { CardResponse } from '../../inbound.ts';
import type { ExecutionDeps } from './deps.ts';
import type { Linked } from './types.ts';
import { sendPackageForReview } from './package.ts';
import { classViewOf, loadClass, type LoadedClass } from './view.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';

const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });
const warn = (lines: (string | ExecFinding)[]) =>
  lines.length ? lines.map((l) => `<font color='orange'>⚠️ ${escapeMarkdown(typeof l === 'string' ? l : findingLine(l))}</font>`).join('\n') : undefined;


/** The plan if this person's unit may record its execution: approved, and declared by their unit. */
export async function executablePlan(deps: ExecutionDeps, person: Person | null, planId: number): Promise<{ ok: true; plan: PlanRecord } | { ok: false; message: string }> {
  if (!person?.unitCode) return { ok: false, message: '您还没有关联单位' };
  const plan = await deps.plans.get(planId);
  if (!plan || plan.unitCode !== person.unitCode) return { ok: false, message: '找不到这个计划' };
  if (!APPROVED_STATUSES.includes(plan.status)) return { ok: false, message: `计划 ${plan.number} 还没有审批通过，不能登记执行情况` };
  return { ok: true, plan };
}

/** The class if this person's unit runs it. */
export async function ownClass(deps: ExecutionDeps, person: Person | null, classId: number): Promise<{ ok: true; l: LoadedClass } | { ok: false; message: string }> {
  const l = await loadClass(deps, classId);
  if (!l || !person?.unitCode || l.plan.unitCode !== person.unitCode) return { ok: false, message: '找不到这一期培训' };
  return { ok: true, l };
}

export async function classCardOf(deps: ExecutionDeps, l: LoadedClass, opts: Parameters<typeof classCard>[1] = {}) {
  return classCard(await classViewOf(deps, l, deps.clock.now()), opts);
}

async function existingLines(deps: ExecutionDeps, planId: number): Promise<{ lines: string[]; nextSeq: number; active: number }> {
  const all = await deps.classes.of([planId]);
  const active = all.filter((c) => c.status === 'active');
  return {
    lines: active.map((c) => `- 第${c.seq}期　${formatRange(c.start, c.end)}`),
    nextSeq: all.reduce((m, c) => Math.max(m, c.seq), 0) + 1,
    active: active.length,
  };
}

/** 登记开班: the form for the next class of a plan, or why there is none. */
export async function newClassForm(deps: ExecutionDeps, plan: PlanRecord, values: { start?: string; end?: string } = {}, errors: { start?: string; end?: string } = {}) {
  const e = await existingLines(deps, plan.id);
  const sessions = plan.data.sessions ?? 1;
  if (e.active >= sessions) return { full: true as const, message: `计划 ${plan.number} 批准 ${sessions} 期，已全部登记。如日期有变，请在那一期的卡片上「修改日期」` };
  return { full: false as const, card: newClassCard({ planId: plan.id, planNumber: plan.number, title: plan.data.title ?? '', plan: plan.data, seq: e.nextSeq, existing: e.lines, values, errors }) };
}

const dateText = (v: unknown) => (typeof v === 'string' ? v.replace(/\s*[+-]\d{4}$/, '').trim() : undefined);

/** Saves a new class from the form; the answer is the class card (or the form again with what was wrong). */
export async function recordClass(deps: ExecutionDeps, person: Linked, plan: PlanRecord, raw: Record<string, unknown>, log: Logger, afterCreate: (classId: number) => Promise<void>): Promise<CardResponse> {
  const now = deps.clock.now();
  const values = { start: dateText(raw.start), end: dateText(raw.end) };
  const cal = await loadWorkCalendar(deps);
  const checked = checkClassDates(values, { planYear: plan.year, planDays: plan.data.days, today: beijingYmd(now), cal, packageApproved: false });
  if (!checked.ok) {
    const form = await newClassForm(deps, plan, values, checked.errors);
    return form.full ? toast('error', form.message) : toast('error', Object.values(checked.errors)[0]!, form.card);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const e = await existingLines(deps, plan.id);
    if (e.active >= (plan.data.sessions ?? 1)) return toast('error', `计划 ${plan.number} 批准 ${plan.data.sessions ?? 1} 期，已全部登记`);
    const cls = await deps.classes.add({
      planId: plan.id,
      seq: e.nextSeq,
      start: checked.dates.start,
      end: checked.dates.end,
      source: 'chat',
      at: now,
      event: { at: now, actor: person.openId, action: 'class_add', fromStatus: null, toStatus: null, comment: null, changes: null, details: { what: `第${e.nextSeq}期 ${formatRange(checked.dates.start, checked.dates.end)}` }, channel: 'card' },
    });
    if (!cls) continue; // a colleague took this 期次 a moment ago: take the next
    log.info({ planId: plan.id, classId: cls.id }, 'class recorded');
    await afterCreate(cls.id);
    const l = (await loadClass(deps, cls.id))!;
    return toast('success', `已登记${classLabel(plan.number, cls.seq)}`, await classCardOf(deps, l, { notice: warn(checked.warnings) ?? `已登记。下一步：点「报送①培训包」，审核通过后方可开班。` }));
  }
  return toast('error', '登记没有成功，请稍后重试');
}

export async function changeDates(deps: ExecutionDeps, person: Linked, l: LoadedClass, raw: Record<string, unknown>, log: Logger, afterChange: (classId: number) => Promise<void>): Promise<CardResponse> {
  const now = deps.clock.now();
  const values = { start: dateText(raw.start), end: dateText(raw.end) };
  const checked = checkClassDates(values, { planYear: l.plan.year, planDays: l.plan.data.days, today: beijingYmd(now), cal: await loadWorkCalendar(deps), packageApproved: l.steps.get(1)?.status === 'done' });
  if (!checked.ok) return toast('error', Object.values(checked.errors)[0]!, await classCardOf(deps, l, { datesForm: { values, errors: checked.errors } }));
  if (checked.dates.start === l.cls.start && checked.dates.end === l.cls.end) return toast('info', '日期没有变化', await classCardOf(deps, l));
  const updated = await deps.classes.update({
    id: l.cls.id,
    version: l.cls.version,
    start: checked.dates.start,
    end: checked.dates.end,
    at: now,
    event: {
      at: now,
      actor: person.openId,
      action: 'class_edit',
      fromStatus: null,
      toStatus: null,
      comment: null,
      changes: null,
      details: { classId: l.cls.id, what: `第${l.cls.seq}期 ${formatRange(l.cls.start, l.cls.end)} → ${formatRange(checked.dates.start, checked.dates.end)}` },
      channel: 'card',
    },
  });
  if (!updated) return toast('warning', '这一期刚刚被别人修改过，已显示最新内容', await classCardOf(deps, (await loadClass(deps, l.cls.id))!));
  log.info({ classId: l.cls.id }, 'class dates changed');
  await afterChange(l.cls.id);
  return toast('success', '已修改日期', await classCardOf(deps, (await loadClass(deps, l.cls.id))!, { notice: warn(checked.warnings) }));
}

export async function cancelClass(deps: ExecutionDeps, person: Linked, l: LoadedClass, shownVersion: number | undefined): Promise<CardResponse> {
  if (l.steps.size) return toast('error', '这一期已经填报过执行情况，不能取消');
  // Only the class as the card showed it: a replayed or outdated 确认取消 cancels nothing.
  if (shownVersion !== l.cls.version) return toast('warning', '这一期在卡片发出后已有变化，已显示最新内容', await classCardOf(deps, l));
  const now = deps.clock.now();
  const updated = await deps.classes.update({
    id: l.cls.id,
    version: shownVersion,
    status: 'cancelled',
    at: now,
    event: { at: now, actor: person.openId, action: 'class_cancel', fromStatus: null, toStatus: null, comment: null, changes: null, details: { classId: l.cls.id, what: `第${l.cls.seq}期` }, channel: 'card' },
  });
  if (!updated) return toast('warning', '这一期刚刚被别人修改过，已显示最新内容', await classCardOf(deps, (await loadClass(deps, l.cls.id))!));
  return toast('success', '已取消这一期', await classCardOf(deps, (await loadClass(deps, l.cls.id))!, { notice: '这一期已取消，不再提醒。如需重新登记，发送「执行」。' }));
}

/** The values a step's form starts with: what was reported, else (for the package) the approved plan. */
export function formValues(l: LoadedClass, step: StepNo): Record<string, string> {
  const r = l.steps.get(step);
  const src: Record<string, unknown> = r ? r.data : step === 1 ? { mode: l.plan.data.mode, scope: l.plan.data.scope, institution: l.plan.data.institution, location: l.plan.data.location, headcount: l.plan.data.headcount } : {};
  const out: Record<string, string> = {};
  for (const f of STEP_FIELDS[step]) {
    const v = src[f.key];
    if (v !== undefined && v !== null && v !== '') out[f.key] = String(v);
  }
  return out;
}

/** 填报: the step's form on the class card, or why it cannot be reported yet. */
export async function openStep(deps: ExecutionDeps, l: LoadedClass, step: StepNo, openId: string): Promise<CardResponse> {
  const view = await classViewOf(deps, l, deps.clock.now());
  const state = view.timeline[step - 1]!;
  if (l.cls.status !== 'active') return toast('error', '这一期已取消');
  if (step === 1 && state.done) return toast('info', '培训包已审核通过，不能再修改；如需变更请联系审核人员');
  if (state.blockedBy && !(step === 1 && state.pending === 'submitted')) return toast('warning', state.blockedBy);
  if (step === 1) {
    // Files sent while the package form is open are its attachments.
    await deps.fileIntents.set(openId, { kind: 'package', targetId: l.cls.id, expiresAt: new Date(deps.clock.now().getTime() + 24 * 3600_000) });
  }
  return toast('info', `请填写${CIRCLED[step]}${STEPS[step].name}`, classCard(view, { form: { step, values: formValues(l, step), errors: {} } }));
}

/** What was typed, to show in the form again: as typed, only the date pickers' " +0800" taken off. */
function rawStrings(step: StepNo, raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of STEP_FIELDS[step]) {
    const v = raw[f.key];
    if (typeof v === 'string' || typeof v === 'number') out[f.key] = f.kind === 'date' ? (dateText(String(v)) ?? '') : String(v);
  }
  return out;
}

/** Saves one step from its form (v: the step version the card showed, 0 when new). */
export async function saveStep(deps: ExecutionDeps, person: Linked, l: LoadedClass, step: StepNo, v: number, raw: Record<string, unknown>, log: Logger): Promise<CardResponse> {
  const now = deps.clock.now();
  const cal = await loadWorkCalendar(deps);
  const view = await classViewOf(deps, l, now, cal);
  const state = view.timeline[step - 1]!;
  const current = l.steps.get(step);
  if (l.cls.status !== 'active') return toast('error', '这一期已取消');
  if (step === 1 && current?.status === 'done') return toast('info', '培训包已审核通过，不能再修改', classCard(view));
  if (state.blockedBy && !(step === 1 && state.pending === 'submitted')) return toast('warning', state.blockedBy, classCard(view));
  if ((current?.version ?? 0) !== v) {
    return toast('warning', '这一步刚刚被别人（或另一个窗口）填报过，已显示最新内容，请核对', classCard(view, { form: { step, values: { ...formValues(l, step), ...rawStrings(step, raw) }, errors: {} } }));
  }
  const earlier: Partial<Record<StepNo, StepData>> = {};
  for (const [n, s] of l.steps) earlier[n] = s.data;
  const read = readStep(step, raw, { today: beijingYmd(now), plan: l.plan.data, start: l.cls.start, end: l.cls.end, earlier });
  if (!read.ok) {
    const form: StepForm = { step, values: rawStrings(step, raw), errors: read.errors };
    return toast('error', `有 ${Object.keys(read.errors).length} 项需要修改`, classCard(view, { form }));
  }
  const warnings: ExecFinding[] = [...read.warnings];
  const what = `第${l.cls.seq}期 ${CIRCLED[step]}${STEPS[step].name}`;
  // Departures kept on the step for the reviewers and the report: the package's, and attendance over the cap.
  const flags =
    step === 1
      ? packageDeviations(l.plan.data, read.data, await deps.bases.all(), l.cls)
      : step === 4
        ? attendanceDeviations(l.steps.get(1)?.data.scope ?? l.plan.data.scope, read.data.attended)
        : undefined;
  if (step === 4) warnings.push(...flags!);
  if (step === 6 && typeof read.data.amount === 'number') warnings.push(...(await budgetCheck(deps, l, read.data.amount)));
  const saved = await deps.steps.put({
    classId: l.cls.id,
    step,
    expectedVersion: current ? current.version : null,
    status: step === 1 ? 'submitted' : 'done',
    data: read.data,
    flags,
    reportedBy: person.openId,
    at: now,
    source: 'chat',
    event: {
      planId: l.plan.id,
      at: now,
      actor: person.openId,
      action: step === 1 ? 'package_submit' : 'step_report',
      fromStatus: null,
      toStatus: null,
      comment: null,
      changes: null,
      details: { classId: l.cls.id, step, what: current ? `${what}（修改）` : what, data: read.data, ...(current ? { before: current.data } : {}), ...(flags?.length ? { flags } : {}) },
      channel: 'card',
    },
  });
  if (!saved) return toast('warning', '这一步刚刚被别人填报过，已显示最新内容，请核对', await classCardOf(deps, (await loadClass(deps, l.cls.id))!));
  log.info({ classId: l.cls.id, step }, 'execution step reported');
  const fresh = (await loadClass(deps, l.cls.id))!;
  if (step === 1) {
    await sendPackageForReview(deps, fresh, log);
    const notes = [
      ...(flags?.length ? ['与批准的计划或通知的要求不一致（审核人员会看到）：', ...flags] : []),
      ...(fresh.attachments.length ? [] : ['还没有附件。如有培训方案、课程表等，请直接把文件发给我。']),
    ];
    return toast('success', '已提交审核', await classCardOf(deps, fresh, { notice: [`已报送培训包，等待审核（审核通过后方可开班）。`, ...(warn(notes) ? [warn(notes)!] : [])].join('\n') }));
  }
  const late = classTimeline(fresh.cls, fresh.steps, cal, now)[step - 1]!.late;
  if (late && !current) warnings.push(execFinding(STEPS[step].window === 'before' ? 'steps_before_start' : 'steps_after_end', null, `这一步应于 ${dueText(state)} 前填报，已逾期`, '已记为逾期完成，请以后按期填报'));
  return toast('success', `已保存${CIRCLED[step]}${STEPS[step].name}`, await classCardOf(deps, fresh, { notice: warn(warnings) ?? `已保存${CIRCLED[step]}${STEPS[step].name}。` }));
}

/** Settled amounts against the approved budget of the plan (all its classes together). */
async function budgetCheck(deps: ExecutionDeps, l: LoadedClass, amount: number): Promise<ExecFinding[]> {
  const budget = l.plan.data.budget;
  if (budget === undefined) return [];
  const others = (await deps.classes.of([l.plan.id])).filter((c) => c.status === 'active' && c.id !== l.cls.id);
  const settled = (await deps.steps.of(others.map((c) => c.id))).filter((s) => s.step === 6).reduce((sum, s) => sum + (typeof s.data.amount === 'number' ? s.data.amount : 0), 0);
  const total = Math.round((settled + amount) * 100) / 100;
  if (total <= budget) return [];
  return [execFinding('settled_over_budget', 'amount', `本计划已结算合计 ${yuanText(total)}，超出批准的经费预算 ${yuanText(budget)}（超出 ${yuanText(Math.round((total - budget) * 100) / 100)}）`)];
}
