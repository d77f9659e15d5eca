// Sandbox mode: the whole bot on this machine, without a Feishu app. The same startBot as production, its
// outbound calls going through the real SDK to an embedded Feishu stand-in; a web page (/sandbox) where a
// visitor picks who they are and chats, clicks cards, uploads files. Every action of the page becomes a
// real-format, signed and encrypted push to /feishu/events or /feishu/cards. Its data lives in its own
// database file; the server listens on 127.0.0.1 only. The page and its API exist only here.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { startBot, type RunningBot } from '../app.ts';
import { systemClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { createDb } from '../db/prisma.ts';
import { migrateSqlite } from '../db/migrate.ts';
import type { Logger } from '../logger.ts';
import { WEB_DIR } from '../paths.ts';
import { FeishuStub } from './feishu-standin.ts';
import { seedDemo } from './demo.ts';
import { sandboxGuard } from './guard.ts';
import { sandboxApi, type SandboxState } from './routes.ts';
import { SANDBOX_SECRETS } from './secrets.ts';


export type SandboxOptions = {
  /** Where the sandbox keeps its database and chat history (default ./data). */
  dataDir: string;
  port: number;
  logger: Logger;
  logLevel: Config['logLevel'];
  /** Start from fresh demo data. */
  reset?: boolean;
  /** Business time (tests move it); the queues always run on real time. */
  clock?: { now(): Date };
  /** 'ws': the bot receives the page's pushes over the long connection, as a server without a public address would. */
  connection?: 'webhook' | 'ws';
};

export type RunningSandbox = { url: string; port: number; bot: () => RunningBot; state: SandboxState; stop(): Promise<void> };

function dbFiles(dataDir: string) {
  const db = path.join(dataDir, 'sandbox.db');
  return { db, all: [db, `${db}-wal`, `${db}-shm`, `${db}-journal`], chat: path.join(dataDir, 'sandbox-chat.json') };
}

export async function startSandbox(o: SandboxOptions): Promise<RunningSandbox> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const files = dbFiles(o.dataDir);
  const clock = o.clock ?? systemClock;
  const standin = await new FeishuStub({ appId: SANDBOX_SECRETS.appId, appSecret: SANDBOX_SECRETS.appSecret, botOpenId: SANDBOX_SECRETS.botOpenId }).start();
  const loaded = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${files.db}`,
    FEISHU_APP_ID: SANDBOX_SECRETS.appId,
    FEISHU_APP_SECRET: SANDBOX_SECRETS.appSecret,
    FEISHU_ENCRYPT_KEY: SANDBOX_SECRETS.encryptKey,
    FEISHU_VERIFICATION_TOKEN: SANDBOX_SECRETS.verificationToken,
    FEISHU_BASE_URL: standin.url,
    FEISHU_CONNECTION: o.connection ?? 'webhook',
    LOG_LEVEL: o.logLevel,
  });
  if (!loaded.ok) throw new Error(loaded.message);
  const config = loaded.config;

  const state: SandboxState = { standin, log: [], dataDir: o.dataDir, version: 0 };
  const prepare = async (fresh: boolean) => {
    if (fresh) {
      for (const f of [...files.all, files.chat]) fs.rmSync(f, { force: true });
      state.log.length = 0;
      standin.messages.length = 0;
      standin.patches.length = 0;
      standin.uploads.length = 0;
      standin.resources.clear();
    }
    migrateSqlite(config.databaseUrl);
    const db = createDb(config.databaseUrl);
    try {
      if ((await db.unit.count()) === 0) await seedDemo(db, clock.now());
      for (const u of await db.user.findMany()) if (u.name) standin.addUser(u.openId, u.name);
    } finally {
      await db.$disconnect();
    }
  };
  await prepare(!!o.reset);
  if (!o.reset) loadChat(state, files.chat);

  const boot = async () => {
    const running = await startBot({ config, logger: o.logger, clock, tuning: { pollMs: 100 } });
    if (o.connection === 'ws') await standin.ws.waitForClient();
    return running;
  };
  let bot = await boot();
  // The page's server: the sandbox API and page, and everything else to the bot (so a restart after a
  // reset is invisible to the page).
  const app = express();
  app.disable('x-powered-by');
  let port = 0;
  const guard = sandboxGuard(() => port);
  app.use(guard.sameMachine);
  app.get(['/sandbox/', '/sandbox/index.html'], guard.page(path.join(WEB_DIR, 'sandbox', 'index.html')));
  app.use('/sandbox/api', guard.apiToken);
  app.use(
    '/sandbox',
    sandboxApi({
      state,
      bot: () => bot,
      clock,
      logger: o.logger,
      connection: o.connection ?? 'webhook',
      reset: async () => {
        await bot.stop();
        await prepare(true);
        bot = await boot();
      },
    }),
  );
  app.use('/sandbox', express.static(path.join(WEB_DIR, 'sandbox'), { index: 'index.html' }));
  app.get('/', (_req, res) => res.redirect('/sandbox/'));
  app.use((req, res) => proxy(req, res, bot.url));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const saver = setInterval(() => saveChat(state, files.chat), 2000);
  saver.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bot: () => bot,
    state,
    async stop() {
      clearInterval(saver);
      saveChat(state, files.chat);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bot.stop();
      await standin.stop();
    },
  };
}

/** Forwards a request to the bot as it came. */
function proxy(req: http.IncomingMessage, res: http.ServerResponse, target: string) {
  const url = new URL(req.url ?? '/', target);
  const forward = http.request(url, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => {
    if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'bot restarting' }));
  });
  req.pipe(forward);
}

// The chat history lives in the stand-in's memory; it is kept in a file next to the database so a restart
// of the sandbox keeps the conversations (a reset deletes it).
type Saved = {
  messages: FeishuStub['messages'];
  patches: FeishuStub['patches'];
  uploads: { fileKey: string; fileName: string; fileType: string; data: string }[];
  resources: [string, { data: string; contentType: string }][];
  log: SandboxState['log'];
};

function saveChat(state: SandboxState, file: string) {
  const size = state.standin.messages.length + state.standin.patches.length + state.log.length;
  if (size === state.version) return;
  state.version = size;
  const s = state.standin;
  const saved: Saved = {
    messages: s.messages,
    patches: s.patches,
    uploads: s.uploads.map((u) => ({ ...u, data: u.data.toString('base64') })),
    resources: [...s.resources].map(([k, v]) => [k, { contentType: v.contentType, data: v.data.toString('base64') }]),
    log: state.log,
  };
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(saved));
  fs.renameSync(`${file}.tmp`, file);
}

function loadChat(state: SandboxState, file: string) {
  if (!fs.existsSync(file)) return;
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Saved;
    const s = state.standin;
    s.messages.push(...saved.messages);
    s.patches.push(...saved.patches);
    s.uploads.push(...saved.uploads.map((u) => ({ ...u, data: Buffer.from(u.data, 'base64') })));
    for (const [k, v] of saved.resources) s.resources.set(k, { contentType: v.contentType, data: Buffer.from(v.data, 'base64') });
    state.log.push(...saved.log);
    s.restoreSequence();
  } catch {
    // A damaged history is not worth refusing to start for: the conversations start afresh.
  }
}
