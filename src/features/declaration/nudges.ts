// A draft left alone for 24 hours gets one gentle nudge (per idle stretch: answering again and leaving
// again earns another), at a civilised hour, and only while it can still be submitted.
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { beijingYmd, beijingInstant, formatDeadline } from '../../domain/dates.ts';
import { phaseAt } from '../../domain/campaign.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { DeclarationDeps } from './deps.ts';

export const IDLE_MS = 24 * 3600_000;

/** 08:30–20:00 Beijing time. */
export function isDaytime(now: Date): boolean {
  const day = beijingYmd(now);
  return now >= beijingInstant(day, 8, 30) && now < beijingInstant(day, 20, 0);
}

export async function nudgeIdleDrafts(deps: DeclarationDeps, now: Date): Promise<{ nudged: number; skipped?: string }> {
  if (!isDaytime(now)) return { nudged: 0, skipped: 'quiet hours (08:30–20:00 only)' };
  const drafts = (await deps.plans.list({ statuses: ['DRAFT'] })).filter((p) => p.updatedAt.getTime() <= now.getTime() - IDLE_MS && p.createdBy.startsWith('ou_'));
  let nudged = 0;
  for (const plan of drafts) {
    const campaign = await campaignFor(deps, plan.year);
    if (!phaseAt(campaign, now).canDeclare) continue;
    const card = noticeCard({
      title: '您有一份申报还没填完',
      color: 'orange',
      body: `**${escapeMarkdown(plan.number)}　${escapeMarkdown(plan.data.title ?? '（未填写名称）')}**\n已填写的内容都保存着，接着填只需几分钟。\n${plan.year}年度申报截止：**${formatDeadline(campaign.declareClosesAt)}**`,
      buttons: [button('继续填写', { a: 'plan', plan: plan.id, op: 'edit' }, 'primary_filled')],
      footer: '不需要这份草稿了？点「继续填写」后发送「取消」即可删除。',
    });
    if (await deps.messenger.sendCard({ openId: plan.createdBy }, card, `nudge:${plan.id}:${plan.updatedAt.getTime()}`)) nudged++;
  }
  deps.logger.info({ candidates: drafts.length, nudged }, 'draft nudges');
  return { nudged };
}
