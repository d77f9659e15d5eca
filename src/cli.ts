// Admin commands: `npm run cli -- <command> [args]`. Each command validates its arguments, calls the same
// services the bot uses, prints what happened in Chinese, and exits non-zero on any error. Messages to
// people go through the outbox; the running bot delivers them (or the next start does).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { OPS_COMMANDS } from './cli/ops.ts';
import { DATABASE_COMMANDS } from './cli/database.ts';
import { REFERENCE_COMMANDS } from './cli/reference.ts';
import { CALENDAR_COMMANDS } from './cli/calendar.ts';
import { REVIEW_COMMANDS } from './cli/review.ts';
import { EXCEL_COMMANDS } from './cli/excel.ts';
import { EXECUTION_COMMANDS } from './cli/execution.ts';
import { CliError, type CliCommand } from './cli/types.ts';
import { USER_COMMANDS } from './cli/users.ts';
import { loadCliConfig } from './config.ts';
import { migrateDatabase } from './db/migrate-database.ts';
import { createDb, sqliteFilePath } from './db/prisma.ts';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { createLogger } from './logger.ts';

export { CliError };

const COMMANDS: CliCommand[] = [...USER_COMMANDS, ...REFERENCE_COMMANDS, ...CALENDAR_COMMANDS, ...REVIEW_COMMANDS, ...EXCEL_COMMANDS, ...EXECUTION_COMMANDS, ...OPS_COMMANDS, ...DATABASE_COMMANDS];

function usage(): string {
  return [
    '培训计划申报助手 · 管理命令',
    '用法：npm run cli -- <命令> [参数]',
    '',
    ...COMMANDS.map((c) => `  ${`${c.name} ${c.args}`.padEnd(52)} ${c.summary}`),
    '',
    '数据库由环境变量 DATABASE_URL 指定（默认 file:./data/bot.db），说明见 README.md。',
  ].join('\n');
}

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void,
  now = new Date(),
  /** Notes about how the command runs (stderr, so that what it prints stays readable by a program). */
  note: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        now: { type: 'string' },
        role: { type: 'string' },
        replace: { type: 'boolean' },
        opens: { type: 'string' },
        'declare-by': { type: 'string' },
        'revise-by': { type: 'string' },
        'backfill-by': { type: 'string' },
        unit: { type: 'string' },
        year: { type: 'string' },
        status: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
      },
    });
  } catch (err) {
    out(`参数有误：${(err as Error).message}\n\n${usage()}`);
    return 2;
  }
  const [name, ...positionals] = parsed.positionals;
  if (!name || parsed.values.help || name === 'help') {
    out(usage());
    return name || parsed.values.help ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    out(`没有「${name}」这个命令。\n\n${usage()}`);
    return 2;
  }
  const cfg = loadCliConfig(env);
  if (!cfg.ok) {
    out(cfg.message);
    return 78;
  }
  // Next to a sandbox, say plainly which database this is: the sandbox keeps its own (data/sandbox.db).
  const sandboxDb = path.resolve('data', 'sandbox.db');
  if (!env.DATABASE_URL?.trim() && fs.existsSync(sandboxDb)) {
    note(`注意：没有设置 DATABASE_URL，使用默认数据库 ${sqliteFilePath(cfg.databaseUrl)}；沙盒的数据在另一个数据库 ${sandboxDb}。要对沙盒执行，请这样运行：DATABASE_URL=file:./data/sandbox.db npm run cli -- ${argv.join(' ')}`);
  }
  // Diagnostics go to stderr: what a command prints (e.g. --json) stays readable by a program.
  const logger = createLogger(cfg.logLevel === 'info' ? 'warn' : cfg.logLevel, pino.destination(2));
  let applied: string[];
  try {
    ({ applied } = await migrateDatabase(cfg.databaseUrl));
  } catch (err) {
    // A failed migration says which one and why (MigrationError, in Chinese); the database is as it was.
    out(`错误：${(err as Error).message}`);
    return 1;
  }
  const db = createDb(cfg.databaseUrl);
  try {
    await command.run({ db, databaseUrl: cfg.databaseUrl, migrated: applied, logger, config: cfg.full, print: out, now }, positionals, parsed.values);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      out(`错误：${err.message}`);
      return 1;
    }
    out(`意外错误：${(err as Error).message}`);
    logger.error({ err }, 'cli command failed');
    return 1;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`));
  process.exit(code);
}
