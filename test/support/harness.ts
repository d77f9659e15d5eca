// Starts the real bot (same startBot as `npm start`) on a fresh SQLite file, against a Feishu stand-in,
// and posts signed, encrypted, real-format pushes to it.
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

export type HarnessOptions = {
  /** 'encrypt' (default): Encrypt Key + token; 'token': Verification Token only, plaintext pushes. */
  security?: 'encrypt' | 'token';
  stub?: StubOptions;
  env?: Record<string, string>;
  start?: Date;
};

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(o: HarnessOptions = {}) {
  const stub = await startFeishuStub(o.stub);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-'));
  const secrets = {
    appId: stub.appId,
    verificationToken: 'test-verification-token',
    encryptKey: o.security === 'token' ? undefined : 'test-encrypt-key-0123456789',
  };
  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${path.join(dir, 'bot.db')}`,
    FEISHU_APP_ID: stub.appId,
    FEISHU_APP_SECRET: stub.appSecret,
    FEISHU_VERIFICATION_TOKEN: secrets.verificationToken,
    FEISHU_ENCRYPT_KEY: secrets.encryptKey ?? '',
    FEISHU_BASE_URL: stub.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...o.env,
  };
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.message);
  const config: Config = loaded.config;
  const clock = movableClock(o.start);
  const logger = createLogger(config.logLevel);
  const boot = () =>
    startBot({ config, logger, clock, scheduler: false, tuning: { outboxBackoffMs: 50, pollMs: 100, inboxRetryMs: 50 } });
  let bot: RunningBot = await boot();

  const push = (payload: unknown, path = '/feishu/events', sign = true) =>
    postPush(bot.url, path, buildPush(payload, secrets, { sign }));

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
    envelope: (type: string, event: Record<string, unknown>, eventId?: string) =>
      envelope(type, event, { ...secrets, ...(eventId ? { eventId } : {}) }),
    /** A text message from a person, through the real webhook. */
    say(openId: string, text: string, extra: Partial<MessageSpec> = {}) {
      return push(envelope('im.message.receive_v1', messageEvent({ openId, text, ...extra }), secrets));
    },
    click(openId: string, messageId: string, value: unknown, extra: { formValue?: Record<string, unknown>; option?: string; name?: string } = {}) {
      return push(envelope('card.action.trigger', cardActionEvent({ openId, messageId, value, ...extra }), secrets), '/feishu/cards');
    },
    async restart() {
      await bot.stop();
      bot = await boot();
    },
    /** Every card the bot sent or patched must be one Feishu accepts. */
    lintSentCards() {
      stub.cards().forEach((c, i) => assertValidCard(c, `card #${i + 1}`));
    },
    async stop() {
      await bot.stop();
      await stub.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
