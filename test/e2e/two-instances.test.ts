// Two bot processes on one fresh PostgreSQL database, no load balancer in front (the test posts to either),
// against the Feishu stand-in (which refuses calls over Feishu's limits, like Feishu): the jobs' start-up
// catch-up, started on both at the same moment, runs on one of them; a declaration whose
// messages alternate between the instances is answered in order; one event posted to both at once has one
// effect; a burst from many people split between them is all answered within the app's limits (≤ 50 sends
// in any second app-wide, ≤ 5 a second to one person, checked on the stand-in's arrival times); and with one
// instance killed (SIGKILL) mid-burst, the other takes its leases over and every answer arrives exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/db/migrate-postgres.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';
import { buildBundle, freePort, ready, startProcess, until, type Started } from '../support/bot-process.ts';
import { buildPush, envelope, messageEvent, postPush } from '../support/feishu-push.ts';
import { startFeishuStub, type FeishuStub } from '../support/feishu-stub.ts';
import { emptyPgDatabase } from '../support/temp-pg.ts';
import { messageText } from '../support/transcript.ts';

const ENCRYPT_KEY = 'two-instances-key';
const UNIT = { code: '101001', name: '柳州市人力资源和社会保障局' };
const DECL = 'ou_multi_decl_0001';
const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `ou_multi_${prefix}_${String(i).padStart(3, '0')}`);
const BURST = people('burst', 30);
const BURST_HEAVY = people('bheavy', 2);
const KILL = people('kill', 20);
const KILL_HEAVY = people('kheavy', 1);
const SEND_OPS = new Set(['message.create', 'message.reply', 'message.patch', 'file.create']);

/** The most of `times` in any window of `ms` (half-open). */
function busiest(times: number[], ms: number): number {
  const a = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    while (j < a.length && a[j]! < a[i]! + ms) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('two instances on one PostgreSQL database', () => {
  let stub: FeishuStub;
  let pg: Awaited<ReturnType<typeof emptyPgDatabase>>;
  let db: Db;
  let a: Started;
  let b: Started;
  let seq = 0;

  const post = (bot: Started, payload: unknown) => postPush(bot.url, '/feishu/events', buildPush(payload, { encryptKey: ENCRYPT_KEY }));
  const message = (openId: string, text: string) =>
    envelope('im.message.receive_v1', messageEvent({ openId, messageId: `om_multi_${++seq}`, text }), { appId: stub.appId });
  async function say(bot: Started, openId: string, text: string) {
    const res = await post(bot, message(openId, text));
    expect(res.status).toBe(200);
  }
  const texts = (openId: string) => stub.messagesTo(openId).map(messageText);
  /** Nothing left to handle or to send in the shared queues. */
  async function settled(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = await db.inboundEvent.count({ where: { status: { in: ['pending', 'processing'] } } });
      const queued = await db.outboxMessage.count({ where: { status: { in: ['pending', 'processing'] } } });
      if (open + queued === 0) return;
      if (Date.now() > deadline) throw new Error(`not settled: ${open} events, ${queued} messages`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const env = () => ({
    DATABASE_URL: pg.url,
    FEISHU_APP_ID: stub.appId,
    FEISHU_APP_SECRET: stub.appSecret,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_BASE_URL: stub.url,
    LOG_LEVEL: 'info', // the scheduler's lines say which instance ran a job
    QUEUE_LEASE_SECONDS: '5',
  });

  beforeAll(async () => {
    buildBundle();
    stub = await startFeishuStub({ rateLimits: { appPerSecond: 50, userPerSecond: 5 } });
    pg = await emptyPgDatabase();
    await migratePostgres(pg.url);
    db = createDb(pg.url);
    await db.unit.create({ data: { code: UNIT.code, name: UNIT.name, staffCount: 150 } });
    const everyone = [DECL, 'ou_multi_probe_001', 'ou_multi_twice_001', ...BURST, ...BURST_HEAVY, ...KILL, ...KILL_HEAVY];
    await db.user.createMany({ data: everyone.map((openId) => ({ openId, name: '李明', role: 'declarant', unitCode: UNIT.code })) });
    const now = Date.now();
    const day = 24 * 3600 * 1000;
    await db.campaign.create({
      data: { year: new Date(now).getUTCFullYear() + 1, opensAt: new Date(now - day), declareClosesAt: new Date(now + 10 * day), reviseClosesAt: new Date(now + 15 * day), backfillClosesAt: new Date(now + 30 * day) },
    });
    [a, b] = [startProcess(env(), await freePort()), startProcess(env(), await freePort())];
    await Promise.all([ready(a, 20_000), ready(b, 20_000)]);
  }, 60_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    await db?.$disconnect();
    await stub?.stop();
    await pg?.drop();
  });

  it('runs the start-up catch-up of each job on one of the two instances, the other saying it ran elsewhere', async () => {
    type Line = { msg?: string; job?: string };
    const lines = (s: Started): Line[] =>
      s.output().split('\n').flatMap((l) => {
        try {
          return [JSON.parse(l) as Line];
        } catch {
          return [];
        }
      });
    const jobLines = (s: Started, msg: string) => lines(s).filter((l) => l.msg === msg).map((l) => l.job!);
    const leases = async () => (await db.jobLease.findMany({ where: { job: { endsWith: '@start' } } })).map((l) => l.job.replace(/@start$/, ''));
    await until('both instances decided every catch-up', () => jobLines(a, 'job finished').length + jobLines(a, 'job ran on another instance').length >= 5 && jobLines(b, 'job finished').length + jobLines(b, 'job ran on another instance').length >= 5, 15_000);
    const jobs = [...new Set(await leases())].sort();
    expect(jobs.length).toBeGreaterThanOrEqual(5); // reminders, close, review reminders, calendar, execution
    for (const job of jobs) {
      const ran = [...jobLines(a, 'job finished'), ...jobLines(b, 'job finished')].filter((j) => j === job).length;
      const skipped = [...jobLines(a, 'job ran on another instance'), ...jobLines(b, 'job ran on another instance')].filter((j) => j === job).length;
      // once per slot (one slot, unless the two start-ups fell either side of a minute's turn)
      const slots = (await leases()).filter((j) => j === job).length;
      expect(ran, job).toBe(slots);
      expect(ran + skipped, job).toBe(2);
    }
  }, 30_000);

  it('answers a declaration whose messages alternate between the instances, in order', async () => {
    const title = '2027年度两实例交替申报培训班';
    const turns: [Started, string][] = [[a, '申报'], [b, title], [a, '市外'], [b, '线下'], [a, '科级干部']];
    for (const [bot, text] of turns) await say(bot, DECL, text); // stored on either, not waiting for answers
    const markers = ['开始申报', '培训班名称是什么？', '培训类别：', '培训方式：线下、线上', '培训对象是哪些人？', '每期多少人？'];
    await until('the five answers', () => markers.every((m) => texts(DECL).join('\n').includes(m)), 20_000);
    const all = texts(DECL).join('\n');
    const at = markers.map((m) => all.indexOf(m));
    expect(at).toEqual([...at].sort((x, y) => x - y));
    for (const m of markers) expect(all.split(m)).toHaveLength(2); // each once
    const plan = await db.plan.findFirst({ where: { createdBy: DECL } });
    expect(JSON.parse(plan!.data)).toMatchObject({ title, scope: '市外', mode: '线下', audience: '科级干部' });
  }, 30_000);

  let perHelp = 0;
  it('gives one event posted to both instances at once one effect', async () => {
    await say(a, 'ou_multi_probe_001', '帮助');
    await settled(10_000);
    perHelp = stub.messagesTo('ou_multi_probe_001').length;
    expect(perHelp).toBeGreaterThan(0);
    const twice = message('ou_multi_twice_001', '帮助');
    const [ra, rb] = await Promise.all([post(a, twice), post(b, twice)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    await settled(10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(stub.messagesTo('ou_multi_twice_001')).toHaveLength(perHelp);
    expect(await db.inboundEvent.count({ where: { lane: 'user:ou_multi_twice_001' } })).toBe(1);
  }, 30_000);

  it('answers a burst split between them within the app-wide and per-person limits', async () => {
    const sends: [Started, string][] = [];
    for (let round = 0; round < 15; round++) {
      for (const p of BURST_HEAVY) sends.push([round % 2 ? a : b, p]);
      if (round < 3) for (const [i, p] of BURST.entries()) sends.push([(i + round) % 2 ? a : b, p]);
    }
    expect(sends).toHaveLength(120);
    const t0 = Date.now();
    await Promise.all(sends.map(([bot, p]) => say(bot, p, '帮助')));
    await until('every answer', () => [...BURST, ...BURST_HEAVY].every((p) => stub.messagesTo(p).length >= perHelp * (BURST_HEAVY.includes(p) ? 15 : 3)), 40_000);
    await settled(10_000);
    const busiestPerson = Math.max(...[...BURST, ...BURST_HEAVY].map((p) => busiest(stub.messagesTo(p).map((m) => m.at), 1000)));
    process.stdout.write(
      `two instances answered 120 messages in ${((Date.now() - t0) / 1000).toFixed(1)} s; at most ${busiest(stub.arrivals.filter((x) => SEND_OPS.has(x.op)).map((x) => x.at), 1000)} sends in a second, ${busiestPerson} to one person\n`,
    );
    for (const p of BURST) expect(stub.messagesTo(p), p).toHaveLength(3 * perHelp);
    for (const p of BURST_HEAVY) expect(stub.messagesTo(p), p).toHaveLength(15 * perHelp);
    const arrivals = stub.arrivals.filter((x) => SEND_OPS.has(x.op)).map((x) => x.at);
    expect(busiest(arrivals, 1000)).toBeLessThanOrEqual(50);
    expect(busiest(arrivals, 1000)).toBeGreaterThanOrEqual(25); // the two together do go fast
    for (const p of [...BURST, ...BURST_HEAVY]) expect(busiest(stub.messagesTo(p).map((m) => m.at), 1000), p).toBeLessThanOrEqual(5);
    expect(stub.limitViolations).toBe(0);
  }, 60_000);

  it('delivers every answer exactly once when one instance is killed mid-burst', async () => {
    const before = stub.messages.length;
    const sends: [Started, string][] = [];
    for (let round = 0; round < 10; round++) {
      for (const p of KILL_HEAVY) sends.push([round % 2 ? a : b, p]);
      if (round < 3) for (const [i, p] of KILL.entries()) sends.push([(i + round) % 2 ? a : b, p]);
    }
    expect(sends).toHaveLength(70);
    await Promise.all(sends.map(([bot, p]) => say(bot, p, '帮助')));
    await until('a third of the answers', () => stub.messages.length - before >= 20, 20_000);
    a.child.kill('SIGKILL');
    await a.exited;
    const outstanding = sends.length * perHelp - (stub.messages.length - before);
    process.stdout.write(`instance A killed with ${outstanding} of ${sends.length * perHelp} answers outstanding\n`);
    expect(outstanding).toBeGreaterThan(10);
    const expected = (p: string) => perHelp * (KILL_HEAVY.includes(p) ? 10 : 3);
    await until('every answer, after the lease ran out', () => [...KILL, ...KILL_HEAVY].every((p) => stub.messagesTo(p).length >= expected(p)), 40_000);
    await settled(10_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const p of [...KILL, ...KILL_HEAVY]) expect(stub.messagesTo(p), p).toHaveLength(expected(p));
    const uuids = stub.messages.map((m) => m.uuid).filter(Boolean);
    expect(new Set(uuids).size).toBe(uuids.length);
    const failed = await db.outboxMessage.count({ where: { status: 'failed' } });
    expect(failed).toBe(0);
    const arrivals = stub.arrivals.filter((x) => SEND_OPS.has(x.op)).map((x) => x.at);
    expect(busiest(arrivals, 1000)).toBeLessThanOrEqual(50);
    for (const p of [...KILL, ...KILL_HEAVY]) expect(busiest(stub.messagesTo(p).map((m) => m.at), 1000), p).toBeLessThanOrEqual(5);
    expect(stub.limitViolations).toBe(0);
  }, 60_000);
});
