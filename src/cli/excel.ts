// template, export — spreadsheets from the command line.
import fs from 'node:fs';
import { PLAN_STATUSES, type PlanStatus } from '../domain/plan-status.ts';
import type { ExcelDeps } from '../features/excel/deps.ts';
import { exportFile } from '../features/excel/export-file.ts';
import { exportTitle } from '../features/excel/replies.ts';
import { templateFile } from '../features/excel/template-file.ts';
import { CliError, parseYear, type CliCommand, type CliContext } from './types.ts';
import { cliDeps } from './deps.ts';
import type { ExecutionDeps } from '../features/execution/deps.ts';
import { completion } from '../features/execution/report.ts';
import { completionSheet } from '../features/execution/replies/report-sheet.ts';
import { beijingYmd, ymdParts } from '../domain/dates.ts';
import { reviewYear } from '../model/review-year.ts';

const excelDeps = (ctx: CliContext): ExcelDeps => cliDeps(ctx);

const yearFlag = (raw: unknown): number | undefined => (raw === undefined ? undefined : parseYear(raw, '--year'));

export const EXCEL_COMMANDS: CliCommand[] = [
  {
    name: 'template',
    args: '<out.xlsx> [--unit CODE] [--year Y]',
    summary: '生成申报表模板（可预填某个主管单位）',
    async run(ctx, pos, flags) {
      if (pos.length !== 1) throw new CliError('用法：npm run cli -- template <out.xlsx> [--unit 预算单位代码] [--year 年度]');
      const deps = excelDeps(ctx);
      let person = null;
      if (typeof flags.unit === 'string') {
        const unit = await deps.registry.unit(flags.unit.trim());
        if (!unit) throw new CliError(`单位名册中没有「${flags.unit}」`);
        if (unit.parentCode) throw new CliError(`「${unit.name}」是二层单位，模板按主管单位 ${unit.parentCode} 生成`);
        person = { openId: 'cli', name: null, role: 'declarant' as const, unitCode: unit.code };
      }
      const year = yearFlag(flags.year);
      const t = year && !person ? { data: await deps.declarationSheets.template({ year, bases: await deps.bases.all() }), year } : await templateFile(deps, person);
      fs.writeFileSync(pos[0]!, t.data);
      ctx.print(`已生成${t.year}年度申报表模板：${pos[0]}`);
    },
  },
  {
    name: 'export',
    args: 'plans|completion <out.xlsx> [--year Y] [--status S]',
    summary: '导出申报汇总表（plans，按单位分组，含小计合计；S 为状态，如 SUBMITTED、APPROVED，可用逗号分隔），或单位年度计划完成情况（completion，含压减经费名单）',
    async run(ctx, pos, flags) {
      if (pos[0] === 'completion' && pos.length === 2) {
        await exportCompletionFile(cliDeps(ctx), ctx, yearFlag(flags.year) ?? ymdParts(beijingYmd(ctx.now)).y, pos[1]!);
        return;
      }
      if (pos[0] !== 'plans' || pos.length !== 2) throw new CliError('用法：npm run cli -- export plans <out.xlsx> [--year 年度] [--status 状态]，或 export completion <out.xlsx> [--year 年度]');
      const deps = excelDeps(ctx);
      const year = yearFlag(flags.year) ?? (await reviewYear(deps, ctx.now)).year;
      let statuses: PlanStatus[] | undefined;
      if (typeof flags.status === 'string') {
        statuses = flags.status.split(/[,，]/).map((s) => s.trim().toUpperCase()) as PlanStatus[];
        const bad = statuses.filter((s) => !PLAN_STATUSES.includes(s));
        if (bad.length) throw new CliError(`不认识的状态：${bad.join('、')}。可用：${PLAN_STATUSES.join('、')}`);
      }
      const f = await exportFile(deps, { year, statuses, title: exportTitle(year) });
      fs.writeFileSync(pos[1]!, f.data);
      ctx.print(`已导出${year}年度 ${f.count} 个计划：${pos[1]}`);
    },
  },
];

/** export completion: the year's completion report as Excel at `file`, and a line saying what it holds. */
export async function exportCompletionFile(deps: ExecutionDeps, ctx: Pick<CliContext, 'print'>, year: number, file: string): Promise<void> {
  const c = await completion(deps, year);
  fs.writeFileSync(file, await deps.executionSheets.exportCompletion(completionSheet(c)));
  ctx.print(`已导出${year}年度单位计划完成情况：${c.units.length} 个单位、${c.plans.length} 个计划；压减经费名单 ${c.budget.length} 个单位：${file}`);
}
