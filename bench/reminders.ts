// npm run bench:reminders — 3,000 units in mixed states: time to compute and to enqueue one reminder run,
// then delivery of the resulting cards through the real outbox to a Feishu stand-in that enforces 5/s per
// user and 50/s per app. Targets: computing < 1 s; delivery ≥ 90% of the allowed rate; no duplicates; no
// limit errors. (Feishu also caps 1,000 calls a minute; this run sets the outbox to the stand-in's 50/s.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { benchDeps } from './support.ts';
import { loadConfig } from '../src/config.ts';
import { createOutboxRepo } from '../src/db/outbox-repo.ts';
import { createLogger } from '../src/logger.ts';
import { createMessenger } from '../src/runtime/messenger.ts';
import { planCampaignReminders } from '../src/features/reminders/index.ts';
import { startFeishuStub } from '../test/support/feishu-stub.ts';
import { peakRssMb, table } from './support.ts';
import { sendReminders } from '../src/model/digest.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 3000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-bench-rem-'));
const stub = await startFeishuStub({ rateLimits: { appPerSecond: 50, userPerSecond: 5 } });
const loaded = loadConfig({
  NODE_ENV: 'production',
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
  FEISHU_APP_ID: stub.appId,
  FEISHU_APP_SECRET: stub.appSecret,
  FEISHU_ENCRYPT_KEY: 'bench',
  FEISHU_BASE_URL: stub.url,
  OUTBOX_APP_RPM: '3000',
  LOG_LEVEL: 'warn',
});
if (!loaded.ok) throw new Error(loaded.message);
const logger = createLogger('warn');
const bot = await startBot({ config: loaded.config, logger, clock: systemClock, scheduler: false });
try {
  const db = bot.db;
  const now = new Date('2026-07-27T09:00:00+08:00'); // 7 working days before 申报 closes (Wed Aug 5)
  // Mixed states: 40% nothing yet, 20% drafts only, 30% submitted, 10% 无计划.
  await db.unit.createMany({ data: Array.from({ length: UNITS }, (_, i) => ({ code: String(300000 + i), name: `测试单位${i}`, staffCount: 50 + (i % 200) })) });
  await db.user.createMany({ data: Array.from({ length: UNITS }, (_, i) => ({ openId: `ou_bench_${String(i).padStart(6, '0')}`, role: 'declarant', unitCode: String(300000 + i) })) });
  const planRows = [];
  for (let i = 0; i < UNITS; i++) {
    const state = i % 10;
    if (state >= 4 && state <= 8) planRows.push({ year: 2027, seq: i + 1, number: `2027-${i + 1}`, unitCode: String(300000 + i), status: state <= 5 ? 'DRAFT' : 'SUBMITTED', data: JSON.stringify({ title: `计划${i}` }), createdBy: `ou_bench_${String(i).padStart(6, '0')}`, createdAt: now, updatedAt: now });
  }
  await db.plan.createMany({ data: planRows });
  await db.unitYear.createMany({ data: Array.from({ length: UNITS }, (_, i) => i).filter((i) => i % 10 === 9).map((i) => ({ unitCode: String(300000 + i), year: 2027, noPlanAt: now, noPlanBy: 'bench' })) });

  const outbox = createOutboxRepo(db);
  const deps = benchDeps(db, { now: () => now, logger, messenger: createMessenger(outbox, systemClock, () => {}) });
  const t0 = performance.now();
  const plan = await planCampaignReminders(deps, now);
  const t1 = performance.now();
  // A moment no slot falls on would measure nothing: say so instead of printing zeros.
  if (!plan.planned.length) throw new Error(`no reminder is due at ${now.toISOString()}: pick a moment a slot falls on`);
  await sendReminders(deps, plan.planned, now, false, plan.due.map((s) => s.id));
  const t2 = performance.now();
  const expected = plan.planned.length;
  const start = Date.now();
  for (;;) {
    if (stub.messages.length >= expected && (await db.outboxMessage.count({ where: { status: { in: ['pending', 'processing'] } } })) === 0) break;
    if (Date.now() - start > 600_000) throw new Error('delivery did not finish within 10 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
  const first = Math.min(...stub.messages.map((m) => m.at));
  const last = Math.max(...stub.messages.map((m) => m.at));
  const seconds = (last - first) / 1000;
  const rate = (stub.messages.length - 1) / seconds;
  const perUser = new Map<string, number>();
  for (const m of stub.messages) perUser.set(m.receiveId!, (perUser.get(m.receiveId!) ?? 0) + 1);
  const duplicates = [...perUser.values()].filter((n) => n > 1).length;

  process.stdout.write(
    `\n${table([
      { measure: `compute one run (${UNITS} units)`, value: `${Math.round(t1 - t0)} ms`, target: '< 1000 ms' },
      { measure: `enqueue ${expected} reminder cards`, value: `${Math.round(t2 - t1)} ms`, target: '' },
      { measure: 'delivery', value: `${stub.messages.length} cards in ${seconds.toFixed(1)} s = ${rate.toFixed(1)}/s`, target: '≥ 45/s (90% of 50/s)' },
      { measure: 'duplicates', value: String(duplicates), target: '0' },
      { measure: 'rate-limit errors', value: String(stub.limitViolations), target: '0' },
      { measure: 'peak RSS (bench process)', value: `${peakRssMb(process.pid)} MB`, target: '' },
    ])}\n`,
  );
} finally {
  await bot.stop();
  await stub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
