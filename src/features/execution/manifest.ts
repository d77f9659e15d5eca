// Training execution [seed 一, 二(一)4-5]: 执行 (classes and their six steps), packages reviewed on cards,
// 完成情况, 补录, 附件 and 上传情况说明; files sent for a package or a statement, 补录 sheets; the alerts job.
import type { Feature } from '../../bot/manifest.ts';
import { describeReport, type RunReport } from '../../model/digest.ts';
import { runExecutionAlerts } from './alerts.ts';
import type { ExecutionDeps } from './deps.ts';
import { attachmentUpload } from './files.ts';
import { historyUpload } from './history.ts';
import { executionCommands, executionPages, executionRoutes } from './index.ts';

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
