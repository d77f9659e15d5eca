// The bot as an operator runs it: the built bundle in its own process, started and stopped with signals.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPush, envelope, messageEvent } from '../support/feishu-push.ts';
import { startFeishuStub, type FeishuStub } from '../support/feishu-stub.ts';
import { buildBundle, freePort, ready, ROOT, START_ARGS, startProcess, TIME_ENV } from '../support/bot-process.ts';

let stub: FeishuStub;
let dir: string;
beforeAll(async () => {
  buildBundle();
  stub = await startFeishuStub();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-proc-'));
});
afterAll(async () => {
  await stub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = startProcess;

const ENCRYPT_KEY = 'process-test-key';
const botEnv = () => ({
  DATABASE_URL: `file:${path.join(dir, 'data', 'bot.db')}`,
  FEISHU_APP_ID: stub.appId,
  FEISHU_APP_SECRET: stub.appSecret,
  FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
  FEISHU_BASE_URL: stub.url,
  LOG_LEVEL: 'info',
});

describe('the admin CLI as an operator runs it (real Node module loading, not the test runner\'s)', () => {
  it.each([
    [['calendar:show', '2026'], '国务院安排'],
    [['campaign:show', '2027'], '申报截止：2026年8月5日 23:59'],
    [['units:list'], '名册为空'],
  ])('npm run cli -- %j', (args, expected) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...TIME_ENV, DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'silent' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(expected);
  });

  it('--json prints JSON only, even when the command logs a warning (logs go to stderr)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'calendar:show', '2031', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...TIME_ENV, DATABASE_URL: `file:${path.join(dir, 'cli.db')}` },
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2031, source: 'none', holidays: [], workdays: [] });
    expect(r.stderr).toContain('no working-day calendar for 2031');
  });
});

describe('running as a process', () => {
  it('in production without Feishu credentials, exits at once and says what is missing and where to read', async () => {
    const s = start({ NODE_ENV: 'production', DATABASE_URL: `file:${path.join(dir, 'none.db')}` }, await freePort());
    expect(await s.exited).not.toBe(0);
    expect(s.output()).toContain('FEISHU_APP_ID');
    expect(s.output()).toContain('FEISHU_APP_SECRET');
    expect(s.output()).toContain('README.md');
  });

  it('elsewhere without credentials, starts the sandbox: says so, on 127.0.0.1 only, with its own database', async () => {
    const data = path.join(dir, 'sandbox-data');
    const s = start({ SANDBOX_DATA_DIR: data, HOST: '0.0.0.0' }, await freePort());
    await ready(s);
    expect(s.output()).toContain(`打开 http://localhost:${s.port}/sandbox/`);
    expect(s.output()).toContain('沙盒模式');
    expect(s.output()).toContain('没有设置 FEISHU_APP_ID 和 FEISHU_APP_SECRET');
    expect(s.output()).toContain('README.md 的「配置」和「接入真实飞书应用」');
    expect((await fetch(`http://127.0.0.1:${s.port}/sandbox/`)).status).toBe(200);
    expect(fs.existsSync(path.join(data, 'sandbox.db'))).toBe(true);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('a busy port is said plainly, naming PORT', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const s = start({ ...botEnv(), DATABASE_URL: `file:${path.join(dir, 'port', 'bot.db')}` }, port);
      expect(await s.exited).toBe(78);
      expect(s.output()).toContain(`端口 ${port} 已被占用，机器人没有启动。`);
      expect(s.output()).toContain('用环境变量 PORT 换一个端口，例如：PORT=3001 npm start');
    } finally {
      blocker.close();
    }
  });

  it('refuses --sandbox when Feishu credentials are configured', async () => {
    const child = spawn(process.execPath, [...START_ARGS, '--sandbox'], { cwd: ROOT, env: { PATH: process.env.PATH, ...TIME_ENV, FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 'y' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((r) => child.once('exit', r))).toBe(78);
    expect(out).toContain('沙盒模式不会启动');
  });

  it('creates the database folder, migrates, is ready within seconds, logs JSON without secrets', async () => {
    const s = start(botEnv(), await freePort());
    const ms = await ready(s);
    expect(ms).toBeLessThan(5000);
    expect(fs.existsSync(path.join(dir, 'data', 'bot.db'))).toBe(true);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const lines = s.output().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['bot ready', 'stopped']));
    expect(s.output()).not.toContain(ENCRYPT_KEY);
    expect(s.output()).not.toContain(stub.appSecret);
  });

  it('on SIGTERM finishes the request in flight, and keeps undelivered replies queued for the next start', async () => {
    const port = await freePort();
    const s = start(botEnv(), port);
    await ready(s);
    stub.inject('message.create', { kind: 'status', status: 503 }, 2); // Feishu is having a bad moment

    // A push whose body is still arriving when the signal comes.
    const push = buildPush(envelope('im.message.receive_v1', messageEvent({ openId: 'ou_sigterm000001', text: '帮助' }), { appId: stub.appId }), { encryptKey: ENCRYPT_KEY });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const head = [
      'POST /feishu/events HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      ...Object.entries(push.headers).map(([k, v]) => `${k}: ${v}`),
      `Content-Length: ${Buffer.byteLength(push.body)}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    let response = '';
    socket.on('data', (d) => (response += d.toString()));
    const closed = new Promise((r) => socket.once('close', r));
    socket.write(head + push.body.slice(0, 20));
    await new Promise((r) => setTimeout(r, 100));
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    socket.end(push.body.slice(20));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(await s.exited).toBe(0);
    const delivered = stub.messagesTo('ou_sigterm000001').length;
    expect(delivered).toBe(0); // Feishu refused while we were stopping

    const again = start(botEnv(), await freePort());
    await ready(again);
    await stub.waitFor(() => stub.messagesTo('ou_sigterm000001').length === 1, 10_000, 'delivery after restart');
    await new Promise((r) => setTimeout(r, 300));
    expect(stub.messagesTo('ou_sigterm000001')).toHaveLength(1);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
