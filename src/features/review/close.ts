// Closing the campaign at the revision deadline [seed 二(一)2: 逾期系统关闭，不再受理]: drafts and returned
// plans not resubmitted become EXPIRED, their units are told, reviewers learn what awaits second review.
// Runs once per year (campaign.closedAt is set conditionally); running it again changes nothing.
import { formatDeadline } from '../../domain/dates.ts';
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { ReviewDeps } from './deps.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { unitRecipients } from '../../model/recipients.ts';

export async function closeCampaigns(deps: ReviewDeps, now: Date, log: Logger): Promise<{ closed: number[]; expired: number }> {
  const open = await deps.plans.list({ statuses: ['DRAFT', 'RETURNED', 'SUBMITTED', 'FIRST_APPROVED'] });
  const years = [...new Set([...open.map((p) => p.year), ...(await deps.campaigns.all()).map((c) => c.year)])].sort();
  const closed: number[] = [];
  let expired = 0;
  for (const year of years) {
    const c = await campaignFor(deps, year);
    if (now < c.reviseClosesAt || c.closedAt) continue;
    if (!(await deps.campaigns.mark(year, 'closedAt', now))) continue; // another process closed it
    const late = open.filter((p) => p.year === year && (p.status === 'DRAFT' || p.status === 'RETURNED'));
    const byUnit = new Map<string, PlanRecord[]>();
    for (const p of late) {
      const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'expire', actor: 'system', channel: 'system', now });
      if (!r.ok) continue;
      expired++;
      byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), r.plan]);
    }
    for (const [unitCode, plans] of byUnit) {
      const list = plans.map((p) => `${p.number}《${p.data.title ?? '（未填写名称）'}》`).join('、');
      for (const openId of await unitRecipients(deps, unitCode)) {
        await deps.messenger.sendText(
          { openId },
          `${year}年度培训计划的修改期限已于 ${formatDeadline(c.reviseClosesAt)} 截止，系统已关闭。您单位以下计划未提交，已作逾期处理，不再受理：${list}。如有疑问，请联系市人力资源社会保障局职建科（0772-2825472）。`,
          `close:${year}:${unitCode}:${openId}`,
        );
      }
    }
    const waiting = open.filter((p) => p.year === year && (p.status === 'SUBMITTED' || p.status === 'FIRST_APPROVED')).length;
    for (const r of await deps.roster.byRole('reviewer')) {
      await deps.messenger.sendText(
        { openId: r.openId },
        `${year}年度培训计划申报已关闭：${waiting} 个计划等待复审，${expired} 个逾期。发送「复审」开始第二次审核。`,
        `close:${year}:reviewer:${r.openId}`,
      );
    }
    log.info({ year, expired, waiting }, 'campaign closed');
    closed.push(year);
  }
  return { closed, expired };
}
