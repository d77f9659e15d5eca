// Starts the real bot (same startBot as `npm start`) on a fresh SQLite file (or a fresh PostgreSQL database),
// against a Feishu stand-in, and posts signed, encrypted, real-format pushes to it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type RunningBot } from '../../src/app.ts';
import { movableClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { assertValidCard } from './card-lint.ts';
import { buildPush, cardActionEvent, envelope, messageEvent, postPush, type MessageSpec } from './feishu-push.ts';
import { startFeishuStub, type StubOptions } from './feishu-stub.ts';
import { emptyPgDatabase } from './temp-pg.ts';

export type HarnessOptions = {
  /** 'encrypt' (default): Encrypt Key + token; 'token': Verification Token only, plaintext pushes. */
  security?: 'encrypt' | 'token';
  stub?: StubOptions;
  env?: Record<string, string>;
  start?: Date;
  /** 'ws': events and card clicks reach the bot over the long connection (the stand-in's WebSocket). */
  transport?: 'webhook' | 'ws';
  /** Runs before the bot starts (e.g. faults for its first requests). */
  beforeBoot?: (stub: Awaited<ReturnType<typeof startFeishuStub>>) => void;
  /** 'postgresql': an empty database of its own on the test server, which the bot migrates as it starts. */
  database?: 'sqlite' | 'postgresql';
};

/** An App ID of the real shape (the long-connection client refuses any other). */
export const WS_APP_ID = 'cli_a1b2c3d4e5f60718';

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(o: HarnessOptions = {}) {
  const ws = o.transport === 'ws';
  const stub = await startFeishuStub({ ...(ws ? { appId: WS_APP_ID } : {}), ...o.stub });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-'));
  const pg = o.database === 'postgresql' ? await emptyPgDatabase() : null;
  const secrets = {
    appId: stub.appId,
    verificationToken: 'test-verification-token',
    encryptKey: o.security === 'token' ? undefined : 'test-encrypt-key-0123456789',
  };
  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: pg?.url ?? `file:${path.join(dir, 'bot.db')}`,
    FEISHU_APP_ID: stub.appId,
    FEISHU_APP_SECRET: stub.appSecret,
    FEISHU_VERIFICATION_TOKEN: secrets.verificationToken,
    FEISHU_ENCRYPT_KEY: secrets.encryptKey ?? '',
    FEISHU_BASE_URL: stub.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(ws ? { FEISHU_CONNECTION: 'ws' } : {}),
    ...o.env,
  };
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.message);
  const config: Config = loaded.config;
  const clock = movableClock(o.start);
  const logger = createLogger(config.logLevel);
  const boot = () =>
    startBot({ config, logger, clock, scheduler: false, tuning: { outboxBackoffMs: 50, pollMs: 100, inboxRetryMs: 50 } });
  o.beforeBoot?.(stub);
  let bot: RunningBot;
  try {
    bot = await boot();
  } catch (err) {
    await stub.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await pg?.drop();
    throw err;
  }
  if (ws) await stub.ws.waitForClient();

  const push = (payload: unknown, path = '/feishu/events', sign = true) =>
    postPush(bot.url, path, buildPush(payload, secrets, { sign }));
  /** Over the long connection: plain JSON in data frames; the answer frame in the webhook's answer shape. */
  const pushWs = async (payload: unknown, opts: { parts?: number; messageId?: string } = {}) => {
    const a = await stub.ws.push(payload, opts);
    const json = a.data ?? {};
    return { status: a.code, json, text: JSON.stringify(json) };
  };
  const deliver = (payload: unknown, path: string) => (ws ? pushWs(payload) : push(payload, path));
  // Over the long connection header.token is empty (the connection itself is authenticated).
  const wsSecrets = { ...secrets, verificationToken: '' };

  const h = {
    stub,
    config,
    clock,
    secrets,
    dir,
    get bot() {
      return bot;
    },
    get db() {
      return bot.db;
    },
    push,
    pushWs,
    envelope: (type: string, event: Record<string, unknown>, eventId?: string) =>
      envelope(type, event, { ...(ws ? wsSecrets : secrets), ...(eventId ? { eventId } : {}) }),
    /** A text message from a person, through the real webhook (or the long connection). */
    say(openId: string, text: string, extra: Partial<MessageSpec> = {}) {
      return deliver(envelope('im.message.receive_v1', messageEvent({ openId, text, ...extra }), ws ? wsSecrets : secrets), '/feishu/events');
    },
    click(openId: string, messageId: string, value: unknown, extra: { formValue?: Record<string, unknown>; option?: string; name?: string } = {}) {
      return deliver(envelope('card.action.trigger', cardActionEvent({ openId, messageId, value, ...extra }), ws ? wsSecrets : secrets), '/feishu/cards');
    },
    async restart() {
      await bot.stop();
      bot = await boot();
      if (ws) await stub.ws.waitForClient();
    },
    /** Every card the bot sent or patched must be one Feishu accepts. */
    lintSentCards() {
      stub.cards().forEach((c, i) => assertValidCard(c, `card #${i + 1}`));
    },
    async stop() {
      await bot.stop();
      await stub.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      await pg?.drop();
    },
  };
  return h;
}
