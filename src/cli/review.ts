// approval:import — the municipal approval results, from a spreadsheet.
import fs from 'node:fs';
import path from 'node:path';
import { cliDeps } from './deps.ts';
import { readTable } from '../excel/table-reader.ts';
import { APPROVAL_COLUMNS, approvalProblemText, parseApprovalRows, recordApprovals, type ApprovalColumn } from '../features/review/index.ts';
import { CliError, need, printProblems, type CliCommand } from './types.ts';

export const REVIEW_COMMANDS: CliCommand[] = [
  {
    name: 'approval:import',
    args: '<file>',
    summary: '导入市委、市政府的审批结果（计划编号、审批结果 通过/不通过、意见）',
    async run(ctx, pos) {
      need(pos, 1, 'approval:import <file>');
      const file = pos[0]!;
      if (!fs.existsSync(file)) throw new CliError(`找不到文件「${file}」`);
      const columns = (Object.entries(APPROVAL_COLUMNS) as [ApprovalColumn, { header: string; aliases: readonly string[] }][]).map(([key, c]) => ({
        key,
        header: c.header,
        aliases: c.aliases,
        required: key !== 'comment',
      }));
      const table = await readTable(fs.readFileSync(file), path.basename(file), columns);
      if (!table.ok) throw new CliError(`「${path.basename(file)}」无法导入：${table.error}`);
      const parsed = parseApprovalRows(table.rows);
      if (!parsed.ok) printProblems(ctx, path.basename(file), parsed.problems);
      const deps = cliDeps(ctx);
      const r = await recordApprovals(deps, parsed.results, { openId: 'cli', channel: 'cli' });
      if (r.problems.length) {
        for (const p of r.problems) ctx.print(`  ${approvalProblemText(p)}`);
        throw new CliError('有计划不能登记，没有导入任何结果');
      }
      const no = parsed.results.filter((x) => !x.approved).length;
      ctx.print(`已登记 ${r.recorded} 个计划的审批结果：通过 ${r.recorded - no} 个，不通过 ${no} 个。发送「公布」即可向各单位公布。`);
    },
  },
];
