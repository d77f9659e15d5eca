// Training execution [seed 一, 二(一)4-5]: 执行 (classes and their six steps), packages reviewed on cards,
// 完成情况, 补录, 附件 and 上传情况说明; files sent for a package or a statement, 补录 sheets; the alerts job.
import { command, type Feature } from '../../bot/manifest.ts';
import { BACKFILL_FROM_YEAR } from '../../domain/execution.ts';
import { describeReport, type RunReport } from '../../model/digest.ts';
import { runExecutionAlerts } from './alerts.ts';
import { executionHandlers } from './commands.ts';
import type { ExecutionDeps } from './deps.ts';
import { attachmentUpload } from './files.ts';
import { historyUpload } from './history-upload.ts';
import { executionPages } from './pages.ts';
import { executionRoutes } from './routes.ts';

function executionCommands(deps: ExecutionDeps) {
  const run = executionHandlers(deps);
  return [
    command({
      id: 'execution',
      words: ['执行', '执行情况', '登记开班', '开班', '填报执行'],
      phrases: ['报执行', '上报执行', '培训开始', '班开了', '办完了', '办班情况', '执行登记', '培训办完', '开了班'],
      menu: { key: 'execution', label: '执行情况' },
      audience: 'declarant',
      summary: '登记审批通过的培训班的开班日期，填报六个环节（培训包、发布、报名、签到、教培、结算）',
      usage: '执行 或 执行 2027',
      run: run.execution,
    }),
    command({
      id: 'completion',
      words: ['完成情况', '年度完成情况', '计划完成情况'],
      phrases: ['完成了多少', '完成率', '完成得怎么样', '完成统计'],
      menu: { key: 'completion', label: '完成情况' },
      audience: 'anyone',
      summary: '单位年度计划完成情况：每期六个环节是否完成、缺什么、情况说明；审核人员另有压减经费名单和 Excel',
      usage: '完成情况 或 完成情况 2026',
      run: run.completion,
    }),
    command({
      id: 'backfill',
      words: ['补录', '历史补录', '补录模板', '数据补录'],
      phrases: ['补填', '补报', '历史数据', '以前数据', '漏报'],
      menu: { key: 'backfill', label: '补录' },
      audience: 'declarant',
      summary: `补录${BACKFILL_FROM_YEAR}年以来培训项目的执行数据（发送补录表，填好发回）`,
      run: run.backfill,
    }),
    command({
      id: 'statement',
      words: ['上传情况说明', '未开展', '未开展情况说明'],
      phrases: ['情况说明', '没办成', '没有开展', '没开展', '办不了', '取消培训', '不能开展'],
      audience: 'declarant',
      summary: '审批通过但未开展的计划：上传盖章的情况说明',
      usage: '上传情况说明 2027-001',
      run: run.statement,
    }),
    command({
      id: 'attachments',
      words: ['附件', '查看附件', '获取附件'],
      phrases: ['材料', '看附件', '下载附件', '培训材料'],
      audience: 'anyone',
      summary: '获取某个计划的培训包附件和情况说明',
      usage: '附件 2027-001',
      run: run.attachments,
    }),
  ];
}

export function executionFeature(deps: ExecutionDeps): Feature {
  return {
    name: 'execution',
    commands: executionCommands(deps),
    cards: executionRoutes(deps),
    pages: executionPages(deps),
    files: [attachmentUpload(deps), historyUpload(deps)],
    jobs: [
      {
        name: 'execution-alerts',
        title: '培训执行提醒',
        dryRunnable: true,
        description: '培训执行提醒：开班前第 7、5 个工作日提醒①②③，开班未审核培训包即提示审核人，结班后第 3 个工作日和逾期后提醒④⑤⑥；12月31日前提醒补录',
        schedule: '*/15 * * * *',
        atStart: true,
        run: async (now, opts) => ({ ...(await runExecutionAlerts(deps, now, opts?.dryRun)) }),
        describe: (r, opts) => describeReport(r as unknown as RunReport, !!opts.dryRun),
      },
    ],
  };
}
