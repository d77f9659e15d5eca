// Builds the whole bot from a validated config: database (migrated), Feishu API, queues, handlers,
// HTTP server, scheduler. main.ts calls it for production; the end-to-end tests call the same function.
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock.ts';
import { settingsOf, type Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createInboxRepo } from './db/inbox-repo.ts';
import { migrateDatabase } from './db/migrate-database.ts';
import { createOutboxRepo } from './db/outbox-repo.ts';
import { createDb, type Db } from './db/prisma.ts';
import { SAFETY_NET_PAGES, startDbCheckpointer } from './db/checkpointer.ts';
import { createSendLimiter } from './db/shared-limiter.ts';
import { createJobLeases } from './db/job-lease-repo.ts';
import { createFeishuApi } from './feishu/api.ts';
import type { PushHandlers } from './feishu/ingress.ts';
import { linkDown, startLongConnection, type LinkStatus, type LongConnection } from './feishu/long-connection.ts';
import { createWebhookHandler } from './feishu/webhook.ts';
import { cleanupJob } from './jobs/jobs.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createServer } from './server.ts';
import { createContainer, type Container } from './container.ts';
import { createStores } from './db/stores.ts';
import { createIsolatedSpreadsheets } from './excel/isolated-sheets.ts';
import { WorkerPool } from './excel/worker-pool.ts';
import { createInbox } from './runtime/inbox.ts';
import { createMessenger } from './runtime/messenger.ts';
import { createOutboxWorker } from './runtime/outbox.ts';
import { quarantineNotices } from './bot/quarantine.ts';
import { LoadMeter } from './runtime/load-meter.ts';
import type { FeishuApi } from './ports/feishu.ts';
import { T } from './bot/texts.ts';
import { replyFor } from './bot/reply.ts';

export type BotOptions = {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Tests shorten the outbox's first retry delay and polling. */
  tuning?: { outboxBackoffMs?: number; pollMs?: number; inboxRetryMs?: number };
  /** Run the cron schedule (off in tests, which call jobs directly). */
  scheduler?: boolean;
};

export type RunningBot = {
  url: string;
  port: number;
  db: Db;
  api: FeishuApi;
  /** The features as this bot runs them (its ports, commands, jobs). */
  app: Container;
  /** Over the long connection (FEISHU_CONNECTION=ws): its state; null with the webhook. */
  feishuLink(): LinkStatus | null;
  /** Resolves once every queue is empty and nothing is in flight (tests, benchmarks). */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** Names this process in the job leases it takes (host and process id). */
const instanceId = () => `${os.hostname()}:${process.pid}`;

function botIdentity(api: FeishuApi, logger: Logger) {
  let cached: string | null = null;
  let retryAt = 0;
  return async (): Promise<string | null> => {
    if (cached || Date.now() < retryAt) return cached;
    try {
      cached = (await api.getBotInfo()).openId;
    } catch (err) {
      retryAt = Date.now() + 60_000;
      logger.warn({ err: (err as Error).message }, 'could not read the bot identity');
    }
    return cached;
  };
}

export async function startBot(o: BotOptions): Promise<RunningBot> {
  const { config, logger, clock } = o;
  const migration = await migrateDatabase(config.databaseUrl);
  if (migration.applied.length) logger.info({ applied: migration.applied }, 'database migrated');
  const db = createDb(config.databaseUrl, { autoCheckpointPages: SAFETY_NET_PAGES });

  const api = createFeishuApi({ ...config.feishu, logger });
  const inboxRepo = createInboxRepo(db);
  const outboxRepo = createOutboxRepo(db);

  const meter = new LoadMeter();
  const checkpointer = startDbCheckpointer(config.databaseUrl, db, { logger, quiet: () => meter.quiet() });
  // Queues run on real time; `clock` is business time (deadlines, reminders), which tests and the
  // sandbox may move.
  const limits = { appPerSecond: config.outbox.appPerSecond, appPerMinute: config.outbox.appPerMinute, keyPerSecond: config.outbox.userPerSecond };
  const outbox = createOutboxWorker({
    yieldTo: () => meter.busy(),
    repo: outboxRepo,
    api,
    clock: systemClock,
    logger,
    limits,
    // On PostgreSQL shared by every instance, in this process on SQLite.
    limiter: createSendLimiter(db, limits, logger),
    maxAttempts: config.outbox.maxAttempts,
    maxCrashes: config.queues.maxCrashes,
    leaseMs: config.queues.leaseMs,
    backoffMs: o.tuning?.outboxBackoffMs,
    pollMs: o.tuning?.pollMs,
  });
  const messenger = createMessenger(outboxRepo, systemClock, (row) => outbox.offer(row), logger);

  // Uploads are read (and annotated) in worker threads with their own memory and time limits, a few at once.
  const readers = new WorkerPool({ concurrency: config.excel.workers, timeoutMs: config.excel.workerTimeoutMs, memoryMb: config.excel.workerMemoryMb });
  const sheets = createIsolatedSpreadsheets(readers, { logger, timeoutMs: config.excel.workerTimeoutMs });
  const app = createContainer({
    stores: createStores(db),
    messenger,
    sheets,
    feishu: api,
    clock,
    logger,
    settings: settingsOf(config),
    botOpenId: botIdentity(api, logger),
  });

  const inbox = createInbox({
    yieldTo: () => meter.busy(),
    repo: inboxRepo,
    clock: systemClock,
    logger,
    handleEvent: app.handleEvent,
    handleCard: app.handleCard,
    retryBaseMs: o.tuning?.inboxRetryMs,
    // A group message with no @ at all cannot be for the bot: keep only its dedup key.
    isRelevant: (ev) => !(ev.kind === 'message' && ev.chatType === 'group' && ev.mentionOpenIds.length === 0),
    onGiveUp: async (ev) => replyFor(messenger, ev, ':gave-up').text(T.giveUp(ev)),
    onQuarantine: quarantineNotices(app.ports),
    maxCrashes: config.queues.maxCrashes,
    leaseMs: config.queues.leaseMs,
    // People whose file waits for a reader do not hold up everyone else's messages (at most 8 such waits).
    parked: () => Math.min(readers.waiting, 8),
    onLateCard: async (action, response) => {
      await messenger.patchCard({ messageId: action.messageId }, `user:${action.openId}`, response.card!, `late:${action.eventId}`);
    },
  });

  const handlers: PushHandlers = {
    acceptEvent: (ev) => inbox.acceptEvent(ev),
    handleCardAction: (action, log) => inbox.handleCardAction(action, log),
  };
  const secrets = { encryptKey: config.feishu.encryptKey, verificationToken: config.feishu.verificationToken };
  // Over the long connection nothing needs to reach us; pushes are still taken when a secret proves them
  // (the test suite alone runs unsigned).
  const webhookOpen = config.feishu.connection === 'webhook' || !!(secrets.encryptKey || secrets.verificationToken) || config.nodeEnv === 'test';
  if (!webhookOpen) logger.info('webhook routes closed: long connection without an Encrypt Key or Verification Token');
  const webhook = webhookOpen
    ? createWebhookHandler({ appId: config.feishu.appId, secrets, maxRequestAgeMs: config.feishu.requestMaxAgeMs, logger, handlers })
    : undefined;
  let link: LongConnection | null = null;
  const web = createServer({
    logger,
    meter,
    webhook,
    healthy: async () => {
      await db.$queryRawUnsafe('SELECT 1');
      return true;
    },
    ...(config.feishu.connection === 'ws'
      ? {
          feishu: () => {
            const s = link?.status() ?? { state: 'connecting' as const, forMs: 0, reconnects: 0 };
            return { state: s.state, down: linkDown(s, config.feishu.wsDownGraceMs) };
          },
        }
      : {}),
  });

  const server = http.createServer(web);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  inbox.worker.start();
  outbox.start();
  const scheduler =
    o.scheduler === false ? null : startScheduler([cleanupJob({ inbox: inboxRepo, outbox: outboxRepo }), ...app.jobs], clock, logger, createJobLeases(db, instanceId()));

  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  let stopping: Promise<void> | null = null;
  const running: RunningBot = {
    url: `http://${host}:${port}`,
    port,
    db,
    api,
    app,
    feishuLink: () => link?.status() ?? null,
    async idle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const open = await db.inboundEvent.count({ where: { status: { in: ['pending', 'processing'] } } });
        const queued = await db.outboxMessage.count({ where: { status: { in: ['pending', 'processing'] } } });
        if (open + queued === 0 && inbox.worker.inFlight === 0 && outbox.inFlight === 0) return;
        if (Date.now() > deadline) throw new Error(`not idle after ${timeoutMs} ms: ${open} events, ${queued} messages`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /**
     * Within about 6 s whatever is in flight: no new requests (those in flight finish, their events are stored
     * before the 200); the workers get 4 s to finish what they hold; what is still running is handed back to
     * the queue (the next process takes it at once) and its readers are ended. Nothing is lost: every event
     * and message not done stays in the database.
     */
    stop() {
      stopping ??= (async () => {
        logger.info('stopping');
        link?.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 3_000);
        await Promise.all([
          closed.then(() => clearTimeout(force)),
          (async () => {
            // Scheduled jobs are idempotent (each reminder is claimed once): one cut short runs again later.
            const jobs = new Promise<void>((resolve) => setTimeout(resolve, 4_000).unref());
            await Promise.all([Promise.race([scheduler?.stop(), jobs]), inbox.worker.stop(4_000), outbox.stop(4_000)]);
            await readers.close();
          })(),
        ]);
        await checkpointer.stop();
        await db.$disconnect();
        logger.info('stopped');
      })();
      return stopping;
    },
  };

  if (config.feishu.connection === 'ws') {
    try {
      link = await startLongConnection({
        appId: config.feishu.appId,
        appSecret: config.feishu.appSecret,
        baseUrl: config.feishu.baseUrl,
        logger,
        handlers,
        enter: () => meter.enter(),
      });
    } catch (err) {
      await running.stop();
      throw err;
    }
  }
  logger.info({ port, database: config.databaseUrl, feishu: config.feishu.baseUrl, connection: config.feishu.connection }, 'bot ready');
  return running;
}