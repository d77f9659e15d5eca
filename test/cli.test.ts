import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { createDb } from '../src/db/prisma.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-cli-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'silent' };
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, env, (l) => lines.push(l), new Date('2027-07-20T09:00:00+08:00'));
  return { code, out: lines.join('\n') };
}

describe('admin CLI', () => {
  it('next to a sandbox, says plainly which database it uses (the sandbox keeps its own)', async () => {
    const here = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-cli-sbx-'));
    fs.mkdirSync(path.join(here, 'data'));
    fs.writeFileSync(path.join(here, 'data', 'sandbox.db'), '');
    const cwd = process.cwd();
    process.chdir(here);
    try {
      const notes: string[] = [];
      expect(await runCli(['units:list'], { LOG_LEVEL: 'silent' }, () => undefined, new Date(), (l) => notes.push(l))).toBe(0);
      expect(notes.join('\n')).toContain(`注意：没有设置 DATABASE_URL，使用默认数据库 ${path.join(here, 'data', 'bot.db')}；沙盒的数据在另一个数据库 ${path.join(here, 'data', 'sandbox.db')}`);
      expect(notes.join('\n')).toContain('DATABASE_URL=file:./data/sandbox.db npm run cli -- units:list');
      const quiet: string[] = [];
      expect(await runCli(['units:list'], { LOG_LEVEL: 'silent', DATABASE_URL: 'file:./data/sandbox-copy.db' }, () => undefined, new Date(), (l) => quiet.push(l))).toBe(0);
      expect(quiet).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(here, { recursive: true, force: true });
    }
  });

  it('prints usage for --help and for no command', async () => {
    expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('users:grant') });
    expect((await cli()).code).toBe(2);
    expect(await cli('nope')).toMatchObject({ code: 2, out: expect.stringContaining('没有「nope」这个命令') });
  });

  it('grants a role, tells the person through the outbox, and lists them', async () => {
    expect(await cli('users:grant', 'ou_reviewer00001', 'reviewer')).toMatchObject({ code: 0, out: expect.stringContaining('审核人') });
    expect((await cli('users:list', '--role', 'reviewer')).out).toContain('ou_reviewer00001');
    const db = createDb(env.DATABASE_URL);
    const queued = await db.outboxMessage.findMany({ where: { receiveId: 'ou_reviewer00001' } });
    await db.$disconnect();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.content).toContain('审核人');
  });

  it.each([
    [['users:grant', 'bob', 'reviewer'], 1, '不是有效的飞书 open_id'],
    [['users:grant', 'ou_reviewer00001', 'boss'], 1, '角色只能是'],
    [['users:grant', 'ou_reviewer00001'], 1, '用法'],
    [['users:bind', 'ou_declarant0001', '123456'], 1, '单位名册中没有'],
    [['jobs:run', 'nope'], 1, '没有名为「nope」的任务'],
    [['jobs:run', 'cleanup', '--now', 'tomorrow'], 1, 'ISO 时间'],
    [['users:list', '--role', 'king'], 1, '--role 只能是'],
    [['users:list', '--bogus'], 2, '参数有误'],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(code);
    expect(r.out).toContain(message);
  });

  it('binds a declarant only to a competent unit', async () => {
    const db = createDb(env.DATABASE_URL);
    await db.unit.createMany({
      data: [
        { code: '201001', name: '柳州市某局', staffCount: 130 },
        { code: '201002', name: '柳州市某局下属中心', parentCode: '201001', staffCount: 20 },
      ],
    });
    await db.$disconnect();
    expect(await cli('users:bind', 'ou_declarant0001', '201002')).toMatchObject({ code: 1, out: expect.stringContaining('二层单位') });
    expect(await cli('users:bind', 'ou_declarant0001', '201001')).toMatchObject({ code: 0, out: expect.stringContaining('柳州市某局') });
  });

  it('runs a job as of a given instant', async () => {
    expect(await cli('jobs:run', 'cleanup', '--now', '2027-08-05T09:00:00+08:00')).toMatchObject({
      code: 0,
      out: expect.stringContaining('2027年8月5日 09:00'),
    });
  });

  it('inbox:status shows a quarantined event with its sender and reason; inbox:retry puts it back once', async () => {
    const db = createDb(env.DATABASE_URL);
    const payload = JSON.stringify({ kind: 'message', eventId: 'e1', messageId: 'om_q1', chatId: 'oc', chatType: 'p2p', senderOpenId: 'ou_sender000001', messageType: 'file', file: { fileKey: 'f', fileName: '申报表.xlsx', type: 'file' }, mentionOpenIds: [] });
    const at = new Date('2027-07-20T08:00:00+08:00');
    const row = await db.inboundEvent.create({ data: { dedupKey: 'msg:om_q1', kind: 'message', eventId: 'e1', lane: 'user:ou_sender000001', payload, status: 'quarantined', attempts: 4, crashes: 3, availableAt: at, receivedAt: at, lastError: 'ended the process 3 times (attempt 4); not handled again' } });
    const status = await cli('inbox:status');
    expect(status.out).toContain('quarantined  1');
    expect(status.out).toContain(`#${row.id} 已隔离（进程退出 3 次） ou_sender000001 收到于 2027年7月20日 08:00：文件「申报表.xlsx」`);
    expect(status.out).toContain('ended the process 3 times');
    expect(await cli('inbox:retry', String(row.id))).toMatchObject({ code: 0, out: expect.stringContaining(`已重新排队消息 #${row.id}`) });
    expect(await db.inboundEvent.findUnique({ where: { id: row.id } })).toMatchObject({ status: 'pending', crashes: 0, lockedUntil: null });
    expect(await cli('inbox:retry', String(row.id))).toMatchObject({ code: 1, out: expect.stringContaining('没有编号为') });
    await db.$disconnect();
  });
});
