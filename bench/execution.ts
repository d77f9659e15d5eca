// npm run bench:execution — a city-sized year of execution data: 500 units × 4 approved plans × 2 classes
// (4,000 classes, their steps in mixed states). Time to build the completion report (card data and Excel),
// to plan one run of the missing-data alerts, and to load one unit's 执行 list. Targets: report < 3 s,
// Excel < 5 s, alerts < 2 s, one unit < 100 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/clock.ts';
import { benchDeps } from './support.ts';
import { migrateSqlite } from '../src/db/migrate.ts';
import { createOutboxRepo } from '../src/db/outbox-repo.ts';
import { createDb } from '../src/db/prisma.ts';
import { createSpreadsheets } from '../src/excel/spreadsheets.ts';
import { createFeishuApi } from '../src/feishu/api.ts';
import { createLogger } from '../src/logger.ts';
import { planExecutionAlerts } from '../src/features/execution/alerts.ts';
import { completion } from '../src/features/execution/report.ts';
import { completionSheet } from '../src/features/execution/replies/report-sheet.ts';
import { loadExecution } from '../src/features/execution/view.ts';
import { createMessenger } from '../src/runtime/messenger.ts';
import { peakRssMb, table } from './support.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-bench-exec-'));
const url = `file:${path.join(dir, 'bench.db')}`;
migrateSqlite(url);
const db = createDb(url);
const logger = createLogger('warn');
try {
  const now = new Date('2026-10-19T09:00:00+08:00'); // the 3rd working day after the Oct 12–14 classes: many alerts due
  const created = new Date('2026-01-05T10:00:00+08:00');
  await db.unit.createMany({ data: Array.from({ length: UNITS }, (_, i) => ({ code: String(400000 + i), name: `测试单位${i}`, staffCount: 50 + (i % 200) })) });
  await db.user.createMany({ data: Array.from({ length: UNITS }, (_, i) => ({ openId: `ou_bench_${String(i).padStart(6, '0')}`, role: 'declarant', unitCode: String(400000 + i) })) });
  const data = JSON.stringify({ title: '业务能力提升培训班', scope: '市内', mode: '线下', headcount: 40, sessions: 2, days: 3, budget: 50000 });
  await db.plan.createMany({
    data: Array.from({ length: UNITS * 4 }, (_, i) => ({ year: 2026, seq: i + 1, number: `2026-${String(i + 1).padStart(4, '0')}`, unitCode: String(400000 + Math.floor(i / 4)), status: 'PUBLISHED', data, createdBy: 'bench', createdAt: created, updatedAt: created })),
  });
  const plans = await db.plan.findMany({ select: { id: true } });
  const days = ['2026-03-09', '2026-05-11', '2026-09-07', '2026-10-12', '2026-11-16'];
  const classes = plans.flatMap((p, i) => [1, 2].map((seq) => ({ planId: p.id, seq, startDate: days[(i + seq) % days.length]!, endDate: days[(i + seq) % days.length]!.replace(/-(\d\d)$/, (_m, d: string) => `-${String(Number(d) + 2).padStart(2, '0')}`), source: 'chat', createdBy: 'bench', createdAt: created, updatedAt: created })));
  for (let i = 0; i < classes.length; i += 1000) await db.trainingClass.createMany({ data: classes.slice(i, i + 1000) });
  const rows = await db.trainingClass.findMany({ select: { id: true } });
  const steps = rows.flatMap((c, i) => Array.from({ length: i % 7 }, (_, k) => ({ classId: c.id, step: k + 1, status: 'done', data: JSON.stringify({ attended: 40, amount: 20000, registered: 45, accepted: 40 }), reportedAt: created, reportedBy: 'bench', updatedAt: created, source: 'chat' })));
  for (let i = 0; i < steps.length; i += 1000) await db.classStep.createMany({ data: steps.slice(i, i + 1000) });

  const deps = benchDeps(db, { now: () => now, logger });
  const t0 = performance.now();
  const report = await completion(deps, 2026);
  const t1 = performance.now();
  const xlsx = await deps.executionSheets.exportCompletion(completionSheet(report));
  const t2 = performance.now();
  const alerts = await planExecutionAlerts(deps, now);
  const t3 = performance.now();
  await loadExecution(deps, { years: [2026, 2027], unitCode: '400123' }, now);
  const t4 = performance.now();
  process.stdout.write(
    `\n${table([
      { measure: `completion report (${UNITS} units, ${rows.length} classes, ${steps.length} steps)`, value: `${Math.round(t1 - t0)} ms`, target: '< 3000 ms' },
      { measure: `completion Excel (${(xlsx.length / 1024).toFixed(0)} KB)`, value: `${Math.round(t2 - t1)} ms`, target: '< 5000 ms' },
      { measure: `plan one alerts run (${alerts.planned.length} cards)`, value: `${Math.round(t3 - t2)} ms`, target: '< 2000 ms' },
      { measure: '执行 list of one unit', value: `${Math.round(t4 - t3)} ms`, target: '< 100 ms' },
      { measure: 'budget-reduction list', value: `${report.budget.length} units`, target: '' },
      { measure: 'peak RSS (bench process)', value: `${peakRssMb(process.pid)} MB`, target: '' },
    ])}\n`,
  );
} finally {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}
