// Shared shapes of the admin commands.
import type { Config } from '../config.ts';
import type { Db } from '../db/prisma.ts';
import type { Logger } from '../logger.ts';
import { openIdSchema } from '../domain/people.ts';
import { planYearSchema } from '../domain/campaign.ts';
import type { RowProblem } from '../domain/units.ts';

/** An expected failure: printed as is, exit code 1. */
export class CliError extends Error {}

export type CliContext = {
  db: Db;
  /** The DATABASE_URL `db` was opened with. */
  databaseUrl: string;
  /** Migrations this run applied before the command. */
  migrated: string[];
  logger: Logger;
  /** The full configuration when Feishu credentials are set; commands that need Feishu degrade without it. */
  config: Config | null;
  print: (line: string) => void;
  now: Date;
};

export type CliFlags = Record<string, string | boolean | undefined>;

export type CliCommand = {
  name: string;
  args: string;
  summary: string;
  run(ctx: CliContext, positionals: string[], flags: CliFlags): Promise<void>;
};

export function need(positionals: string[], count: number, usage: string): void {
  if (positionals.length !== count) throw new CliError(`参数不对。用法：npm run cli -- ${usage}`);
}

/** A plan year given on the command line; `label` names where it came from (e.g. --year). */
export function parseYear(raw: unknown, label = ''): number {
  const r = planYearSchema.safeParse(raw);
  if (!r.success) throw new CliError(`${label ? `${label} ` : ''}${r.error.issues[0]!.message}`);
  return r.data;
}

export function parseOpenId(raw: string): string {
  const r = openIdSchema.safeParse(raw);
  if (!r.success) throw new CliError(`「${raw}」不是有效的飞书 open_id：${r.error.issues[0]!.message}`);
  return r.data;
}

/** Problems of a spreadsheet, located as a person sees them: 第 7 行「在编人数」：… */
export function printProblems(ctx: Pick<CliContext, 'print'>, fileName: string, problems: RowProblem[]): never {
  ctx.print(`「${fileName}」有 ${problems.length} 处问题，没有导入任何内容。请改正后重新导入：`);
  for (const p of problems) ctx.print(`  第 ${p.row} 行「${p.column}」：${p.message}`);
  throw new CliError('导入失败');
}
