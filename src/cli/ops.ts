// jobs:*, outbox:*, db:migrate — running the service.
import { cliApp } from './deps.ts';
import { createInboxRepo } from '../db/inbox-repo.ts';
import { createOutboxRepo } from '../db/outbox-repo.ts';
import { formatDateTime } from '../domain/dates.ts';
import { cleanupJob, runJob, type Job } from '../jobs/jobs.ts';
import type { CliContext } from './types.ts';
import { CliError, need, type CliCommand } from './types.ts';

/** Every scheduled job as the running bot has them, acting as of `now`. */
function jobsOf(ctx: CliContext, now: Date): Job[] {
  return [cleanupJob({ inbox: createInboxRepo(ctx.db), outbox: createOutboxRepo(ctx.db) }), ...cliApp(ctx, now).jobs];
}

/** What an inbound event was, in a few words (its payload is the normalized event). */
function describeEvent(payload: string | null): string {
  if (!payload) return '（没有内容）';
  const ev = JSON.parse(payload) as { kind: string; file?: { fileName: string }; text?: string; eventKey?: string };
  if (ev.kind === 'menu') return `菜单 ${ev.eventKey ?? ''}`;
  if (ev.kind !== 'message') return ev.kind;
  if (ev.file) return `文件「${ev.file.fileName}」`;
  return ev.text ? `消息「${ev.text.length > 30 ? `${ev.text.slice(0, 30)}…` : ev.text}」` : '消息';
}

export const OPS_COMMANDS: CliCommand[] = [
  {
    name: 'jobs:list',
    args: '',
    summary: '列出定时任务',
    async run(ctx) {
      for (const j of jobsOf(ctx, ctx.now)) ctx.print(`${j.name.padEnd(20)} ${j.schedule.padEnd(16)} ${j.description}`);
    },
  },
  {
    name: 'jobs:run',
    args: '<job> [--now <ISO 时间>] [--dry-run]',
    summary: '立即运行一个定时任务，可指定“当作此刻”的时间',
    async run(ctx, pos, flags) {
      need(pos, 1, 'jobs:run <job> [--now <ISO 时间>]');
      const names = jobsOf(ctx, ctx.now).map((j) => j.name);
      if (!names.includes(pos[0]!)) throw new CliError(`没有名为「${pos[0]}」的任务。可用：${names.join('、')}`);
      let now = ctx.now;
      if (flags.now !== undefined) {
        const raw = String(flags.now);
        now = new Date(raw);
        if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(now.getTime())) {
          throw new CliError(`--now 需要 ISO 时间，例如 2027-08-02T09:00:00+08:00，收到「${raw}」`);
        }
      }
      // Messages are queued now and delivered by the running bot.
      const job = jobsOf(ctx, now).find((j) => j.name === pos[0])!;
      const dryRun = flags['dry-run'] === true;
      const lines = await runJob(job, now, { dryRun });
      ctx.print(`任务 ${job.name} 已按北京时间 ${formatDateTime(now)} ${dryRun ? '试运行（不发送）' : '运行'}`);
      for (const line of lines) ctx.print(line);
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
    name: 'inbox:status',
    args: '',
    summary: '查看收到的消息的处理情况：待处理、处理中、失败、已隔离（导致进程退出而停止重试）的消息',
    async run(ctx) {
      const groups = await ctx.db.inboundEvent.groupBy({ by: ['status'], _count: { _all: true } });
      for (const g of groups) ctx.print(`${g.status.padEnd(12)} ${g._count._all}`);
      const stuck = await ctx.db.inboundEvent.findMany({ where: { status: { in: ['quarantined', 'failed'] } }, orderBy: { id: 'desc' }, take: 20 });
      if (!stuck.length) return ctx.print('没有已隔离或失败的消息。');
      for (const e of stuck) {
        const label = e.status === 'quarantined' ? `已隔离（进程退出 ${e.crashes} 次）` : '失败';
        ctx.print(`#${e.id} ${label} ${e.lane.replace(/^user:/, '')} 收到于 ${formatDateTime(e.receivedAt)}：${describeEvent(e.payload)}`);
        ctx.print(`    原因：${e.lastError ?? ''}`);
      }
      ctx.print('重新处理一条：npm run cli -- inbox:retry <编号>（会像刚收到一样再处理一次）');
    },
  },
  {
    name: 'inbox:retry',
    args: '<id>',
    summary: '把一条已隔离或失败的消息重新排队处理（例如修复问题之后）',
    async run(ctx, pos) {
      need(pos, 1, 'inbox:retry <id>');
      const id = Number(pos[0]);
      if (!Number.isInteger(id)) throw new CliError(`「${pos[0]}」不是消息编号。编号见 inbox:status`);
      const { count } = await ctx.db.inboundEvent.updateMany({
        where: { id, status: { in: ['quarantined', 'failed'] } },
        data: { status: 'pending', crashes: 0, availableAt: ctx.now, lockedUntil: null, processedAt: null },
      });
      if (!count) throw new CliError(`没有编号为 ${id} 的已隔离或失败的消息。见 inbox:status`);
      ctx.print(`已重新排队消息 #${id}，正在运行的机器人会在几秒内处理它（如果它再次导致进程退出 ${ctx.config?.queues.maxCrashes ?? 3} 次，会再次隔离并通知管理员）。`);
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
