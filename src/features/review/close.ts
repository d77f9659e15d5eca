// Closing the campaign at the revision deadline [seed 二(一)2: 逾期系统关闭，不再受理]: drafts and returned
// plans not resubmitted become EXPIRED, their units are told, reviewers learn what awaits second review.
// Runs once per year (campaign.closedAt is set conditionally); running it again changes nothing.
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import { campaignFor } from '../../model/reference-data.ts';
import { unitRecipients } from '../../model/recipients.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { closedForReviewersText, expiredText } from './replies/close.ts';
import type { CloseResult } from './types.ts';

/** Expires the year's late plans; the expired plans by unit. */
async function expireLate(deps: ReviewDeps, late: readonly PlanRecord[], now: Date): Promise<Map<string, PlanRecord[]>> {
  const byUnit = new Map<string, PlanRecord[]>();
  for (const p of late) {
    const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'expire', actor: 'system', channel: 'system', now });
    if (r.ok) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), r.plan]);
  }
  return byUnit;
}

export async function closeCampaigns(deps: ReviewDeps, now: Date, log: Logger): Promise<CloseResult> {
  const open = await deps.plans.list({ statuses: ['DRAFT', 'RETURNED', 'SUBMITTED', 'FIRST_APPROVED'] });
  const years = [...new Set([...open.map((p) => p.year), ...(await deps.campaigns.all()).map((c) => c.year)])].sort();
  const closed: number[] = [];
  let expired = 0;
  for (const year of years) {
    const c = await campaignFor(deps, year);
    if (now < c.reviseClosesAt || c.closedAt) continue;
    if (!(await deps.campaigns.mark(year, 'closedAt', now))) continue; // another process closed it
    const byUnit = await expireLate(deps, open.filter((p) => p.year === year && (p.status === 'DRAFT' || p.status === 'RETURNED')), now);
    for (const plans of byUnit.values()) expired += plans.length;
    for (const [unitCode, plans] of byUnit) {
      const text = expiredText(year, c.reviseClosesAt, plans);
      for (const openId of await unitRecipients(deps, unitCode)) await deps.messenger.sendText({ openId }, text, `close:${year}:${unitCode}:${openId}`);
    }
    const waiting = open.filter((p) => p.year === year && (p.status === 'SUBMITTED' || p.status === 'FIRST_APPROVED')).length;
    for (const r of await deps.roster.byRole('reviewer')) {
      await deps.messenger.sendText({ openId: r.openId }, closedForReviewersText(year, waiting, expired), `close:${year}:reviewer:${r.openId}`);
    }
    log.info({ year, expired, waiting }, 'campaign closed');
    closed.push(year);
  }
  return { closed, expired };
}
