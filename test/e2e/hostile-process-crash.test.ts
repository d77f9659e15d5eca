// A process killed (SIGKILL) while handling an event has that event taken over within 30 s (the default
// lease) and, after it ended the process three times, quarantined: its sender and the admin told, the
// sender's next message answered, the operator's inbox:status showing it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { envelope, messageEvent } from '../support/feishu-push.ts';
import { freePort, ready, ROOT, TIME_ENV, until } from '../support/bot-process.ts';
import { plainRows } from '../support/hostile-files.ts';
import { hostileProcess } from '../support/hostile-process.ts';

const CRASHER = 'ou_hproc_decl0002';
const ADMIN = 'ou_hproc_admin001';
const p = hostileProcess({ declarants: [CRASHER], admin: ADMIN });

describe('an event that ends the process', () => {
  it('is taken over within 30 s after a SIGKILL, and after 3 such crashes quarantined: sender and admin told, the sender\'s next message answered', async () => {
    p.stub.inject('resource.get', { kind: 'delay', ms: 60_000 }, 3); // the download hangs: the event is mid-handling
    const downloads = () => p.stub.arrivals.filter((a) => a.op === 'resource.get' && a.path.includes('om_hproc_crash'));
    const messageId = 'om_hproc_crash';
    p.stub.addResource(messageId, 'file_v3_crash', await plainRows(10));
    const kills: number[] = [];
    const reclaims: number[] = [];
    let bot = p.start(p.env(), await freePort()); // the default lease (20 s)
    await ready(bot);
    const payload = envelope('im.message.receive_v1', messageEvent({ openId: CRASHER, messageId, file: { fileKey: 'file_v3_crash', fileName: '会崩溃.xlsx' } }), { appId: p.stub.appId });
    expect((await p.post(bot, payload)).status).toBe(200);
    for (let crash = 1; crash <= 3; crash++) {
      await until(`download #${crash}`, () => downloads().length === crash, 40_000);
      if (crash > 1) reclaims.push(downloads()[crash - 1]!.at - kills.at(-1)!);
      bot.child.kill('SIGKILL');
      kills.push(Date.now());
      await bot.exited;
      // Later processes use a 5 s lease so the test is quick; the first take-over is measured on the default one.
      bot = p.start(p.env({ QUEUE_LEASE_SECONDS: '5' }), await freePort());
      await ready(bot);
    }
    const told = await until('the sender is told', () => p.textsTo(CRASHER).some((t) => t.includes('无法处理，已停止重试')), 30_000);
    process.stdout.write(`taken over after a SIGKILL in ${reclaims.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; quarantined ${(told / 1000).toFixed(1)} s after the 3rd\n`);
    expect(reclaims[0]).toBeLessThan(30_000);
    expect(downloads()).toHaveLength(3); // not handled a fourth time
    expect(p.textsTo(CRASHER)).toEqual([expect.stringMatching(/^您发送的文件「会崩溃.xlsx」无法处理，已停止重试，管理员已收到通知。.*您的其他消息不受影响/)]);
    await until('the admin is alerted', () => p.textsTo(ADMIN).some((t) => t.includes('已隔离')), 10_000);
    const alert = p.textsTo(ADMIN).find((t) => t.includes('已隔离'))!;
    expect(alert).toMatch(/进程退出了 3 次/);
    expect(alert).toMatch(/inbox:retry \d+/);
    expect(alert).toContain('文件「会崩溃.xlsx」');
    // The sender is not blocked behind it.
    await p.push(bot, CRASHER, { text: '帮助' });
    await until('the next message is answered', () => p.textsTo(CRASHER).length === 2, 15_000);
    // An operator sees it.
    const status = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'inbox:status'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...TIME_ENV, DATABASE_URL: p.dbUrl, LOG_LEVEL: 'silent' } });
    expect(status.stdout).toMatch(/#\d+ 已隔离（进程退出 3 次） ou_hproc_decl0002 .*文件「会崩溃.xlsx」/);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 180_000);
});
