// Review by cards [seed 二(一)2-3]: 进度 for everyone, the reviewers' queue, first review on cards sent as
// each plan is submitted, 复审 after the close, 报批, 审批 and 公布; the close of each year's campaign.
import { command, type Feature, type Kit } from '../../bot/manifest.ts';
import { closeCampaigns } from './close.ts';
import { reviewHandlers } from './commands.ts';
import type { ReviewDeps } from './deps.ts';
import { sendForReview } from './notify.ts';
import { closeReport } from './replies/close.ts';
import { reviewPages, reviewRoutes } from './routes.ts';
import type { ApprovalResult, CloseResult } from './types.ts';

/** 审批 2027-001 通过 | 审批 2027-001 不通过 理由. */
function approvalArgs(args: string): ApprovalResult | null {
  const m = /^(\d{4}-\d{3,})\s*(通过|不通过)\s*(.*)$/.exec(args.replace(/\s+/g, ' ').trim());
  return m ? { number: m[1]!, approved: m[2] === '通过', comment: m[3] || null } : null;
}

function reviewCommands(deps: ReviewDeps) {
  const run = reviewHandlers(deps);
  return [
    command({
      id: 'progress',
      words: ['进度', '查进度', '审核进度'],
      phrases: ['到哪一步', '到哪步', '到哪了', '审核到哪', '审到哪', '计划到哪一步', '进展', '什么状态', '审核状态', '状态怎么样', '审核结果', '审完没有', '审完了没', '通过了没有', '通过没有', '有没有通过', '审核情况', '在谁手里', '谁在审', '审核'],
      menu: { key: 'progress', label: '进度' },
      audience: 'anyone',
      summary: '查看计划到了哪一步、在谁手里、等了几个工作日',
      run: run.progress,
    }),
    command({
      id: 'pending',
      words: ['待审', '待初审', '审核'],
      phrases: ['要审', '待审核', '审核列表', '需要审核', '有什么要审', '待处理', '初审'],
      menu: { key: 'pending', label: '待审' },
      audience: 'reviewer',
      summary: '重新发送所有等待初审的计划的审核卡片',
      run: run.pending,
    }),
    command({
      id: 'second_review',
      words: ['复审'],
      phrases: ['复审一下', '二审'],
      menu: { key: 'second_review', label: '复审' },
      audience: 'reviewer',
      summary: '系统关闭后复审：按单位汇总，全部符合要求的可一键通过',
      usage: '复审 或 复审 全部',
      run: (ctx) => run.secondReview(ctx, { allCards: /全部/.test(ctx.args) }),
    }),
    command({
      id: 'send_for_approval',
      words: ['报批'],
      phrases: ['报市委', '报市政府', '送审批', '提交审批', '报市委审批'],
      audience: 'reviewer',
      summary: '把复审通过的计划报市委、市政府审批，并生成汇总',
      run: run.sendForApproval,
    }),
    command({
      id: 'record_approval',
      words: ['审批'],
      phrases: ['审批结果', '登记审批', '批下来'],
      audience: 'reviewer',
      summary: '登记某个计划的审批结果',
      usage: '审批 2027-001 不通过 经费超标',
      run: (ctx) => run.recordApproval(ctx, approvalArgs(ctx.args)),
    }),
    command({
      id: 'similar',
      words: ['相似计划', '相似项目', '联合办班'],
      phrases: ['重复项目', '重复培训', '类似计划', '可以联合', '项目冗杂'],
      audience: 'reviewer',
      summary: '本年度各单位之间相似的计划：可建议联合办班，避免项目冗杂',
      usage: '相似计划 2027',
      run: run.similar,
    }),
    command({
      id: 'publish',
      words: ['公布'],
      phrases: ['发布结果', '公布结果', '发布计划'],
      audience: 'reviewer',
      summary: '向各主管单位公布审批结果（每个单位一张卡片）',
      run: run.publish,
    }),
  ];
}

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
        describe: (r) => closeReport(r as CloseResult),
      },
    ],
  };
}
