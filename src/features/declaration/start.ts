// Starting a declaration (申报, a class told in one sentence, a copy) or picking one up again (继续, 继续填写):
// a new draft or the given plan, the conversation put on it, and where it now asks.
import { describesAClass, readClassSentence, type SentenceReading } from '../../domain/class-sentence.ts';
import { EDITABLE } from '../../domain/plan-status.ts';
import type { PlanDraft } from '../../domain/plan.ts';
import type { Person } from '../../domain/people.ts';
import { current, startState, type DeclareState } from '../../flows/declare-engine.ts';
import type { LinkedPerson } from '../../bot/manifest.ts';
import type { Logger } from '../../logger.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import { createDraft } from '../../model/plans.ts';
import type { StoredConversation } from '../../ports/conversations.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import { loadConversation, setConversation } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { uneditable, type Uneditable } from './editable.ts';
import { contextFor, viewOf, type StepView } from './view.ts';

export type StartRefusal =
  | { status: 'refused'; reason: 'unit_missing'; unitCode: string }
  | { status: 'refused'; reason: 'declare_closed'; message: string }
  | { status: 'refused'; reason: 'plan_missing' }
  | { status: 'refused'; reason: 'uneditable'; why: Uneditable };

export type StartResult =
  | StartRefusal
  /** The conversation already open goes on; `alreadyOpen`: asked for a new one, the open one is said to go first. */
  | { status: 'resumed'; view: StepView; alreadyOpen: boolean }
  /** `fresh`: a new, empty draft (introduced); `understood`: what a sentence said, shown back first. */
  | { status: 'started'; view: StepView; declarant: Declarant; fresh: boolean; understood?: SentenceReading };

export type ContinueResult = StartResult | { status: 'refused'; reason: 'nothing_to_continue' };

export type StartOptions = {
  /** Resume this plan (from a card) instead of a new draft. */
  planId?: number;
  /** A new draft with this data (a copy, a sentence). */
  data?: PlanDraft;
  channel?: Channel;
  /** Read from one sentence: shown back before the first question. */
  understood?: SentenceReading;
};

async function resumed(deps: DeclarationDeps, d: Declarant, conv: StoredConversation<DeclareState>, plan: PlanRecord, alreadyOpen: boolean): Promise<StartResult> {
  return { status: 'resumed', alreadyOpen, view: await viewOf(deps, plan, current(conv.state), await contextFor(deps, d, plan)) };
}

/** The person's open conversation, when its plan can still be filled. */
async function openOne(deps: DeclarationDeps, d: Declarant): Promise<{ conv: StoredConversation<DeclareState>; plan: PlanRecord } | null> {
  const conv = await loadConversation(deps, d.person.openId);
  const plan = conv && (await deps.plans.get(conv.state.planId));
  return conv && plan && !(await uneditable(deps, d, plan)) ? { conv, plan } : null;
}

function newDraft(deps: DeclarationDeps, d: Declarant, o: StartOptions, now: Date): Promise<PlanRecord> {
  const base: PlanDraft = d.family.length > 1 ? {} : { budgetCode: d.competent.code, unitName: d.competent.name };
  return createDraft(deps, { year: d.year, unitCode: d.competent.code, data: { ...base, ...o.data }, actor: d.person.openId, channel: o.channel ?? 'chat', now });
}

/** Starts a declaration: a new draft, or the given plan; asked for a new one, an open one goes first. */
export async function startDeclaration(deps: DeclarationDeps, person: LinkedPerson, log: Logger, o: StartOptions = {}): Promise<StartResult> {
  const now = deps.clock.now();
  const d = await declarantOf(deps, person, now);
  if (!d) return { status: 'refused', reason: 'unit_missing', unitCode: person.unitCode };
  const open = !o.planId && !o.data ? await openOne(deps, d) : null;
  if (open) return resumed(deps, d, open.conv, open.plan, true);
  if (!o.planId && d.refusal) return { status: 'refused', reason: 'declare_closed', message: d.refusal };
  let plan: PlanRecord | null;
  if (o.planId) {
    plan = await deps.plans.get(o.planId);
    if (!plan) return { status: 'refused', reason: 'plan_missing' };
    const why = await uneditable(deps, d, plan);
    if (why) return { status: 'refused', reason: 'uneditable', why };
  } else {
    plan = await newDraft(deps, d, o, now);
    log.info({ planId: plan.id }, 'declaration started');
  }
  const ctx = await contextFor(deps, d, plan);
  const state = startState(plan.id, plan.data, ctx);
  await setConversation(deps, person.openId, state);
  const view = await viewOf(deps, plan, current(state), ctx, !o.planId);
  return { status: 'started', view, declarant: d, fresh: !o.planId && !o.data, ...(o.understood ? { understood: o.understood } : {}) };
}

/** 「继续」: the open conversation, else the person's latest draft or returned plan of this year. */
export async function continueDeclaration(deps: DeclarationDeps, person: LinkedPerson, log: Logger): Promise<ContinueResult> {
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return { status: 'refused', reason: 'unit_missing', unitCode: person.unitCode };
  const open = await openOne(deps, d);
  if (open) return resumed(deps, d, open.conv, open.plan, false);
  const latest = (await deps.plans.list({ unitCode: d.competent.code, year: d.year, statuses: EDITABLE }))
    .filter((p) => p.createdBy === person.openId || p.status === 'RETURNED')
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  if (!latest) return { status: 'refused', reason: 'nothing_to_continue' };
  return startDeclaration(deps, person, log, { planId: latest.id });
}

/**
 * A class described in one sentence (「我们局10月想在市委党校办一期40人、3天的财务业务培训，预算2万左右」), sent as
 * such or after 申报: a declaration starts with what it says filled in. Null when the text describes no class.
 */
export async function declareFromSentence(deps: DeclarationDeps, person: Person | null, text: string, log: Logger): Promise<StartResult | null> {
  if (!person?.unitCode) return null;
  const reading = readClassSentence(text, { bases: await deps.bases.all() });
  if (!describesAClass(reading)) return null;
  log.info({ fields: Object.keys(reading.data) }, 'declaration from a sentence');
  return startDeclaration(deps, { ...person, unitCode: person.unitCode }, log, { data: reading.data, channel: 'chat', understood: reading });
}
