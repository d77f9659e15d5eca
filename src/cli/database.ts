// db:backup, db:copy — keeping the data safe and moving it (SQLite → PostgreSQL).
import fs from 'node:fs';
import { backupSqlite, BackupRefused, type BackupRefusal } from '../db/backup.ts';
import { APP_TABLES, copyDatabase, CopyRefused, type CopyRefusal } from '../db/copy.ts';
import { createDb, sqliteFilePath, type Db } from '../db/prisma.ts';
import { CliError, need, type CliCommand } from './types.ts';

/** The tables whose rows a backup reports, with what they hold. */
const MAIN_TABLES: [string, string][] = [
  ['Unit', '单位'],
  ['User', '人员'],
  ['Plan', '培训计划'],
  ['PlanEvent', '计划处理记录'],
  ['TrainingClass', '培训班'],
  ['ClassStep', '执行情况'],
  ['Attachment', '附件'],
  ['InboundEvent', '收到的消息'],
  ['OutboxMessage', '发出的消息'],
];

const isPostgres = (url: string) => /^postgres(ql)?:\/\//i.test(url);
const isSqlite = (url: string) => /^file:/i.test(url);

/** A database URL as it may be printed: without its password. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function backupRefusal(r: BackupRefusal): string {
  switch (r.reason) {
    case 'exists':
      return `「${r.path}」已存在，没有覆盖。要覆盖它请加 --force`;
    case 'is-source':
      return `「${r.path}」是数据库本身（或它的日志文件），备份要写到另一个文件`;
    case 'folder-missing':
      return `文件夹「${r.path}」不存在，请先创建它（或换一个已有的文件夹）`;
    case 'not-a-folder':
      return `「${r.path}」不是文件夹，备份文件只能放在文件夹里`;
    case 'folder-denied':
      return `没有权限在文件夹「${r.path}」中写入文件，请换一个文件夹，或让运行本命令的用户可以写入它`;
    case 'source-missing':
      return `数据库文件「${r.path}」不存在，没有可备份的内容`;
  }
}

function copyRefusal(r: CopyRefusal, toUrl: string): string {
  if (r.reason === 'target-not-empty') {
    return `目标数据库不是空的：表「${r.table}」已有 ${r.rows} 行，没有复制任何内容。db:copy 只复制到已建好表、还没有数据的数据库`;
  }
  if (r.side === 'to') {
    return `目标数据库还没有表「${r.table}」或缺少其中的列。请先建表：DATABASE_URL=${maskUrl(toUrl)} npm run cli -- db:migrate（或用它启动一次机器人）`;
  }
  return `源数据库缺少表「${r.table}」或其中的列。请先用当前版本对它执行 db:migrate（或用它启动一次机器人）`;
}

/** A client for a URL given on the command line; a SQLite file must already exist (never create an empty one). */
function open(url: string, label: string): Db {
  if (isSqlite(url)) {
    const file = sqliteFilePath(url);
    if (!fs.existsSync(file)) throw new CliError(`${label}数据库文件「${file}」不存在`);
    return createDb(url);
  }
  if (isPostgres(url)) return createDb(url);
  throw new CliError(`「${maskUrl(url)}」不是数据库地址：SQLite 写 file:路径（例如 file:./data/bot.db），PostgreSQL 写 postgresql://用户:密码@主机:端口/数据库`);
}

export const DATABASE_COMMANDS: CliCommand[] = [
  {
    name: 'db:backup',
    args: '<file> [--force] [--json]',
    summary: '在机器人运行时备份 SQLite 数据库到一个文件（仅本用户可读）；已有同名文件时需加 --force',
    async run(ctx, pos, flags) {
      need(pos, 1, 'db:backup <file> [--force] [--json]');
      if (isPostgres(ctx.databaseUrl)) {
        throw new CliError(
          [
            '当前数据库是 PostgreSQL，db:backup 只备份 SQLite 数据库。PostgreSQL 请用 pg_dump 备份：',
            `  pg_dump --format=custom --file=${pos[0]} "$DATABASE_URL"`,
            `恢复到一个空数据库：pg_restore --no-owner --dbname "$DATABASE_URL" ${pos[0]}`,
          ].join('\n'),
        );
      }
      let result;
      try {
        result = await backupSqlite(sqliteFilePath(ctx.databaseUrl), pos[0]!, { force: flags.force === true, tables: MAIN_TABLES.map(([t]) => t) });
      } catch (err) {
        if (err instanceof BackupRefused) throw new CliError(backupRefusal(err.refusal));
        throw err;
      }
      if (flags.json === true) return ctx.print(JSON.stringify({ file: result.file, bytes: result.bytes, rows: result.counts }, null, 2));
      ctx.print(`已备份到 ${result.file}（${formatBytes(result.bytes)}，仅本用户可读）。其中：`);
      for (const [table, label] of MAIN_TABLES) ctx.print(`  ${label.padEnd(8, '　')} ${String(result.counts[table]).padStart(8)} 行`);
    },
  },
  {
    name: 'db:copy',
    args: '<from-url> <to-url> [--json]',
    summary: '把全部数据从一个数据库复制到另一个已建表的空数据库（例如从 SQLite 迁到 PostgreSQL），并核对每个表的行数',
    async run(ctx, pos, flags) {
      need(pos, 2, 'db:copy <from-url> <to-url> [--json]');
      const [fromUrl, toUrl] = pos as [string, string];
      const same = isSqlite(fromUrl) && isSqlite(toUrl) ? sqliteFilePath(fromUrl) === sqliteFilePath(toUrl) : fromUrl === toUrl;
      if (same) throw new CliError('源和目标是同一个数据库');
      const json = flags.json === true;
      const from = open(fromUrl, '源');
      let to: Db | undefined;
      try {
        to = open(toUrl, '目标');
        let counts;
        let started = false;
        const onTable = (table: string, rows: number) => {
          if (json) return;
          if (!started) ctx.print(`从 ${maskUrl(fromUrl)} 复制到 ${maskUrl(toUrl)}：`);
          started = true;
          ctx.print(`  ${table.padEnd(16)} 已复制 ${rows} 行`);
        };
        try {
          counts = await copyDatabase(from, to, { fromUrl, toUrl, onTable });
        } catch (err) {
          if (err instanceof CopyRefused) throw new CliError(copyRefusal(err.refusal, toUrl));
          throw err;
        }
        const wrong = counts.filter((c) => c.from !== c.to);
        if (json) ctx.print(JSON.stringify({ tables: counts, ok: !wrong.length }, null, 2));
        else {
          ctx.print('核对行数：');
          ctx.print(`  ${'表'.padEnd(15)} ${'源'.padStart(7)} ${'目标'.padStart(6)}`);
          for (const c of counts) ctx.print(`  ${c.table.padEnd(16)} ${String(c.from).padStart(8)} ${String(c.to).padStart(8)}${c.from === c.to ? '' : '  ← 不一致'}`);
        }
        if (wrong.length) throw new CliError(`复制后行数不一致：${wrong.map((c) => `${c.table}（源 ${c.from}，目标 ${c.to}）`).join('、')}。源数据库在复制期间可能有写入，请停止机器人后清空目标数据库重新复制`);
        const total = counts.reduce((n, c) => n + c.to, 0);
        if (!json) ctx.print(`已复制 ${APP_TABLES.length} 个表共 ${total} 行，每个表两边的行数一致。`);
      } finally {
        await from.$disconnect();
        await to?.$disconnect();
      }
    },
  },
];
