// Step 1, the training package [seed 一]: the unit submits it (with attachments) at least 5 working days
// before the class starts; a reviewer approves or returns it on a card that sets it against the approved
// plan, so a changed mode, scope or institution (the notice's second listed problem) is seen before approval.
// Every copy of the card (each reviewer, or the review group) shows the decision once someone decides.
import type { CardJson } from '../../cards/render.ts';
import { classLabel, unknownYearsOf } from '../../domain/execution.ts';
import type { Person } from '../../domain/people.ts';
import { executionDueDates } from '../../domain/working-days.ts';
import type { Logger } from '../../logger.ts';
import type { Reply } from '../../bot/reply.ts';
import type { ExecutionDeps } from './deps.ts';
import { loadClass, type LoadedClass } from './view.ts';
import { recipientId } from '../../ports/messenger.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import { reviewTargets, unitRecipients } from '../../model/recipients.ts';
import { packageCardReply, packageDecisionNotice } from './replies/package.ts';
import { RECORDS } from './replies/records.ts';
import type { PackageAnswer, PackageEvent, PackageFacts, PackageOutcome, ReturnError } from './types.ts';

const stageOf = (classId: number) => `package:${classId}`;

async function nameOf(deps: ExecutionDeps, openId: string | null): Promise<string> {
  if (!openId) return '';
  return (await deps.people.find(openId))?.name ?? openId;
}

export async function packageViewOf(deps: ExecutionDeps, l: LoadedClass): Promise<PackageFacts | null> {
  const pkg = l.steps.get(1);
  if (!pkg) return null;
  const unit = await deps.registry.unit(l.plan.unitCode);
  const cal = await loadWorkCalendar(deps);
  const { beforeStart, tentative } = executionDueDates(cal, l.cls.start, l.cls.end);
  const history: PackageEvent[] = [];
  let submittedAt = pkg.reportedAt;
  for (const e of await deps.plans.events(l.plan.id)) {
    if (e.details?.classId === l.cls.id && e.action === 'package_submit') submittedAt = e.at;
    if (e.details?.classId !== l.cls.id || !['package_submit', 'package_return', 'package_approve'].includes(e.action)) continue;
    history.push({ at: e.at, who: await nameOf(deps, e.actor), action: e.action as PackageEvent['action'], comment: e.comment });
  }
  return {
    classId: l.cls.id,
    label: classLabel(l.plan.number, l.cls.seq),
    title: l.plan.data.title ?? '',
    unitName: unit?.name ?? l.plan.unitCode,
    start: l.cls.start,
    end: l.cls.end,
    due: beforeStart,
    dueTentative: tentative.beforeStart,
    tentativeYears: tentative.beforeStart ? unknownYearsOf(cal, [beforeStart, l.cls.start]) : [],
    plan: l.plan.data,
    pkg: pkg.data,
    flags: pkg.flags,
    attachments: l.attachments.map((a) => ({ fileName: a.fileName, size: a.size })),
    status: pkg.status,
    version: pkg.version,
    submittedAt,
    history,
  };
}

/** Sends the package card to the review group or every reviewer; older copies point to the new one. */
export async function sendPackageForReview(deps: ExecutionDeps, l: LoadedClass, log: Logger): Promise<void> {
  const view = await packageViewOf(deps, l);
  if (!view) return;
  const now = deps.clock.now();
  const notices = (await deps.reviewCards.forPlan(l.plan.id)).filter((n) => n.stage === stageOf(l.cls.id) && n.planVersion !== view.version);
  for (const n of notices) {
    await deps.messenger.patchCard({ sentKey: n.outboxKey }, `patch:${n.outboxKey}`, packageCardReply({ view: { ...view, version: n.planVersion }, outcome: { status: 'submitted', by: '', at: now } }), `${n.outboxKey}:superseded:v${view.version}`);
  }
  const targets = await reviewTargets(deps);
  if (!targets.length) log.warn({ classId: l.cls.id }, 'no reviewer to send the package card to (grant one with users:grant)');
  const card = packageCardReply({ view });
  for (const to of targets) {
    const key = `pkg:${l.cls.id}:v${view.version}:${recipientId(to)}`;
    await deps.messenger.sendCard(to, card, key);
    await deps.reviewCards.record({ planId: l.plan.id, planVersion: view.version, stage: stageOf(l.cls.id), outboxKey: key, at: now });
  }
}

/**
 * Re-renders every copy of the latest package card (a decision, or an attachment arrived while it waits) and
 * returns the card as it now reads.
 */
export async function refreshPackageCards(deps: ExecutionDeps, classId: number, tag: string): Promise<CardJson | null> {
  const l = await loadClass(deps, classId);
  const view = l && (await packageViewOf(deps, l));
  if (!l || !view) return null;
  const notices = (await deps.reviewCards.forPlan(l.plan.id)).filter((x) => x.stage === stageOf(classId));
  // The copies of the last submission (a decision moves the package's version on, not the cards').
  const latest = notices.length ? Math.max(...notices.map((n) => n.planVersion)) : view.version;
  const pkg = l.steps.get(1)!;
  const outcome: PackageOutcome | undefined = pkg.status === 'submitted' ? undefined : { status: pkg.status, by: await nameOf(deps, pkg.reviewedBy), at: pkg.reviewedAt ?? pkg.updatedAt };
  const card = packageCardReply({ view: { ...view, version: latest }, outcome });
  for (const n of notices.filter((x) => x.planVersion === latest)) {
    await deps.messenger.patchCard({ sentKey: n.outboxKey }, `patch:${n.outboxKey}`, card, `${n.outboxKey}:${tag}`);
  }
  return card;
}

/** A reviewer's decision on the package at version `v`. */
export async function decidePackage(deps: ExecutionDeps, reviewer: Person, classId: number, v: number, approve: boolean, comment: string | null, log: Logger): Promise<PackageAnswer> {
  const l = await loadClass(deps, classId);
  const pkg = l?.steps.get(1);
  if (!l || !pkg) return { toast: { kind: 'not_found' } };
  const now = deps.clock.now();
  if (pkg.status !== 'submitted' || pkg.version !== v) return decidePackageStale(deps, l, v);
  const saved = await deps.steps.put({
    classId,
    step: 1,
    expectedVersion: v,
    status: approve ? 'done' : 'returned',
    data: pkg.data,
    flags: pkg.flags,
    reportedBy: pkg.reportedBy,
    at: now,
    source: pkg.source,
    review: { by: reviewer.openId, at: now, comment },
    event: {
      planId: l.plan.id,
      at: now,
      actor: reviewer.openId,
      action: approve ? 'package_approve' : 'package_return',
      fromStatus: null,
      toStatus: null,
      comment,
      changes: null,
      details: { classId, step: 1, what: RECORDS.packageDecision(l.cls.seq), ...(pkg.flags.length ? { flags: pkg.flags } : {}) },
      channel: 'card',
    },
  });
  if (!saved) {
    const again = (await loadClass(deps, classId))!;
    return decidePackageStale(deps, again, v);
  }
  log.info({ classId, approve }, 'package decided');
  const by = reviewer.name ?? reviewer.openId;
  const decided = await refreshPackageCards(deps, classId, `decided:v${saved.version}`);
  const key = `pkg-decision:${classId}:v${saved.version}`;
  const cal = await loadWorkCalendar(deps);
  const { beforeStart, tentative } = executionDueDates(cal, l.cls.start, l.cls.end);
  const next = { due: beforeStart, tentative: tentative.beforeStart, tentativeYears: tentative.beforeStart ? unknownYearsOf(cal, [beforeStart, l.cls.start]) : [] };
  for (const openId of await unitRecipients(deps, l.plan.unitCode)) {
    const card = packageDecisionNotice({ l, classId, approve, by, at: now, comment, next });
    await deps.messenger.sendCard({ openId }, card, `${key}:${openId}`);
  }
  return { toast: { kind: approve ? 'approved' : 'returned' }, rendered: decided! };
}

async function decidePackageStale(deps: ExecutionDeps, l: LoadedClass, v: number): Promise<PackageAnswer> {
  const pkg = l.steps.get(1)!;
  const view = (await packageViewOf(deps, l))!;
  if (pkg.status === 'submitted') return { toast: { kind: 'resubmitted' }, card: { view: { ...view, version: v }, outcome: { status: 'submitted', by: '', at: pkg.updatedAt } } };
  const by = await nameOf(deps, pkg.reviewedBy);
  const at = pkg.reviewedAt ?? pkg.updatedAt;
  return { toast: { kind: 'decided_before', status: pkg.status, by, at }, card: { view: { ...view, version: v }, outcome: { status: pkg.status, by, at } } };
}

/** The reviewer's return form on the package card. */
export async function packageReturnForm(deps: ExecutionDeps, classId: number, v: number, errors: ReturnError[] = []): Promise<PackageAnswer> {
  const l = await loadClass(deps, classId);
  const view = l && (await packageViewOf(deps, l));
  if (!view) return { toast: { kind: 'not_found' } };
  if (view.status !== 'submitted' || view.version !== v) return decidePackageStale(deps, l, v);
  return { toast: { kind: 'return_form', error: errors[0] }, card: { view, returnForm: { errors } } };
}

/** Back from the return form to the card with the buttons (or its outcome, if decided meanwhile). */
export async function packageCardAgain(deps: ExecutionDeps, classId: number, v: number): Promise<PackageAnswer> {
  const l = await loadClass(deps, classId);
  const view = l && (await packageViewOf(deps, l));
  if (!view) return { toast: { kind: 'not_found' } };
  if (view.status !== 'submitted' || view.version !== v) return decidePackageStale(deps, l, v);
  return { toast: { kind: 'back' }, card: { view } };
}

/** Sends a reviewer the package's attachments as files. */
export async function sendPackageFiles(deps: ExecutionDeps, classId: number, reply: Reply): Promise<PackageAnswer> {
  const files = await deps.attachments.list({ classId, kind: 'package' });
  if (!files.length) return { toast: { kind: 'no_files' } };
  for (const f of files) {
    const data = await deps.attachments.data(f.id);
    if (data) await reply.file(f.fileName, data);
  }
  return { toast: { kind: 'files_sent', count: files.length } };
}
