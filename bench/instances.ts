// npm run bench:instances — the same bot on its three storage set-ups, in one run (issue 16):
//   (a) one instance on SQLite (the default), (b) one instance on PostgreSQL, (c) two instances on one
//   PostgreSQL database, events alternating between them (no load balancer: each POST goes to the next one).
// For each: reply latency (signed, encrypted 「帮助」 → answer at the Feishu stand-in) one person at a time and
// at 10 events/s; ack throughput (a short autocannon run; for (c) both instances loaded at once, half the
// connections each); and limiter accuracy under a burst above Feishu's limits (150 events/s for 3 s from 25
// people, 6/s each): every send request reaching the stand-in is counted, refused or not, and the most in any
// 1 s window, app-wide (Feishu allows 50) and per person (Feishu allows 5), is reported with the drain time
// against what those limits allow. Each set-up gets its own stand-in and a fresh database, so one set-up's
// queue or minute window cannot touch the next.
// Options (env): BENCH_IDLE_N (100), BENCH_STEADY_S (10), BENCH_ACKS (3000), BENCH_CONNECTIONS (20),
// PG_BENCH_URL (a server where user may create databases; default postgresql://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrateSqlite } from '../src/db/migrate.ts';
import type { FeishuStub, StubCall, StubMessage } from '../src/sandbox/feishu-standin.ts';
import { buildPush, envelope, messageEvent } from '../test/support/feishu-push.ts';
import { startFeishuStub } from '../test/support/feishu-stub.ts';
import { emptyPgDatabase } from '../test/support/temp-pg.ts';
import { freePort, maxIn1s, openLoop, peakRssMb, percentile, sleep, spawnNode, startCommandArgs, stop, table, waitForHttp } from './support.ts';

if (!process.env.PG_TEST_URL && process.env.PG_BENCH_URL) process.env.PG_TEST_URL = process.env.PG_BENCH_URL;
const IDLE_N = Number(process.env.BENCH_IDLE_N ?? 100);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 10);
const ACKS = Number(process.env.BENCH_ACKS ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const APP_ID = 'cli_be0c4a0b1e2c3d4e';
const APP_SECRET = 'bench-secret';
const ENCRYPT_KEY = 'bench-encrypt-key';
const TOKEN = 'bench-verification-token';
const APP_LIMIT = 50;
const PERSON_LIMIT = 5;
const BURST = { perSecond: 150, seconds: 3, people: 25 };
const SENDS = new Set(['message.create', 'message.reply']);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-bench-instances-'));
const round = (v: number) => Math.round(v * 10) / 10;

let seq = 0;
/** Who a message or send request is for: replies name the message answered, creates the person or their chat. */
const personOfMessage = new Map<string, string>();
const personOf = (receiveId?: string, replyTo?: string) => (replyTo ? personOfMessage.get(replyTo) : undefined) ?? receiveId?.replace(/^oc_p2p_/, '');

/** Posts one signed, encrypted 「帮助」 from `openId` to the bot at `base`. */
async function post(base: string, openId: string, tag: string): Promise<string> {
  const messageId = `om_${tag}_${++seq}`;
  personOfMessage.set(messageId, openId);
  const payload = envelope('im.message.receive_v1', messageEvent({ openId, text: '帮助', messageId }), { appId: APP_ID, verificationToken: TOKEN });
  const push = buildPush(payload, { encryptKey: ENCRYPT_KEY });
  const res = await fetch(`${base}/feishu/events`, { method: 'POST', headers: push.headers, body: push.body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`push answered ${res.status}`);
  return messageId;
}

type Setup = { name: string; bases: string[]; stub: FeishuStub; pids: number[] };

/** One 「帮助」 from a new person; resolves with the milliseconds until the answer reached the stand-in. */
async function ask(s: Setup, i: number, tag: string, timeoutMs = 30_000): Promise<number> {
  const openId = `ou_${tag}${String(++seq).padStart(7, '0')}`;
  const answered = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${s.name}: no answer to ${openId} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (m: StubMessage) => {
      if (personOf(m.receiveId, m.replyTo) !== openId) return;
      clearTimeout(timer);
      s.stub.onMessage.delete(listener);
      resolve(performance.now());
    };
    s.stub.onMessage.add(listener);
  });
  const start = performance.now();
  await post(s.bases[i % s.bases.length]!, openId, tag);
  return (await answered) - start;
}

/** `perSecond` events a second for `seconds`, on schedule whatever the answers do (an open loop). */

async function idle(s: Setup): Promise<number[]> {
  for (let i = 0; i < 20; i++) await ask(s, i, 'w').then(() => sleep(50)); // warm-up: tokens, JIT, caches
  const lat: number[] = [];
  for (let i = 0; i < IDLE_N; i++) {
    lat.push(await ask(s, i, 'i'));
    await sleep(50);
  }
  return lat;
}

async function burst(s: Setup) {
  const n = BURST.perSecond * BURST.seconds;
  const people = Array.from({ length: BURST.people }, (_, i) => `ou_burst${String(i).padStart(4, '0')}`);
  const expected = new Set(people);
  const delivered = () => s.stub.messages.filter((m) => m.at >= t0 && expected.has(personOf(m.receiveId, m.replyTo) ?? '')).length;
  const firstCall = s.stub.calls.length;
  const refusedBefore = s.stub.limitViolations;
  const t0 = Date.now();
  const { failed } = await openLoop(BURST.perSecond, BURST.seconds, (i) => post(s.bases[i % s.bases.length]!, people[i % people.length]!, 'b'));
  const deadline = Date.now() + 60_000;
  while (delivered() < n - failed && Date.now() < deadline) await sleep(50);
  await sleep(1000); // a duplicate answer would arrive now and count above n
  const answers = s.stub.messages.filter((m) => m.at >= t0 && expected.has(personOf(m.receiveId, m.replyTo) ?? ''));
  // Every send request that reached Feishu during the burst, accepted or refused: what the limiter let out.
  const sends = s.stub.calls.slice(firstCall).filter((c: StubCall) => SENDS.has(c.op));
  const target = (c: StubCall) => {
    const receiveId = (c.body as { receive_id?: unknown } | undefined)?.receive_id;
    return personOf(typeof receiveId === 'string' ? receiveId : undefined, /\/messages\/([^/]+)\/reply/.exec(c.path)?.[1]);
  };
  const byPerson = new Map<string, number[]>();
  for (const c of sends) {
    const p = target(c);
    if (p && expected.has(p)) byPerson.set(p, [...(byPerson.get(p) ?? []), c.at]);
  }
  // The limits allow 50 in any second app-wide and 5 per person: the n-th answer cannot leave before
  // (n / 50 − 1) s, nor a person's k-th before (k / 5 − 1) s.
  const allowedS = Math.max(n / APP_LIMIT - 1, n / BURST.people / PERSON_LIMIT - 1);
  return {
    answered: answers.length,
    lost: failed,
    drainS: answers.length === n ? round((Math.max(...answers.map((m) => m.at)) - t0) / 1000) : Number.NaN,
    allowedS: round(allowedS),
    maxApp: maxIn1s(sends.map((c) => c.at)),
    maxPerson: Math.max(0, ...[...byPerson.values()].map(maxIn1s)),
    refused: s.stub.limitViolations - refusedBefore,
  };
}

/** ACKS pushes from 5,000 people at CONNECTIONS connections, split evenly over the instances, all at once. */
async function acks(s: Setup): Promise<number> {
  const t0 = performance.now();
  const runs = s.bases.map((base, b) => {
    const pool = Array.from({ length: Math.ceil(ACKS / s.bases.length) }, (_, i) => {
      const payload = envelope('im.message.receive_v1', messageEvent({ openId: `ou_k${String(i % 5000).padStart(7, '0')}`, text: '帮助', messageId: `om_k${b}_${i}` }), { appId: APP_ID, verificationToken: TOKEN });
      return buildPush(payload, { encryptKey: ENCRYPT_KEY });
    });
    let k = 0;
    return autocannon({
      url: base,
      connections: Math.max(1, Math.round(CONNECTIONS / s.bases.length)),
      amount: pool.length,
      requests: [{ method: 'POST', path: '/feishu/events', setupRequest: (req) => ({ ...req, ...pool[k++ % pool.length]! }) }],
    });
  });
  const results = await Promise.all(runs);
  const took = (performance.now() - t0) / 1000;
  for (const r of results) if (r.non2xx || r.errors) throw new Error(`${s.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return Math.round(results.reduce((sum, r) => sum + r.requests.total, 0) / took);
}

// ---- the set-ups ------------------------------------------------------------------------------------
const args = startCommandArgs(); // builds dist/ once, as `npm start` does
async function launch(databaseUrl: string, stub: FeishuStub) {
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: APP_SECRET,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    FEISHU_BASE_URL: stub.url,
    LOG_LEVEL: 'info',
  };
  const child = spawnNode(args, env, path.join(dir, `${port}.log`));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  return { base: `http://127.0.0.1:${port}`, child, stderr: () => stderr };
}

type Figures = { idle: number[]; steady: number[]; steadyLost: number; burst: Awaited<ReturnType<typeof burst>>; acks: number; rssMb: number };

async function measure(name: string, urls: string[]): Promise<Figures> {
  const stub = await startFeishuStub({ appId: APP_ID, appSecret: APP_SECRET, rateLimits: { appPerSecond: APP_LIMIT, userPerSecond: PERSON_LIMIT } });
  const bots = urls.map((u) => launch(u, stub)); // started together: two instances migrate one database at once
  const instances = await Promise.all(bots);
  try {
    await Promise.all(instances.map((t) => waitForHttp(`${t.base}/healthz`, 60_000)));
    await sleep(3000); // "idle" means idle: the catch-up jobs a start runs after 2 s are done
    const s: Setup = { name, bases: instances.map((t) => t.base), stub, pids: instances.map((t) => t.child.pid!) };
    process.stdout.write(`· ${name}: idle…\n`);
    const idleLat = await idle(s);
    process.stdout.write(`· ${name}: 10/s for ${STEADY_S} s…\n`);
    const st = await openLoop(10, STEADY_S, (i) => ask(s, i, 's'));
    await sleep(1000);
    process.stdout.write(`· ${name}: burst of ${BURST.perSecond}/s for ${BURST.seconds} s from ${BURST.people} people…\n`);
    const b = await burst(s);
    process.stdout.write(`· ${name}: ${ACKS} acknowledgements at ${CONNECTIONS} connections…\n`);
    const a = await acks(s);
    return { idle: idleLat, steady: st.results, steadyLost: st.failed, burst: b, acks: a, rssMb: Math.max(...s.pids.map(peakRssMb)) };
  } catch (err) {
    for (const t of instances) process.stderr.write(t.stderr());
    throw err;
  } finally {
    await Promise.all(instances.map((t) => stop(t.child)));
    await stub.stop();
  }
}

const dropped: (() => Promise<void>)[] = [];
try {
  const sqliteUrl = `file:${path.join(dir, 'bot.db')}`;
  migrateSqlite(sqliteUrl);
  const one = await emptyPgDatabase();
  dropped.push(one.drop);
  const shared = await emptyPgDatabase();
  dropped.push(shared.drop);
  const figures = [
    await measure('(a) one instance, SQLite', [sqliteUrl]),
    await measure('(b) one instance, PostgreSQL', [one.url]),
    await measure('(c) two instances, one PostgreSQL', [shared.url, shared.url]),
  ];
  const rows: Record<string, string | number>[] = [];
  // A figure that misses its goal is marked ✗.
  const row = (figure: string, goal: string, value: (f: Figures) => number | string, ok: (f: Figures) => boolean = () => true) =>
    rows.push({ figure, ...Object.fromEntries(figures.map((f, i) => [['SQLite ×1', 'PostgreSQL ×1', 'PostgreSQL ×2'][i]!, `${value(f)}${ok(f) ? '' : ' ✗'}`])), goal });
  const p = (v: number[], q: number) => round(percentile(v, q));
  const [sqlite] = figures as [Figures];
  const within = (v: number[], ref: number[], extra: number) => p(v, 50) <= 2 * p(ref, 50) + extra && p(v, 99) <= 2 * p(ref, 99) + extra;
  row(`idle reply p50 / p99 ms (${IDLE_N})`, `≤ 2 × SQLite ×1 + 10 ms`, (f) => `${p(f.idle, 50)} / ${p(f.idle, 99)}`, (f) => within(f.idle, sqlite.idle, 10));
  row(`10/s reply p50 / p99 ms (${STEADY_S} s)`, `≤ 2 × SQLite ×1 + 20 ms`, (f) => `${p(f.steady, 50)} / ${p(f.steady, 99)}${f.steadyLost ? ` (${f.steadyLost} lost)` : ''}`, (f) => !f.steadyLost && within(f.steady, sqlite.steady, 20));
  row(`acks/s (${ACKS} at ${CONNECTIONS} conn.)`, `≥ ${Math.round(sqlite.acks * 0.8)} (80 % of SQLite ×1)`, (f) => f.acks, (f) => f.acks >= sqlite.acks * 0.8);
  const n = BURST.perSecond * BURST.seconds;
  row(`burst: answered of ${n}`, `${n}, each once`, (f) => f.burst.answered + (f.burst.lost ? ` (${f.burst.lost} not acked)` : ''), (f) => f.burst.answered === n);
  row('burst: most sends in any 1 s, app', `≤ ${APP_LIMIT}`, (f) => f.burst.maxApp, (f) => f.burst.maxApp <= APP_LIMIT);
  row('burst: most sends in any 1 s, person', `≤ ${PERSON_LIMIT}`, (f) => f.burst.maxPerson, (f) => f.burst.maxPerson <= PERSON_LIMIT);
  row('burst: sends refused by Feishu', '0', (f) => f.burst.refused, (f) => f.burst.refused === 0);
  const allowed = sqlite.burst.allowedS;
  row('burst: drain s', `≤ ${round(allowed * 1.1)} (limits allow ${allowed} s, + 10 %)`, (f) => f.burst.drainS, (f) => f.burst.drainS <= allowed * 1.1);
  row('peak RSS MB (largest instance)', '—', (f) => f.rssMb);
  process.stdout.write(`\n${table(rows)}\n`);
} finally {
  for (const drop of dropped) await drop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
}
