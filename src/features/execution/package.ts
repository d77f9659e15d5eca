// Step 1, the training package [seed 一]: the unit submits it (with attachments) at least 5 working days
// before the class starts; a reviewer approves or returns it on a card that sets it against the approved
// plan, so a changed mode, scope or institution (the notice's second listed problem) is seen before approval.
// Every copy of the card (each reviewer, or the review group) shows the decision once someone decides.
import { button } from '../../cards/actions.ts';
import { packageReviewCard, type PackageView } from '../../cards/package-card.ts';
import type { CardJson } from '../../cards/render.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime, formatShortDateTime } from '../../domain/dates.ts';
import { classLabel, dueText, formatRange, unknownYearsOf } from '../../domain/execution.ts';
import { may, type Person } from '../../domain/people.ts';
import { executionDueDates, tentativeNote, type WorkCalendar } from '../../domain/working-days.ts';
import type { Logger } from '../../logger.ts';
import type { CardResponse } from '../../inbound.ts';
import type { Reply } from '../../bot/reply.ts';
import type { ExecutionDeps } from './deps.ts';
import { loadClass, type LoadedClass } from './view.ts';
import { recipientId } from '../../ports/messenger.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';
import { reviewTargets, unitRecipients } from '../../model/recipients.ts';

const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });
const stageOf = (classId: number) => `package:${classId}`;

async function nameOf(deps: ExecutionDeps, openId: string | null): Promise<string> {
  if (!openId) return '';
  return (await deps.people.find(openId))?.name ?? openId;
}

export async function packageViewOf(deps: ExecutionDeps, l: LoadedClass): Promise<PackageView | null> {
  const pkg = l.steps.get(1);
  if (!pkg) return null;
  const unit = await deps.registry.unit(l.plan.unitCode);
  const cal = await loadWorkCalendar(deps);
  const { beforeStart, tentative } = executionDueDates(cal, l.cls.start, l.cls.end);
  const history: string[] = [];
  let submittedAt = pkg.reportedAt;
  for (const e of await deps.plans.events(l.plan.id)) {
    if (e.details?.classId === l.cls.id && e.action === 'package_submit') submittedAt = e.at;
    if (e.details?.classId !== l.cls.id || !['package_submit', 'package_return', 'package_approve'].includes(e.action)) continue;
    const who = escapeMarkdown(await nameOf(deps, e.actor));
    const word = e.action === 'package_submit' ? '报送' : e.action === 'package_return' ? '退回' : '审核通过';
    history.push(`${formatShortDateTime(e.at)} ${who} ${word}${e.comment ? `：${escapeMarkdown(e.comment)}` : ''}`);
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
    history: history.length > 1 ? ['**处理记录**', ...history] : [],
  };
}

function outcomeOf(status: 'done' | 'returned' | 'submitted', by: string, at: Date) {
  if (status === 'done') return { title: '已通过', text: `${by} 于 ${formatDateTime(at)} 审核通过`, color: 'green' as const };
  if (status === 'returned') return { title: '已退回', text: `${by} 于 ${formatDateTime(at)} 退回修改`, color: 'red' as const };
  return { title: '已有新版本', text: `单位于 ${formatDateTime(at)} 修改后重新报送，请看新的卡片`, color: 'grey' as const };
}

/** Sends the package card to the review group or every reviewer; older copies point to the new one. */
export async function sendPackageForReview(deps: ExecutionDeps, l: LoadedClass, log: Logger): Promise<void> {
  const view = await packageViewOf(deps, l);
  if (!view) return;
  const now = deps.clock.now();
  const notices = (await deps.reviewCards.forPlan(l.plan.id)).filter((n) => n.stage === stageOf(l.cls.id) && n.planVersion !== view.version);
  for (const n of notices) {
    await deps.messenger.patchCard({ sentKey: n.outboxKey }, `patch:${n.outboxKey}`, packageReviewCard({ ...view, version: n.planVersion }, { outcome: outcomeOf('submitted', '', now) }), `${n.outboxKey}:superseded:v${view.version}`);
  }
  const targets = await reviewTargets(deps);
  if (!targets.length) log.warn({ classId: l.cls.id }, 'no reviewer to send the package card to (grant one with users:grant)');
  const card = packageReviewCard(view);
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
  const outcome = pkg.status === 'submitted' ? undefined : outcomeOf(pkg.status, await nameOf(deps, pkg.reviewedBy), pkg.reviewedAt ?? pkg.updatedAt);
  const card = packageReviewCard({ ...view, version: latest }, { outcome });
  for (const n of notices.filter((x) => x.planVersion === latest)) {
    await deps.messenger.patchCard({ sentKey: n.outboxKey }, `patch:${n.outboxKey}`, card, `${n.outboxKey}:${tag}`);
  }
  return card;
}

/** A reviewer's decision on the package at version `v`. */
export async function decidePackage(deps: ExecutionDeps, reviewer: Person, classId: number, v: number, approve: boolean, comment: string | null, log: Logger): Promise<CardResponse> {
  const l = await loadClass(deps, classId);
  const pkg = l?.steps.get(1);
  if (!l || !pkg) return toast('error', '找不到这个培训包');
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
      details: { classId, step: 1, what: `第${l.cls.seq}期`, ...(pkg.flags.length ? { flags: pkg.flags } : {}) },
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
  const label = classLabel(l.plan.number, l.cls.seq);
  const key = `pkg-decision:${classId}:v${saved.version}`;
  for (const openId of await unitRecipients(deps, l.plan.unitCode)) {
    const card = approve
      ? noticeCard({
          title: `培训包审核通过 · ${label}`,
          color: 'green',
          body: [`**${escapeMarkdown(l.plan.data.title ?? '')}**　${formatRange(l.cls.start, l.cls.end)}`, `${escapeMarkdown(by)} 于 ${formatDateTime(now)} 审核通过，可以按期开班。`, '', nextSteps(await loadWorkCalendar(deps), l)].join('\n'),
          buttons: [button('填报', { a: 'class', cls: classId, op: 'open' }, 'primary_filled')],
        })
      : noticeCard({
          title: `培训包退回修改 · ${label}`,
          color: 'red',
          body: [`**${escapeMarkdown(l.plan.data.title ?? '')}**　${formatRange(l.cls.start, l.cls.end)}`, `审核意见：${escapeMarkdown(comment ?? '')}`, '', '请修改后重新报送。培训包审核通过后方可开班。'].join('\n'),
          buttons: [button('重新报送', { a: 'step_open', cls: classId, step: 1 }, 'primary_filled')],
        });
    await deps.messenger.sendCard({ openId }, card, `${key}:${openId}`);
  }
  return toast('success', approve ? '培训包已审核通过' : '已退回修改', decided!);
}

/** What the unit does after approval: ②③ by the same day as the package [一、二(一)4], 暂定 when it is. */
function nextSteps(cal: WorkCalendar, l: LoadedClass): string {
  const { beforeStart, tentative } = executionDueDates(cal, l.cls.start, l.cls.end);
  const due = dueText({ due: beforeStart, tentative: tentative.beforeStart });
  const note = tentative.beforeStart ? `（${tentativeNote(unknownYearsOf(cal, [beforeStart, l.cls.start]))}）` : '';
  return `②发布培训项目、③培训报名审核须在 **${due}** 前完成${note}〔通知 一、二(一)4〕；已完成的不必再报。`;
}

async function decidePackageStale(deps: ExecutionDeps, l: LoadedClass, v: number): Promise<CardResponse> {
  const pkg = l.steps.get(1)!;
  const view = (await packageViewOf(deps, l))!;
  if (pkg.status === 'submitted') {
    return toast('warning', '单位已修改后重新报送，这张卡片已过期，请看新的卡片', packageReviewCard({ ...view, version: v }, { outcome: outcomeOf('submitted', '', pkg.updatedAt) }));
  }
  const by = await nameOf(deps, pkg.reviewedBy);
  const when = pkg.reviewedAt ?? pkg.updatedAt;
  return toast('warning', `已由 ${by} 于 ${formatDateTime(when)} ${pkg.status === 'done' ? '审核通过' : '退回'}，这张卡片已过期`, packageReviewCard({ ...view, version: v }, { outcome: outcomeOf(pkg.status, by, when) }));
}

/** The reviewer's return form on the package card. */
export async function packageReturnForm(deps: ExecutionDeps, classId: number, v: number, errors: string[] = []): Promise<CardResponse> {
  const l = await loadClass(deps, classId);
  const view = l && (await packageViewOf(deps, l));
  if (!view) return toast('error', '找不到这个培训包');
  if (view.status !== 'submitted' || view.version !== v) return decidePackageStale(deps, l, v);
  return toast(errors.length ? 'error' : 'info', errors[0] ?? '请填写退回意见', packageReviewCard(view, { returnForm: { errors } }));
}

/** Back from the return form to the card with the buttons (or its outcome, if decided meanwhile). */
export async function packageCardAgain(deps: ExecutionDeps, classId: number, v: number): Promise<CardResponse> {
  const l = await loadClass(deps, classId);
  const view = l && (await packageViewOf(deps, l));
  if (!view) return toast('error', '找不到这个培训包');
  if (view.status !== 'submitted' || view.version !== v) return decidePackageStale(deps, l, v);
  return toast('info', '已返回', packageReviewCard(view));
}

/** Sends a reviewer the package's attachments as files. */
export async function sendPackageFiles(deps: ExecutionDeps, classId: number, reply: Reply): Promise<CardResponse> {
  const files = await deps.attachments.list({ classId, kind: 'package' });
  if (!files.length) return toast('info', '这个培训包没有附件');
  for (const f of files) {
    const data = await deps.attachments.data(f.id);
    if (data) await reply.file(f.fileName, data);
  }
  return toast('success', `已发送 ${files.length} 个附件`);
}
