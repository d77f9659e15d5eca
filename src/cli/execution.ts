// 补录 from the command line [seed 一]: history:template writes the sheet, history:import checks a filled one
// and imports it for every unit (nothing unless every row is valid; --dry-run only checks).
import fs from 'node:fs';
import path from 'node:path';
import { applyHistory, checkHistory, historyTemplateFile } from '../features/execution/history.ts';
import { describeHistory } from '../features/execution/replies/history.ts';
import type { ExecutionDeps } from '../features/execution/deps.ts';
import { cliDeps } from './deps.ts';
import { CliError, need, printProblems, type CliCommand, type CliContext } from './types.ts';

export const EXECUTION_COMMANDS: CliCommand[] = [
  {
    name: 'history:template',
    args: '<out.xlsx> [--unit CODE]',
    summary: '生成2020年以来执行数据补录表（指定单位时预填该单位已有的计划和期次）',
    async run(ctx, pos, flags) {
      need(pos, 1, 'history:template <out.xlsx> [--unit 预算单位代码]');
      const deps = cliDeps(ctx);
      let unitCode: string | undefined;
      if (typeof flags.unit === 'string') {
        const unit = await deps.registry.unit(flags.unit.trim());
        if (!unit) throw new CliError(`单位名册中没有「${flags.unit}」`);
        unitCode = unit.parentCode ?? unit.code;
      }
      const t = await historyTemplateFile(deps, unitCode);
      fs.writeFileSync(pos[0]!, t.data);
      ctx.print(`已生成补录表：${pos[0]}`);
    },
  },
  {
    name: 'history:import',
    args: '<file.xlsx> [--dry-run]',
    summary: '导入2020年以来各单位的执行数据（一行一期，含六个环节）；已有记录不覆盖，可重复导入',
    async run(ctx, pos, flags) {
      need(pos, 1, 'history:import <file.xlsx> [--dry-run]');
      const file = pos[0]!;
      if (!fs.existsSync(file)) throw new CliError(`找不到文件「${file}」`);
      await importHistoryFile(cliDeps(ctx), ctx, fs.readFileSync(file), path.basename(file), flags['dry-run'] === true);
    },
  },
];

/** history:import on a file's bytes: checks every row, prints the problems (and fails) or imports (unless a dry run). */
export async function importHistoryFile(deps: ExecutionDeps, ctx: Pick<CliContext, 'print' | 'logger'>, data: Buffer, fileName: string, dryRun: boolean): Promise<void> {
  const read = await deps.executionSheets.readHistory(data, fileName);
  if (!read.ok) throw new CliError(`「${fileName}」：${read.error}`);
  const check = await checkHistory(deps, read.rows);
  if (check.problems.length) printProblems(ctx, fileName, check.problems.map((p) => ({ row: p.row, column: p.key ? deps.executionSheets.historyHeaderOf(p.key) : '整行', message: p.message })));
  const classes = check.groups.flat().filter((r) => r.cls).length;
  ctx.print(`检查通过：${check.rows} 行，${check.groups.length} 个计划，${classes} 期。`);
  if (dryRun) {
    ctx.print('试运行：没有导入任何内容。');
    return;
  }
  const r = await applyHistory(deps, check.groups, 'cli', 'cli', ctx.logger);
  for (const line of describeHistory(r)) ctx.print(line);
}
