// The guided declaration: start or resume a conversation on a draft, feed it what the person types or
// clicks, save every accepted answer on the plan at once, and submit. The engine decides; this file loads,
// saves (conditionally, on versions) and renders.
import { lastReturn } from '../../domain/review.ts';
import { EDITABLE } from '../../domain/plan-status.ts';
import { declareRefusal, phaseAt } from '../../domain/campaign.ts';
import { campaignFor } from '../../model/reference-data.ts';
import { displayValue, PLAN_FIELDS, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import type { SentenceReading } from '../../domain/class-sentence.ts';
import { similarLine } from '../../domain/similar-plans.ts';
import { similarTo } from '../../model/similar.ts';
import { current, startState, step, type DeclareState, type Input, type StepResult } from '../../flows/declare-engine.ts';
import { FLOW_VERSION } from '../../flows/declare-flow.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import type { Logger } from '../../logger.ts';
import type { StoredConversation } from '../../ports/conversations.ts';
import { actOnPlan, createDraft, editPlan } from '../../model/plans.ts';
import { declarantOf, engineContextFor, type Declarant } from '../../model/declarant.ts';
import { renderOutcome, type RenderContext } from './render.ts';
import type { Person } from '../../domain/people.ts';
import type { Reply } from '../../bot/reply.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import type { DeclarationDeps } from './deps.ts';

export const FLOW = 'declare';
export type LinkedPerson = Person & { unitCode: string };

export const T = {
  unitMissing: (code: string) => `您关联的单位 ${code} 已不在单位名册中，暂时不能申报。请联系系统管理员核对名册。`,
  conflict: '刚才这个计划被另一个操作同时修改了，没有记下这一条。请看最新内容后再发一次。',
  saved: (p: PlanRecord) => `已保存草稿 ${p.number}。之后发送「继续」，或在「我的申报」中接着填写。`,
  nothingToContinue: '没有正在填写的申报。发送「申报」开始一份新的，或发送「我的申报」查看本单位的计划。',
};

export async function loadConversation(deps: DeclarationDeps, openId: string): Promise<StoredConversation<DeclareState> | null> {
  const c = await deps.conversations.get<DeclareState>(openId);
  return c && c.flow === FLOW && c.state.v === FLOW_VERSION ? c : null;
}

async function renderContext(deps: DeclarationDeps, d: Declarant, plan: PlanRecord): Promise<RenderContext> {
  const ctx = await engineContextFor(deps, d, d.year, plan.id);
  const unitName = d.competent.name;
  // While a returned plan is revised, each question says what the reviewer asked of it.
  const returned = plan.status === 'RETURNED' ? lastReturn(await deps.plans.events(plan.id)) : null;
  return {
    ...ctx,
    family: d.family.map((u) => ({ code: u.code, name: u.name })),
    unitName,
    ...(returned ? { returned } : {}),
    similarTo: async (p) => (await similarTo(deps, p, p.data, { limit: 2 })).map(similarLine),
  };
}

/** Why the declarant may not fill this plan now (null when they may): their unit's, editable, within its year's phase. */
export async function editableNow(deps: DeclarationDeps, d: Declarant, plan: PlanRecord): Promise<string | null> {
  if (plan.unitCode !== d.competent.code) return '这个计划不属于您的单位。';
  if (!EDITABLE.includes(plan.status)) return `计划 ${plan.number} 已${plan.status === 'DISCARDED' ? '删除' : '提交'}，不能再修改。发送「我的申报」查看。`;
  // The plan's own year decides (after Aug 10 the declarant's current campaign is already the next year).
  const campaign = plan.year === d.year ? d.campaign : await campaignFor(deps, plan.year);
  const now = deps.clock.now();
  const phase = phaseAt(campaign, now);
  // Both cases are past the campaign's opening: its refusal says which deadline has gone by.
  if (plan.status === 'RETURNED' && !phase.canRevise) return declareRefusal(campaign, now, { set: true });
  // A draft can only ever be submitted while declaring (or drafted before the campaign opens).
  if (plan.status === 'DRAFT' && !phase.canDeclare && phase.phase !== 'not_open') return declareRefusal(campaign, now, { set: true });
  return null;
}

/** What was read from a one-sentence description, to confirm or correct; the questions for the rest follow. */
function understoodCard(d: Declarant, plan: PlanRecord, r: SentenceReading) {
  const lines = PLAN_FIELDS.filter((f) => r.data[f.key] !== undefined).map(
    (f) => `- **${f.label}**：${escapeMarkdown(displayValue(f.key, r.data[f.key]))}${r.from[f.key] ? `（「${escapeMarkdown(r.from[f.key]!)}」）` : ''}`,
  );
  return noticeCard({
    title: `开始申报 · ${plan.number}`,
    color: 'blue',
    body: [`${d.year}年度培训计划，${escapeMarkdown(d.competent.name)}。从您的话里读到 ${lines.length} 项，已填好：`, ...lines].join('\n'),
    footer: '不对的直接说，例如「人数改成45」「月份改成11」；没说到的，接着一项一项问您。每一步都自动保存。',
  });
}

/** Starts (or resumes) a declaration: a new draft, or the given plan. */
export async function startDeclaration(
  deps: DeclarationDeps,
  person: LinkedPerson,
  reply: Reply,
  log: Logger,
  opts: { planId?: number; data?: PlanDraft; channel?: Channel; /** Read from one sentence: shown back before the first question. */ understood?: SentenceReading } = {},
): Promise<void> {
  const now = deps.clock.now();
  const d = await declarantOf(deps, person, now);
  if (!d) return reply.text(T.unitMissing(person.unitCode));
  const existing = await loadConversation(deps, person.openId);
  if (!opts.planId && !opts.data && existing) {
    const plan = await deps.plans.get(existing.state.planId);
    if (plan && !(await editableNow(deps, d, plan))) {
      await reply.text(`您有一份正在填写的申报 ${plan.number}，接着填写。要另开一份，请先发送「保存草稿」。`);
      return resume(deps, d, existing, plan, reply);
    }
  }
  if (!opts.planId && d.refusal) return reply.text(d.refusal);

  let plan: PlanRecord | null;
  if (opts.planId) {
    plan = await deps.plans.get(opts.planId);
    if (!plan) return reply.text('找不到这个计划。发送「我的申报」查看本单位的计划。');
    const why = await editableNow(deps, d, plan);
    if (why) return reply.text(why);
  } else {
    const base: PlanDraft = d.family.length > 1 ? {} : { budgetCode: d.competent.code, unitName: d.competent.name };
    plan = await createDraft(deps, { year: d.year, unitCode: d.competent.code, data: { ...base, ...opts.data }, actor: person.openId, channel: opts.channel ?? 'chat', now });
    log.info({ planId: plan.id }, 'declaration started');
  }
  const ctx = await renderContext(deps, d, plan);
  const state = startState(plan.id, plan.data, ctx);
  await setConversation(deps, person.openId, state);
  if (!opts.planId && !opts.data) {
    await reply.text(`开始申报 ${d.year}年度培训计划（编号 ${plan.number}，${d.competent.name}）。一项一项回答就好，大约 3 分钟；每一步都会自动保存。`);
  }
  if (opts.understood) await reply.card(understoodCard(d, plan, opts.understood));
  await renderOutcome(reply, current(state), plan, ctx, !opts.planId);
}

async function resume(deps: DeclarationDeps, d: Declarant, conv: StoredConversation<DeclareState>, plan: PlanRecord, reply: Reply) {
  const ctx = await renderContext(deps, d, plan);
  await renderOutcome(reply, current(conv.state), plan, ctx);
}

/** 「继续」: the open conversation, else the person's latest draft or returned plan of this year. */
export async function continueDeclaration(deps: DeclarationDeps, person: LinkedPerson, reply: Reply, log: Logger): Promise<void> {
  const conv = await loadConversation(deps, person.openId);
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return reply.text(T.unitMissing(person.unitCode));
  if (conv) {
    const plan = await deps.plans.get(conv.state.planId);
    if (plan && !(await editableNow(deps, d, plan))) return resume(deps, d, conv, plan, reply);
  }
  const open = (await deps.plans.list({ unitCode: d.competent.code, year: d.year, statuses: EDITABLE }))
    .filter((p) => p.createdBy === person.openId || p.status === 'RETURNED')
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  if (!open) return reply.text(T.nothingToContinue);
  return startDeclaration(deps, person, reply, log, { planId: open.id });
}

export type Handled = { handled: false } | { handled: true; plan?: PlanRecord };

/** Feeds an input to the person's open conversation; { handled: false } when there is none. */
export async function feed(deps: DeclarationDeps, person: LinkedPerson, input: Input, reply: Reply, log: Logger, channel: Channel): Promise<Handled> {
  const conv = await loadConversation(deps, person.openId);
  if (!conv) return { handled: false };
  const now = deps.clock.now();
  const d = await declarantOf(deps, person, now);
  const plan = await deps.plans.get(conv.state.planId);
  const why = d && plan ? await editableNow(deps, d, plan) : null;
  if (!d || !plan || why) {
    // The plan can no longer be filled (deadline passed, submitted elsewhere …): say why, once.
    await deps.conversations.end(person.openId, conv.version);
    if (why) await reply.text(why);
    return { handled: !!why };
  }
  const ctx = await renderContext(deps, d, plan);
  const r = step(conv.state, plan.data, input, ctx);
  return apply(deps, { d, conv, plan, r, ctx, reply, log, channel, actor: person.openId });
}

type Applied = {
  d: Declarant;
  conv: StoredConversation<DeclareState>;
  plan: PlanRecord;
  r: StepResult;
  ctx: RenderContext;
  reply: Reply;
  log: Logger;
  channel: Channel;
  actor: string;
};

async function apply(deps: DeclarationDeps, a: Applied): Promise<Handled> {
  const now = deps.clock.now();
  let plan = a.plan;
  if (Object.keys(a.r.changes).length) {
    const edited = await editPlan(deps, { id: plan.id, version: plan.version, changes: a.r.changes, actor: a.actor, channel: a.channel, now });
    if (!edited.ok) {
      await a.reply.text(edited.error === 'conflict' ? T.conflict : edited.message);
      return { handled: true };
    }
    plan = edited.plan;
  }
  const o = a.r.outcome;
  if (o.status === 'cancelled') {
    await deps.conversations.end(a.actor, a.conv.version);
    if (plan.status === 'DRAFT') await actOnPlan(deps, { id: plan.id, version: plan.version, action: 'discard', actor: a.actor, channel: a.channel, now });
    await renderOutcome(a.reply, o, plan, a.ctx);
    return { handled: true, plan };
  }
  if (o.status === 'command' && o.command === 'save') {
    await deps.conversations.end(a.actor, a.conv.version);
    await a.reply.text(T.saved(plan));
    return { handled: true, plan };
  }
  if (o.status === 'command' && o.command === 'submit') {
    await submit(deps, { d: a.d, plan, actor: a.actor, channel: a.channel, reply: a.reply, log: a.log });
    return { handled: true, plan };
  }
  if (!(await deps.conversations.save(a.actor, FLOW, a.r.state, a.conv.version, now))) {
    await a.reply.text(T.conflict);
    return { handled: true, plan };
  }
  await renderOutcome(a.reply, o, plan, a.ctx);
  return { handled: true, plan };
}

/** Puts the conversation on a plan at a given state, whatever it was doing (a card moved it). */
async function setConversation(deps: DeclarationDeps, openId: string, state: DeclareState): Promise<void> {
  const now = deps.clock.now();
  for (let i = 0; i < 3; i++) {
    const version = (await deps.conversations.get(openId))?.version ?? null;
    if (await deps.conversations.save(openId, FLOW, state, version, now)) return;
  }
  throw new Error(`conversation of ${openId} kept changing`);
}

/** Sets the conversation's state and shows where it now is. */
async function showState(deps: DeclarationDeps, d: Declarant, plan: PlanRecord, state: DeclareState, reply: Reply): Promise<void> {
  await setConversation(deps, d.person.openId, state);
  await renderOutcome(reply, current(state), plan, await renderContext(deps, d, plan));
}

/** Moves the conversation to a field of a plan (from a card: 修改 某项, 填写情况说明), then back to where it was. */
export async function jumpTo(
  deps: DeclarationDeps,
  person: LinkedPerson,
  planId: number,
  field: PlanFieldKey,
  reply: Reply,
  opts: { queue?: PlanFieldKey[]; returnTo?: 'summary' } = {},
): Promise<void> {
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return reply.text(T.unitMissing(person.unitCode));
  const plan = await deps.plans.get(planId);
  const why = plan ? await editableNow(deps, d, plan) : '找不到这个计划。';
  if (!plan || why) return reply.text(why ?? '找不到这个计划。');
  const conv = await loadConversation(deps, person.openId);
  const base = conv?.state.planId === planId ? conv.state : startState(planId, plan.data, await renderContext(deps, d, plan));
  const returnTo = opts.returnTo ?? (base.step === field ? base.returnTo : base.step);
  await showState(deps, d, plan, { ...base, step: field, returnTo, queue: opts.queue ?? [], confirming: null }, reply);
}

/** Submits a plan and says what happened; on a fixable refusal the conversation goes where the fix is. */
export async function submit(
  deps: DeclarationDeps,
  p: { d: Declarant; plan: PlanRecord; actor: string; channel: Channel; reply: Reply; log: Logger },
): Promise<{ ok: boolean; plan: PlanRecord }> {
  const now = deps.clock.now();
  const r = await actOnPlan(deps, { id: p.plan.id, version: p.plan.version, action: 'submit', actor: p.actor, channel: p.channel, now });
  if (r.ok) {
    const conv = await loadConversation(deps, p.actor);
    if (conv?.state.planId === p.plan.id) await deps.conversations.end(p.actor, conv.version);
    await deps.unitYears.clearNoPlan(p.plan.unitCode, p.plan.year);
    await p.reply.card(submittedCard(p.d, r.plan, r.findings.length));
    p.log.info({ planId: r.plan.id, number: r.plan.number }, 'plan submitted');
    await deps.hub.emit('plan.submitted', { plan: r.plan, unitName: p.d.competent.name, log: p.log });
    return { ok: true, plan: r.plan };
  }
  const at = async (step: PlanFieldKey) => {
    const conv = await loadConversation(deps, p.actor);
    const base = conv?.state.planId === p.plan.id ? conv.state : startState(p.plan.id, p.plan.data, await renderContext(deps, p.d, p.plan));
    await showState(deps, p.d, p.plan, { ...base, step, returnTo: 'summary', confirming: null }, p.reply);
  };
  switch (r.error) {
    case 'illegal':
      await p.reply.text(p.d.phase.canDeclare || p.plan.status === 'RETURNED' ? r.message : (p.d.refusal ?? r.message));
      break;
    case 'incomplete':
      await p.reply.text(`还不能提交：${r.fieldErrors.map((e) => e.label).join('、')} 还没有填好。`);
      await at(r.fieldErrors[0]!.field);
      break;
    case 'blocked':
      await p.reply.text(`还不能提交：${r.message}。请看汇总卡片上标红的项目，发送「修改 某项」改正。`);
      break;
    case 'needs_justification':
      await p.reply.text(
        `还差一步：${r.findings.filter((f) => f.severity === 'soft').map((f) => `${f.message}（依据：${f.notice}）`).join('；')}。通知中这属于原则性要求，写明情况说明后才能提交，审核人员会看到。`,
      );
      await at('justification');
      break;
    default:
      await p.reply.text(r.message);
  }
  return { ok: false, plan: p.plan };
}

export function submittedCard(d: Declarant, plan: PlanRecord, softCount: number) {
  return noticeCard({
    title: `已提交 · ${plan.number}`,
    color: 'green',
    body: [
      `**${escapeMarkdown(plan.data.title ?? '')}**`,
      `${escapeMarkdown(d.competent.name)} · ${plan.year}年度`,
      softCount ? `附情况说明，涉及 ${softCount} 项原则性要求。` : '符合通知的各项要求。',
      '',
      '市工作领导小组办公室将在当天完成初审，审核结果会在这里通知您。发送「我的申报」查看进度。',
    ].join('\n'),
  });
}
