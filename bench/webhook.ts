// npm run bench:webhook — ack throughput and latency of the real bot (on SQLite) for signed, encrypted
// 「帮助」 text events from many different users, against two references measured in the same run: the
// minimal SDK bot (bench/minimal-bot.ts) and a bare http server (bench/bare-http.ts).
// Options (env): BENCH_DURATION seconds per target (20), BENCH_CONNECTIONS (20), BENCH_USERS (5000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildPush, envelope, messageEvent } from '../test/support/feishu-push.ts';
import { startFeishuStub } from '../test/support/feishu-stub.ts';
import { freePort, peakRssMb, spawnNode, spawnTs, startCommandArgs, stop, table, waitForHttp } from './support.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const USERS = Number(process.env.BENCH_USERS ?? 5000);
const APP_ID = 'cli_bench_app';
const ENCRYPT_KEY = 'bench-encrypt-key';
const TOKEN = 'bench-verification-token';

let seq = 0;
function nextPush() {
  seq++;
  const openId = `ou_bench${String(seq % USERS).padStart(8, '0')}`;
  const payload = envelope('im.message.receive_v1', messageEvent({ openId, text: '帮助', messageId: `om_bench_${process.pid}_${seq}` }), {
    appId: APP_ID,
    verificationToken: TOKEN,
  });
  return buildPush(payload, { encryptKey: ENCRYPT_KEY });
}

type Result = { name: string; rps: number; p50: number; p99: number; non2xx: number; errors: number; rssMb: number };

async function load(name: string, url: string, pid: number): Promise<Result> {
  // Pre-build a pool so the load generator spends its time sending, not encrypting.
  const pool = Array.from({ length: 20_000 }, nextPush);
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/feishu/events',
        setupRequest: (req) => {
          const push = i < pool.length ? pool[i]! : nextPush();
          i++;
          return { ...req, headers: push.headers, body: push.body };
        },
      },
    ],
  });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    rssMb: peakRssMb(pid),
  };
}

async function run(name: string, command: string | string[], env: Record<string, string>, health: string): Promise<Result> {
  const port = await freePort();
  const child = Array.isArray(command) ? spawnNode(command, { ...env, PORT: String(port) }) : spawnTs(command, { ...env, PORT: String(port) });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  try {
    await waitForHttp(`http://127.0.0.1:${port}${health}`);
    process.stdout.write(`· ${name}: ${DURATION}s at ${CONNECTIONS} connections…\n`);
    return await load(name, `http://127.0.0.1:${port}`, child.pid!);
  } catch (err) {
    process.stderr.write(stderr);
    throw err;
  } finally {
    await stop(child);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-bench-'));
const stub = await startFeishuStub({ appId: APP_ID, appSecret: 'bench-secret' });
try {
  const bare = await run('bare http (ceiling)', 'bench/bare-http.ts', {}, '/');
  const minimal = await run('minimal SDK bot', 'bench/minimal-bot.ts', { DB_FILE: path.join(dir, 'minimal.db'), ENCRYPT_KEY }, '/');
  const real = await run(
    'training-plan bot',
    startCommandArgs(),
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'bot.db')}`,
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: 'bench-secret',
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_BASE_URL: stub.url,
      LOG_LEVEL: 'info', // as in production: one line per acknowledged event
    },
    '/healthz',
  );
  const rows = [bare, minimal, real].map((r) => ({
    target: r.name,
    'req/s': r.rps,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'non-2xx': r.non2xx,
    errors: r.errors,
    'peak RSS MB': r.rssMb,
  }));
  process.stdout.write(`\n${table(rows)}\n\n`);
  process.stdout.write(`real / minimal SDK bot: ${((real.rps / minimal.rps) * 100).toFixed(1)}%   (target ≥ 25%)\n`);
  process.stdout.write(`real / bare http:       ${((real.rps / bare.rps) * 100).toFixed(1)}%\n`);
  process.stdout.write(`real p99 ack:           ${real.p99} ms   (target < 50 ms)\n`);
  process.stdout.write(`real peak RSS:          ${real.rssMb} MB   (target < 200 MB)\n`);
  process.stdout.write(`replies delivered to the stand-in during the run: ${stub.messages.length}\n`);
} finally {
  await stub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
