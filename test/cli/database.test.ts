// db:backup and db:copy as an administrator runs them: a backup taken while the bot writes, refusals that say
// what to do, a whole database copied table by table and checked by counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { DATABASE_COMMANDS } from '../../src/cli/database.ts';
import { CliError } from '../../src/cli/types.ts';
import { APP_TABLES } from '../../src/db/copy.ts';
import { migrateSqlite } from '../../src/db/migrate.ts';
import { createDb } from '../../src/db/prisma.ts';
import { seedFullDb } from '../support/full-db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-dbcli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(databaseFile: string, ...args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { DATABASE_URL: `file:${databaseFile}`, LOG_LEVEL: 'silent' }, (l) => lines.push(l), new Date('2027-07-20T09:00:00+08:00'));
  return { code, out: lines.join('\n') };
}

/** A migrated database holding the full fixture. */
async function seeded(name: string): Promise<string> {
  const file = path.join(dir, name);
  migrateSqlite(`file:${file}`);
  const db = createDb(`file:${file}`);
  await seedFullDb(db);
  await db.$disconnect();
  return file;
}

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('db:backup', () => {
  it('copies the database while another connection keeps writing: the copy is whole and has every row committed before it began', async () => {
    const file = await seeded('live.db');
    // Make it big enough (~8 MB) that the copy takes many steps, each of which the writer can interleave.
    const writer = new Database(file);
    const insert = writer.prepare(`INSERT INTO "InboundEvent" (dedupKey, kind, lane, payload, availableAt, receivedAt) VALUES (?, 'message', 'user:ou_x', ?, 0, 0)`);
    writer.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run(`bulk:${i}`, '申'.repeat(600));
    })();
    const before = (writer.prepare('SELECT MAX(id) AS id, COUNT(*) AS n FROM "InboundEvent"').get() as { id: number; n: number });
    let writing = true;
    let during = 0;
    const loop = (async () => {
      while (writing) {
        insert.run(`live:${during++}`, '写');
        await new Promise((r) => setImmediate(r));
      }
    })();
    const dest = path.join(dir, 'live-backup.db');
    const r = await cli(file, 'db:backup', dest);
    writing = false;
    await loop;
    writer.close();
    expect(r.code, r.out).toBe(0);
    expect(during).toBeGreaterThan(0); // the bot's writes went on during the copy

    expect(mode(dest)).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((copy.prepare('SELECT id FROM "InboundEvent"').all() as { id: number }[]).map((x) => x.id));
    for (let id = 1; id <= before.id; id++) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBeGreaterThanOrEqual(before.n);
    const plans = (copy.prepare('SELECT COUNT(*) AS n FROM "Plan"').get() as { n: number }).n;
    copy.close();

    expect(r.out).toMatch(new RegExp(`^已备份到 ${dest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（\\d+\\.\\d MB，仅本用户可读）。其中：`));
    expect(r.out.split('\n').slice(1)).toEqual([
      '  单位　　　　　　        3 行',
      '  人员　　　　　　        4 行',
      `  培训计划　　　　       ${plans} 行`,
      '  计划处理记录　　       90 行',
      '  培训班　　　　　       30 行',
      '  执行情况　　　　       60 行',
      '  附件　　　　　　        3 行',
      `  收到的消息　　　     ${ids.size} 行`,
      '  发出的消息　　　       13 行',
    ]);
  });

  it('never overwrites an existing file unless --force; --json reports the file, size and rows', async () => {
    const file = await seeded('force.db');
    const dest = path.join(dir, 'force-backup.db');
    fs.writeFileSync(dest, 'yesterday’s backup');
    const refused = await cli(file, 'db:backup', dest);
    expect(refused).toEqual({ code: 1, out: `错误：「${dest}」已存在，没有覆盖。要覆盖它请加 --force` });
    expect(fs.readFileSync(dest, 'utf8')).toBe('yesterday’s backup');

    const forced = await cli(file, 'db:backup', dest, '--force', '--json');
    expect(forced.code, forced.out).toBe(0);
    const report = JSON.parse(forced.out) as { file: string; bytes: number; rows: Record<string, number> };
    expect(report).toMatchObject({ file: dest, bytes: fs.statSync(dest).size, rows: { Unit: 3, User: 4, Plan: 30, PlanEvent: 90, TrainingClass: 30, ClassStep: 60, Attachment: 3, InboundEvent: 12, OutboxMessage: 13 } });
    expect(mode(dest)).toBe(0o600);
    // Not even --force writes over the database itself.
    expect(await cli(file, 'db:backup', file, '--force')).toEqual({ code: 1, out: `错误：「${file}」是数据库本身（或它的日志文件），备份要写到另一个文件` });
    expect(await cli(file, 'db:backup', `${file}-wal`, '--force')).toMatchObject({ code: 1 });
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
    copy.close();
  });

  it('says clearly when the destination folder is missing, not a folder, or not writable', async () => {
    const file = await seeded('dest.db');
    expect(await cli(file, 'db:backup', path.join(dir, 'nope', 'b.db'))).toEqual({ code: 1, out: `错误：文件夹「${path.join(dir, 'nope')}」不存在，请先创建它（或换一个已有的文件夹）` });
    fs.writeFileSync(path.join(dir, 'plain-file'), '');
    expect(await cli(file, 'db:backup', path.join(dir, 'plain-file', 'b.db'))).toEqual({ code: 1, out: `错误：「${path.join(dir, 'plain-file')}」不是文件夹，备份文件只能放在文件夹里` });
    // A folder this user may not write to (root writes anywhere but sysfs).
    let locked = '/sys';
    if (process.getuid?.() !== 0) {
      locked = path.join(dir, 'locked');
      fs.mkdirSync(locked, { mode: 0o500 });
    }
    expect(await cli(file, 'db:backup', path.join(locked, 'b.db'))).toEqual({ code: 1, out: `错误：没有权限在文件夹「${locked}」中写入文件，请换一个文件夹，或让运行本命令的用户可以写入它` });
  });

  it('on PostgreSQL says to use pg_dump and shows the command, without the password', async () => {
    const backup = DATABASE_COMMANDS.find((c) => c.name === 'db:backup')!;
    const lines: string[] = [];
    const ctx = { databaseUrl: 'postgresql://bot:s3cret@127.0.0.1:5432/bot', print: (l: string) => lines.push(l) } as never;
    const err = await backup.run(ctx, ['bot-2027-07-20.dump'], {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(
      [
        '当前数据库是 PostgreSQL，db:backup 只备份 SQLite 数据库。PostgreSQL 请用 pg_dump 备份：',
        '  pg_dump --format=custom --file=bot-2027-07-20.dump "$DATABASE_URL"',
        '恢复到一个空数据库：pg_restore --no-owner --dbname "$DATABASE_URL" bot-2027-07-20.dump',
      ].join('\n'),
    );
    expect(lines).toEqual([]);
  });
});

describe('db:copy', () => {
  it('copies every table into an empty migrated database and prints both counts per table', async () => {
    const from = await seeded('copy-from.db');
    const to = path.join(dir, 'copy-to.db');
    migrateSqlite(`file:${to}`);
    const r = await cli(from, 'db:copy', `file:${from}`, `file:${to}`);
    expect(r.code, r.out).toBe(0);
    const db = createDb(`file:${to}`);
    const counts: Record<string, number> = {};
    for (const t of APP_TABLES) counts[t.table] = await (db as unknown as Record<string, { count(): Promise<number> }>)[t.model]!.count();
    await db.$disconnect();
    for (const t of APP_TABLES) {
      expect(counts[t.table], t.table).toBeGreaterThan(0);
      expect(r.out).toContain(`  ${t.table.padEnd(16)} 已复制 ${counts[t.table]} 行`);
      expect(r.out).toContain(`  ${t.table.padEnd(16)} ${String(counts[t.table]).padStart(8)} ${String(counts[t.table]).padStart(8)}\n`.trimEnd());
    }
    expect(r.out.split('\n')[0]).toBe(`从 file:${from} 复制到 file:${to}：`);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(r.out.split('\n').at(-1)).toBe(`已复制 22 个表共 ${total} 行，每个表两边的行数一致。`);

    const again = path.join(dir, 'copy-json.db');
    migrateSqlite(`file:${again}`);
    const j = await cli(from, 'db:copy', `file:${from}`, `file:${again}`, '--json');
    expect(j.code, j.out).toBe(0);
    expect(JSON.parse(j.out)).toEqual({ tables: APP_TABLES.map((t) => ({ table: t.table, from: counts[t.table], to: counts[t.table] })), ok: true });
  });

  it('refuses a target that has rows, naming the table, and copies nothing', async () => {
    const from = await seeded('busy-from.db');
    const to = path.join(dir, 'busy-to.db');
    migrateSqlite(`file:${to}`);
    const db = createDb(`file:${to}`);
    await db.campaign.create({ data: { year: 2026, opensAt: new Date(), declareClosesAt: new Date(), reviseClosesAt: new Date(), backfillClosesAt: new Date() } });
    expect(await cli(from, 'db:copy', `file:${from}`, `file:${to}`)).toEqual({
      code: 1,
      out: '错误：目标数据库不是空的：表「Campaign」已有 1 行，没有复制任何内容。db:copy 只复制到已建好表、还没有数据的数据库',
    });
    expect(await db.unit.count()).toBe(0);
    await db.$disconnect();
  });

  it('refuses a target without tables, a missing file, the same database, and what is not a database URL', async () => {
    const from = await seeded('bad-from.db');
    const bare = path.join(dir, 'bare.db');
    new Database(bare).close();
    const r = await cli(from, 'db:copy', `file:${from}`, `file:${bare}`);
    expect(r).toEqual({ code: 1, out: `错误：目标数据库还没有表「User」或缺少其中的列。请先建表：DATABASE_URL=file:${bare} npm run cli -- db:migrate（或用它启动一次机器人）` });
    const missing = path.join(dir, 'missing.db');
    expect(await cli(from, 'db:copy', `file:${from}`, `file:${missing}`)).toEqual({ code: 1, out: `错误：目标数据库文件「${missing}」不存在` });
    expect(fs.existsSync(missing)).toBe(false);
    expect(await cli(from, 'db:copy', `file:${from}`, `file:${from}`)).toEqual({ code: 1, out: '错误：源和目标是同一个数据库' });
    expect(await cli(from, 'db:copy', `file:${from}`, 'mysql://root:pw@db/bot')).toEqual({
      code: 1,
      out: '错误：「mysql://root:***@db/bot」不是数据库地址：SQLite 写 file:路径（例如 file:./data/bot.db），PostgreSQL 写 postgresql://用户:密码@主机:端口/数据库',
    });
  });
});
