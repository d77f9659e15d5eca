import { describe, expect, it } from 'vitest';
import { chooseMode, loadConfig, loadSandboxSettings } from '../src/config.ts';

const base = { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k' };

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const r = loadConfig(base);
    expect(r.ok && r.config).toMatchObject({
      port: 3000,
      databaseUrl: 'file:./data/bot.db',
      feishu: { baseUrl: 'https://open.feishu.cn', encryptKey: 'k', verificationToken: undefined },
      outbox: { appPerSecond: 50, appPerMinute: 1000, userPerSecond: 5 },
      excel: { workers: 2, workerMemoryMb: 64, workerTimeoutMs: 30_000 },
      queues: { leaseMs: 20_000, maxCrashes: 3 },
    });
  });

  it('lists every problem at once, naming the variable', () => {
    const r = loadConfig({ PORT: 'abc', FEISHU_BASE_URL: 'ftp://x', LOG_LEVEL: 'loud' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const vars = r.problems.map((p) => p.split('：')[0]);
    expect(vars).toEqual(
      expect.arrayContaining(['PORT', 'FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_BASE_URL', 'LOG_LEVEL', 'FEISHU_ENCRYPT_KEY']),
    );
    expect(r.message).toContain('README.md');
  });

  it('outside tests refuses to start without an Encrypt Key or a Verification Token', () => {
    const r = loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's' });
    expect(r.ok).toBe(false);
    expect(loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 't' }).ok).toBe(true);
    expect(loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', NODE_ENV: 'test' }).ok).toBe(true);
  });

  it.each([
    ['PORT', '70000'],
    ['OUTBOX_USER_RPS', '0'],
    ['DATABASE_URL', 'mysql://x'],
    ['EXCEL_WORKERS', '0'],
    ['EXCEL_WORKER_MEMORY_MB', '8'],
    ['EXCEL_WORKER_TIMEOUT_SECONDS', 'soon'],
    ['QUEUE_LEASE_SECONDS', '1'],
    ['INBOX_MAX_CRASHES', '0'],
  ])('rejects %s=%s', (name, value) => {
    const r = loadConfig({ ...base, [name]: value });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toMatch(new RegExp(`^${name}：`));
  });

  it('the long connection: webhook by default; ws needs no push secret but an App ID of the real shape', () => {
    const webhook = loadConfig(base);
    expect(webhook.ok && webhook.config.feishu).toMatchObject({ connection: 'webhook', wsDownGraceMs: 300_000 });
    const ws = loadConfig({ FEISHU_CONNECTION: 'ws', FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 's', FEISHU_WS_DOWN_GRACE: '60' });
    expect(ws.ok && ws.config.feishu).toMatchObject({ connection: 'ws', wsDownGraceMs: 60_000, encryptKey: undefined });
    for (const appId of ['cli_test_app', 'cli_a1b2c3d4e5f6071', 'cli_a1b2c3d4e5f607189', 'cla_a1b2c3d4e5f60718', 'cli_a1b2c3d4e5f6071g']) {
      const r = loadConfig({ FEISHU_CONNECTION: 'ws', FEISHU_APP_ID: appId, FEISHU_APP_SECRET: 's' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problems).toEqual([`FEISHU_APP_ID：「${appId}」不是有效的 App ID。长连接模式要求 cli_ 加 16 位十六进制字符（例如 cli_a1b2c3d4e5f60718），请从开发者后台「凭证与基础信息」复制`]);
    }
    // the webhook takes any App ID Feishu gave (the token request is what checks it)
    expect(loadConfig({ ...base, FEISHU_APP_ID: 'cli_test_app' }).ok).toBe(true);
    const bad = loadConfig({ ...base, FEISHU_CONNECTION: 'websocket', FEISHU_WS_DOWN_GRACE: '5' });
    expect(!bad.ok && bad.problems.map((p) => p.split('：')[0])).toEqual(['FEISHU_CONNECTION', 'FEISHU_WS_DOWN_GRACE']);
    expect(!bad.ok && bad.problems[0]).toContain('只能是 webhook');
  });

  it('DATABASE_URL: SQLite by default, a file: path, or a PostgreSQL database', () => {
    const def = loadConfig(base);
    expect(def.ok && def.config.databaseUrl).toBe('file:./data/bot.db');
    for (const url of ['file:./data/x.db', 'postgresql://bot:secret@db.example:5432/bot', 'postgres://postgres@127.0.0.1/bot?sslmode=disable']) {
      const r = loadConfig({ ...base, DATABASE_URL: url });
      expect(r.ok && r.config.databaseUrl).toBe(url);
    }
    for (const url of ['mysql://x', 'postgresql://host-without-database', 'sqlite:./x.db']) {
      const r = loadConfig({ ...base, DATABASE_URL: url });
      expect(!r.ok && r.problems).toEqual([
        'DATABASE_URL：只支持 SQLite（file:路径，例如 file:./data/bot.db）或 PostgreSQL（postgresql://用户:密码@主机:端口/数据库名）',
      ]);
    }
  });

  it('treats empty values as unset', () => {
    const r = loadConfig({ ...base, PORT: '', FEISHU_BASE_URL: '  ' });
    expect(r.ok && r.config.port).toBe(3000);
  });
});

describe('npm start: the bot or the sandbox', () => {
  it.each([
    ['no Feishu credentials', {}, [], 'sandbox'],
    ['credentials', base, [], 'production'],
    ['only an app id (a half-done configuration is an error, not a sandbox)', { FEISHU_APP_ID: 'cli_a' }, [], 'production'],
    ['no credentials in NODE_ENV=production', { NODE_ENV: 'production' }, [], 'production'],
    ['--sandbox explicitly, even in production', { NODE_ENV: 'production' }, ['--sandbox'], 'sandbox'],
    ['--sandbox with credentials configured', base, ['--sandbox'], 'refuse'],
  ] as const)('%s → %s', (_name, env, args, kind) => {
    expect(chooseMode(env, args).kind).toBe(kind);
  });

  it('the sandbox has its own quiet defaults and data directory', () => {
    expect(loadSandboxSettings({})).toEqual({ ok: true, port: 3000, logLevel: 'error', dataDir: './data', connection: 'webhook' });
    expect(loadSandboxSettings({ SANDBOX_CONNECTION: 'ws' })).toMatchObject({ ok: true, connection: 'ws' });
    expect(loadSandboxSettings({ SANDBOX_CONNECTION: 'websocket' })).toMatchObject({ ok: false, message: expect.stringContaining('SANDBOX_CONNECTION：只能是 webhook（默认）或 ws') });
    expect(loadSandboxSettings({ PORT: 'x' }).ok).toBe(false);
  });
});
