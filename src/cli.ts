// Admin commands: `npm run cli -- <command> [args]`. Each command validates its arguments, calls the same
// services the bot uses, prints what happened in Chinese, and exits non-zero on any error. Messages to
// people go through the outbox; the running bot delivers them (or the next start does).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.ts';
import { loadCliConfig, type Config } from './config.ts';
import { ROLE_LABELS, openIdSchema, roleSchema, type Person } from './domain/people.ts';
import { createInboxRepo } from './db/inbox-repo.ts';
import { migrateSqlite } from './db/migrate.ts';
import { createOutboxRepo } from './db/outbox-repo.ts';
import { createDb, type Db } from './db/prisma.ts';
import { createUnitLookup, createUserRepo } from './db/user-repo.ts';
import { createFeishuApi } from './feishu/api.ts';
import { JOBS, findJob } from './jobs/jobs.ts';
import { createLogger, type Logger } from './logger.ts';
import { formatDateTime } from './domain/dates.ts';
import { createMessenger } from './services/messenger.ts';

export class CliError extends Error {}

type CliContext = {
  db: Db;
  /** Migrations this run applied before the command. */
  migrated: string[];
  logger: Logger;
  config: Config | null;
  print: (line: string) => void;
  now: Date;
};

type CliCommand = {
  name: string;
  args: string;
  summary: string;
  run(ctx: CliContext, positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<void>;
};

function need(positionals: string[], count: number, usage: string): void {
  if (positionals.length !== count) throw new CliError(`参数不对。用法：npm run cli -- ${usage}`);
}

function parseOpenId(raw: string): string {
  const r = openIdSchema.safeParse(raw);
  if (!r.success) throw new CliError(`「${raw}」不是有效的飞书 open_id：${r.error.issues[0]!.message}`);
  return r.data;
}

/** Best effort: the person's name from Feishu, so the admin sees who they granted. */
async function feishuName(ctx: CliContext, openId: string): Promise<string | undefined> {
  if (!ctx.config) return undefined;
  try {
    const api = createFeishuApi({ ...ctx.config.feishu, logger: ctx.logger, timeoutMs: 5000 });
    return (await api.getUser(openId))?.name;
  } catch {
    return undefined;
  }
}

const describe = (p: Person) =>
  `${p.name ?? '（姓名未知）'} ${p.openId}${p.role ? ` ${ROLE_LABELS[p.role]}` : ''}${p.unitCode ? ` 单位 ${p.unitCode}` : ''}`;

const COMMANDS: CliCommand[] = [
  {
    name: 'users:grant',
    args: '<open_id> <reviewer|admin>',
    summary: '授予审核人或管理员权限',
    async run(ctx, pos) {
      need(pos, 2, 'users:grant <open_id> <reviewer|admin>');
      const openId = parseOpenId(pos[0]!);
      const role = roleSchema.exclude(['declarant']).safeParse(pos[1]);
      if (!role.success) throw new CliError(`角色只能是 reviewer（审核人）或 admin（管理员），收到「${pos[1]}」`);
      const person = await createUserRepo(ctx.db).grant(openId, role.data, await feishuName(ctx, openId));
      await createMessenger(createOutboxRepo(ctx.db), systemClock, () => {}).sendText(
        { openId },
        `您已被授予「${ROLE_LABELS[role.data]}」权限。发送「帮助」查看您现在可以做什么。`,
        `cli:grant:${openId}:${role.data}:${ctx.now.getTime()}`,
      );
      ctx.print(`已授予：${describe(person)}`);
    },
  },
  {
    name: 'users:bind',
    args: '<open_id> <预算单位代码>',
    summary: '把一个人关联到一个主管单位（申报人）',
    async run(ctx, pos) {
      need(pos, 2, 'users:bind <open_id> <预算单位代码>');
      const openId = parseOpenId(pos[0]!);
      const code = pos[1]!.trim();
      const unit = await createUnitLookup(ctx.db).find(code);
      if (!unit) throw new CliError(`单位名册中没有预算单位代码「${code}」。请先用 units:import 导入财政局的单位名册，或检查代码。`);
      if (unit.parentCode) {
        throw new CliError(`「${unit.name}」（${code}）是二层单位，申报由其主管单位统一负责。请关联到主管单位 ${unit.parentCode}。`);
      }
      const person = await createUserRepo(ctx.db).bind(openId, code, await feishuName(ctx, openId));
      await createMessenger(createOutboxRepo(ctx.db), systemClock, () => {}).sendText(
        { openId },
        `您已关联到「${unit.name}」（预算单位代码 ${code}），可以为本单位申报培训计划了。发送「帮助」查看怎么做。`,
        `cli:bind:${openId}:${code}:${ctx.now.getTime()}`,
      );
      ctx.print(`已关联：${describe(person)}（${unit.name}）`);
    },
  },
  {
    name: 'users:list',
    args: '[--role declarant|reviewer|admin]',
    summary: '列出机器人认识的人',
    async run(ctx, _pos, flags) {
      const users = createUserRepo(ctx.db);
      let people: Person[];
      if (typeof flags.role === 'string') {
        const role = roleSchema.safeParse(flags.role);
        if (!role.success) throw new CliError(`--role 只能是 declarant、reviewer 或 admin，收到「${flags.role}」`);
        people = await users.listByRole(role.data);
      } else {
        people = await users.list();
      }
      if (!people.length) ctx.print('（没有记录）');
      for (const p of people) ctx.print(describe(p));
    },
  },
  {
    name: 'jobs:list',
    args: '',
    summary: '列出定时任务',
    async run(ctx) {
      for (const j of JOBS) ctx.print(`${j.name.padEnd(20)} ${j.schedule.padEnd(16)} ${j.description}`);
    },
  },
  {
    name: 'jobs:run',
    args: '<job> [--now <ISO 时间>]',
    summary: '立即运行一个定时任务，可指定“当作此刻”的时间',
    async run(ctx, pos, flags) {
      need(pos, 1, 'jobs:run <job> [--now <ISO 时间>]');
      const job = findJob(pos[0]!);
      if (!job) throw new CliError(`没有名为「${pos[0]}」的任务。可用：${JOBS.map((j) => j.name).join('、')}`);
      let now = ctx.now;
      if (flags.now !== undefined) {
        const raw = String(flags.now);
        now = new Date(raw);
        if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(now.getTime())) {
          throw new CliError(`--now 需要 ISO 时间，例如 2027-08-02T09:00:00+08:00，收到「${raw}」`);
        }
      }
      const result = await job.run({ inbox: createInboxRepo(ctx.db), outbox: createOutboxRepo(ctx.db), logger: ctx.logger }, now);
      ctx.print(`任务 ${job.name} 已按北京时间 ${formatDateTime(now)} 运行：${JSON.stringify(result)}`);
    },
  },
  {
    name: 'outbox:status',
    args: '',
    summary: '查看待发送、已发送、发送失败的消息数，以及最近的失败原因',
    async run(ctx) {
      const groups = await ctx.db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
      for (const g of groups) ctx.print(`${g.status.padEnd(12)} ${g._count._all}`);
      const failed = await ctx.db.outboxMessage.findMany({ where: { status: 'failed' }, orderBy: { id: 'desc' }, take: 10 });
      for (const f of failed) ctx.print(`失败 #${f.id} ${f.kind} → ${f.receiveId ?? f.targetId ?? ''}：${f.lastError ?? ''}`);
    },
  },
  {
    name: 'outbox:retry',
    args: '<id|all>',
    summary: '把发送失败的消息重新排队',
    async run(ctx, pos) {
      need(pos, 1, 'outbox:retry <id|all>');
      const where = pos[0] === 'all' ? { status: 'failed' } : { status: 'failed', id: Number(pos[0]) };
      if (pos[0] !== 'all' && !Number.isInteger(where.id)) throw new CliError(`「${pos[0]}」不是消息编号，也不是 all`);
      const { count } = await ctx.db.outboxMessage.updateMany({
        where,
        data: { status: 'pending', attempts: 0, availableAt: ctx.now, lastError: null },
      });
      ctx.print(`已重新排队 ${count} 条消息。`);
    },
  },
  {
    name: 'db:migrate',
    args: '',
    summary: '执行数据库迁移（启动时也会自动执行）',
    async run(ctx) {
      ctx.print(ctx.migrated.length ? `已执行迁移：${ctx.migrated.join('、')}` : '数据库已是最新，没有需要执行的迁移。');
    },
  },
];

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
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, now: { type: 'string' }, role: { type: 'string' } },
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
  const logger = createLogger(cfg.logLevel === 'info' ? 'warn' : cfg.logLevel);
  const { applied } = migrateSqlite(cfg.databaseUrl);
  const db = createDb(cfg.databaseUrl);
  try {
    await command.run({ db, migrated: applied, logger, config: cfg.full, print: out, now }, positionals, parsed.values);
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
