// Review by cards [seed 二(一)2-3]: 进度 for everyone, the reviewers' queue, first review on cards sent as
// each plan is submitted, 复审 after the close, 报批, 审批 and 公布; the close of each year's campaign.
import type { Feature, Kit } from '../../bot/manifest.ts';
import { closeCampaigns } from './close.ts';
import type { ReviewDeps } from './deps.ts';
import { reviewCommands, reviewPages, reviewRoutes } from './index.ts';
import { sendForReview } from './notify.ts';

export function reviewFeature(deps: ReviewDeps, kit: Kit): Feature {
  // The first review happens the same day [seed 二(一)2]: reviewers get the card as soon as a plan is submitted.
  kit.hub.on('plan.submitted', async ({ plan, log }) => void (await sendForReview(deps, plan, 'first', log)));
  return {
    name: 'review',
    commands: reviewCommands(deps),
    cards: reviewRoutes(deps),
    pages: reviewPages(deps),
    jobs: [
      {
        name: 'close',
        title: '关闭申报',
        description: '修改截止后关闭申报：草稿和未重新提交的退回计划作逾期处理，通知单位和审核人（每年只执行一次）',
        schedule: '*/15 * * * *',
        atStart: true,
        run: (now) => closeCampaigns(deps, now, deps.logger),
        describe: (r) => {
          const x = r as { closed: number[]; expired: number };
          return [x.closed.length ? `已关闭 ${x.closed.map((y) => `${y}年度`).join('、')}的申报，${x.expired} 个计划作逾期处理。` : '没有到了修改截止、尚未关闭的申报年度。'];
        },
      },
    ],
  };
}
