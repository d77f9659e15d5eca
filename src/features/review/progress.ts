// 进度: where each of my unit's plans is, who holds it, since when (working days), and the next deadline;
// for reviewers, the queue of plans waiting for a first review, oldest first.
import { noticeCard } from '../../cards/notice-card.ts';
import { pageOf } from '../../cards/paging.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDeadline, formatShortDateTime } from '../../domain/dates.ts';
import { phaseAt } from '../../domain/campaign.ts';
import { STATUS_LABELS } from '../../domain/plan-status.ts';
import { HOLDER, tentativeYearsOfWait, workingDaysWaiting } from '../../domain/review.ts';
import { tentativeNote, type WorkCalendar } from '../../domain/working-days.ts';
import { campaignFor, loadWorkCalendar } from '../../model/reference-data.ts';
import { declarantOf } from '../../model/declarant.ts';
import type { Person } from '../../domain/people.ts';
import type { Logger } from '../../logger.ts';
import type { ReviewDeps } from './deps.ts';
import { sendForReview } from './notify.ts';
import type { PlanRecord } from '../../ports/plans.ts';

/** A plan is two lines of about 450 bytes at most: 15 a page stay near 8 KB. */
const PROGRESS_PER_PAGE = 15;
/** One line of about 300 bytes: 20 a page. */
const QUEUE_PER_PAGE = 20;
/** 待审 sends each plan's review card as well: 10 at a time, not hundreds at once. */
export const PENDING_PER_PAGE = 10;

/** 「3 个工作日」, marked 暂定 when counted over a year with no holiday schedule (noted once at the bottom). */
function waited(cal: WorkCalendar, from: Date, now: Date, unknown: Set<number>): { days: number; text: string } {
  const days = workingDaysWaiting(cal, from, now);
  const years = tentativeYearsOfWait(cal, from, now);
  for (const y of years) unknown.add(y);
  return { days, text: `${days} 个工作日${years.length ? '（暂定）' : ''}` };
}

const tentativeFooter = (unknown: Set<number>) => (unknown.size ? [`<font color='orange'>暂定：${tentativeNote([...unknown].sort())}。</font>`] : []);

async function since(deps: ReviewDeps, p: PlanRecord): Promise<Date> {
  const e = [...(await deps.plans.events(p.id))].reverse().find((x) => x.toStatus === p.status && x.action !== 'edit');
  return e?.at ?? p.updatedAt;
}

export async function declarantProgress(deps: ReviewDeps, person: Person & { unitCode: string }, page = 1) {
  const now = deps.clock.now();
  const d = await declarantOf(deps, person, now);
  if (!d) return null;
  const cal = await loadWorkCalendar(deps);
  const plans = pageOf((await deps.plans.list({ unitCode: d.competent.code, years: [d.year - 1, d.year] })).filter((p) => !['DISCARDED', 'EXPIRED'].includes(p.status)), page, PROGRESS_PER_PAGE);
  const lines: string[] = [];
  const unknown = new Set<number>();
  for (const p of plans.items) {
    const from = await since(deps, p);
    const phase = phaseAt(await campaignFor(deps, p.year), now);
    const deadline =
      p.status === 'DRAFT' && phase.canDeclare ? `申报截止 ${formatDeadline(d.campaign.declareClosesAt)}` : p.status === 'RETURNED' && phase.canRevise ? `修改截止 ${formatDeadline(d.campaign.reviseClosesAt)}` : null;
    lines.push(
      [
        `**${escapeMarkdown(p.number)}《${escapeMarkdown(p.data.title ?? '（未填写名称）')}》**`,
        `　${STATUS_LABELS[p.status]} · 在：${HOLDER[p.status]} · 自 ${formatShortDateTime(from)} 起 ${waited(cal, from, now, unknown).text}${deadline ? ` · ${deadline}` : ''}`,
      ].join('\n'),
    );
  }
  const next = d.phase.nextDeadline ? `下一个截止：${d.phase.nextDeadline.what} ${formatDeadline(d.phase.nextDeadline.closesAt)}` : '本年度申报已关闭';
  return noticeCard({
    title: `申报进度 · ${d.competent.name}`,
    color: 'blue',
    body: [...(lines.length ? lines : ['（还没有计划）']), '', next, ...tentativeFooter(unknown)].join('\n'),
    paging: { page: plans, list: 'progress', noun: '个计划', at: now },
    resend: '进度',
  });
}

/** The plans waiting for a first review, oldest first. */
async function firstReviewQueue(deps: ReviewDeps) {
  const waiting = await deps.plans.list({ statuses: ['SUBMITTED'] });
  return waiting.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.id - b.id);
}

/**
 * The reviewers' queue (进度), a page at a time; for 待审 (`pending`), the page's plans also get their review
 * cards, so that a long queue comes ten cards at a time.
 */
export async function reviewerQueue(deps: ReviewDeps, page = 1, pending?: { log: Logger }) {
  const now = deps.clock.now();
  const cal = await loadWorkCalendar(deps);
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const waiting = pageOf(await firstReviewQueue(deps), page, pending ? PENDING_PER_PAGE : QUEUE_PER_PAGE);
  if (pending) for (const p of waiting.items) await sendForReview(deps, p, 'first', pending.log);
  const unknown = new Set<number>();
  const lines = waiting.items.map((p) => {
    const at = p.submittedAt ?? p.updatedAt;
    const { days, text } = waited(cal, at, now, unknown);
    const age = days === 0 ? '今天提交' : `已等待 ${text}`;
    return `${days > 0 ? "<font color='red'>" : ''}${escapeMarkdown(p.number)} ${escapeMarkdown(names.get(p.unitCode) ?? p.unitCode)}《${escapeMarkdown(p.data.title ?? '')}》 ${formatShortDateTime(at)} 提交，${age}${days > 0 ? '</font>' : ''}`;
  });
  const second = (await deps.plans.list({ statuses: ['FIRST_APPROVED'] })).length;
  const sent = pending && waiting.items.length ? `以上 ${waiting.items.length} 个计划的审核卡片已发送。${waiting.page < waiting.pages ? '点「下一页」发送后面的计划的卡片。' : ''}` : null;
  return noticeCard({
    title: `待初审 ${waiting.total} 个`,
    color: waiting.total ? 'orange' : 'green',
    body: [...(lines.length ? lines : ['没有等待初审的计划。']), '', ...(sent ? [sent] : []), `初审通过、等待复审：${second} 个`, ...tentativeFooter(unknown)].join('\n'),
    footer: pending ? '通知要求当天完成初审。' : '通知要求当天完成初审。发送「待审」重新发送这些计划的审核卡片。',
    paging: { page: waiting, list: pending ? 'pending' : 'queue', noun: '个计划', at: now },
    resend: pending ? '待审' : '进度',
  });
}
