// npm run bench:excel — a valid 2,000-row declaration file: parse + validate + store; and the export of
// 10,000 plans. Targets: import < 2 s, export < 3 s, RSS < 300 MB. The fixture file is generated in a
// first process; the import and export are measured in a second, fresh one (its peak RSS is the bot's).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { systemClock } from '../src/clock.ts';
import { benchDeps } from './support.ts';
import { migrateSqlite } from '../src/db/migrate.ts';
import { createOutboxRepo } from '../src/db/outbox-repo.ts';
import { createDb } from '../src/db/prisma.ts';
import { createSpreadsheets } from '../src/excel/spreadsheets.ts';
import { createFeishuApi } from '../src/feishu/api.ts';
import { createLogger } from '../src/logger.ts';
import { declarantOf } from '../src/model/declarant.ts';
import { checkRows } from '../src/features/excel/check-rows.ts';
import type { ExcelDeps } from '../src/features/excel/deps.ts';
import { exportFile } from '../src/features/excel/export-file.ts';
import { exportTitle } from '../src/features/excel/replies.ts';
import { createMessenger } from '../src/runtime/messenger.ts';
import { peakRssMb, ROOT, table } from './support.ts';

const phase = process.argv[2] ?? 'main';
if (phase === 'main') {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-bench-excel-'));
  try {
    // The measured process runs with the same V8 heap settings as `npm start`.
    const startFlags = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).filter((a) => a.startsWith('--max-'));
    for (const step of ['generate', 'measure']) {
      const flags = step === 'measure' ? startFlags : [];
      const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', import.meta.filename, step, work], { stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}
const dir = process.argv[3]!;
const url = `file:${path.join(dir, 'bench.db')}`;
const fixture = path.join(dir, 'bench.xlsx');
migrateSqlite(url);
const db = createDb(url);
const logger = createLogger('warn');
const clock = { now: () => new Date('2026-08-03T10:00:00+08:00') };
const deps: ExcelDeps = benchDeps(db, { now: clock.now, logger });

try {
  await deps.registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 5000, contactName: null, contactMobile: null }]);
  await deps.bases.save([{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }], false);
  const person = { openId: 'ou_bench', name: null, role: 'declarant' as const, unitCode: '101001' };
  const d = (await declarantOf(deps, person, clock.now()))!;

  if (phase === 'generate') {
    // A filled template of 2,000 in-city classes (valid: no out-of-city quota involved).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await deps.declarationSheets.template({ year: d.year, unit: { code: '101001', name: d.competent.name }, bases: [] })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('申报表')!;
    for (let i = 0; i < 2000; i++) {
      ws.getRow(5 + i).values = ['101001', d.competent.name, `2027年度第${i + 1}期业务能力提升培训班`, '市内', '线下', '业务科室工作人员', 40, 1, 2, 1 + (i % 12), '柳州市城中区', '', 20000 + i, '否', '', '李明', '0772-2825472'];
    }
    fs.writeFileSync(fixture, Buffer.from(await wb.xlsx.writeBuffer()));
    // 8,000 plans already in the database (with the 2,000 imported: 10,000 to export).
    const sample = { budgetCode: '101001', unitName: d.competent.name, scope: '市内', mode: '线下', audience: '业务科室工作人员', headcount: 40, sessions: 1, days: 2, month: 3, location: '柳州市城中区', institution: null, budget: 20000, jointUnits: [], contactName: '李明', contactPhone: '0772-2825472', remarks: null, justification: null };
    for (let b = 0; b < 8; b++) {
      await db.plan.createMany({
        data: Array.from({ length: 1000 }, (_, i) => {
          const seq = 5000 + b * 1000 + i;
          const at = clock.now();
          return { year: d.year, seq, number: `${d.year}-${seq}`, unitCode: '101001', budgetCode: '101001', status: 'DRAFT', data: JSON.stringify({ ...sample, title: `导出测试${seq}` }), createdBy: 'bench', createdAt: at, updatedAt: at };
        }),
      });
    }
    process.exit(0);
  }
  const file = fs.readFileSync(fixture);

  const t0 = performance.now();
  const read = await deps.declarationSheets.readDeclaration(file, 'bench.xlsx');
  if (!read.ok) throw new Error(read.error);
  const t1 = performance.now();
  const checked = await checkRows(deps, d, read.rows);
  if (checked.problems.length) throw new Error(`unexpected problems: ${JSON.stringify(checked.problems.slice(0, 3))}`);
  const t2 = performance.now();
  const pending = await deps.uploads.savePending({ openId: 'ou_bench', unitCode: '101001', year: d.year, contentHash: 'bench', fileName: 'bench.xlsx', plans: checked.plans.map((p) => ({ row: p.row, data: p.data })), at: clock.now() });
  const done = await deps.uploads.commit({ id: pending.id, version: pending.version, submit: false, actor: 'ou_bench', at: clock.now() });
  const t3 = performance.now();
  if (done?.numbers.length !== 2000) throw new Error('import did not store 2000 plans');

  const t4 = performance.now();
  const exported = await exportFile(deps, { year: d.year, statuses: ['DRAFT'], title: exportTitle(d.year) });
  const t5 = performance.now();

  const ms = (a: number, b: number) => Math.round(b - a);
  process.stdout.write(
    `\n${table([
      { step: 'read 2,000 rows (.xlsx)', ms: ms(t0, t1) },
      { step: 'validate (schema + rules)', ms: ms(t1, t2) },
      { step: 'store (one transaction)', ms: ms(t2, t3) },
      { step: 'import total', ms: ms(t0, t3) },
      { step: `export ${exported.count} plans`, ms: ms(t4, t5) },
    ])}\n\n`,
  );
  process.stdout.write(`import: ${ms(t0, t3)} ms (target < 2000)   export: ${ms(t4, t5)} ms (target < 3000)   peak RSS: ${peakRssMb(process.pid)} MB (target < 300)\n`);
  process.stdout.write(`export file: ${(exported.data.length / 1024).toFixed(0)} KB\n`);
} finally {
  await db.$disconnect();
}
