// npm run bench:hostile — peak memory for the spreadsheets that used to kill the bot, before and after, in one
// run. Before: exceljs's full load (what the bot did), in a child process with `npm start`'s heap limit so it
// can die. After: the built bot itself (dist/main.mjs, the same flags), a fresh process per file, the file sent
// through the real webhook and answered. Target: every upload answered, the bot's peak RSS < 300 MB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateSqlite } from '../src/db/migrate.ts';
import { createDb } from '../src/db/prisma.ts';
import { buildPush, envelope, messageEvent, postPush } from '../test/support/feishu-push.ts';
import { startFeishuStub } from '../test/support/feishu-stub.ts';
import { bigSecondSheet, filledTemplate, hugeString, plainRows, UNIT, VALID_CLASS, withBordersDownTo, zipBomb } from '../test/support/hostile-files.ts';
import { messageText } from '../test/support/transcript.ts';
import { freePort, peakRssMb, ROOT, startCommandArgs, stop, table, waitForHttp } from './support.ts';

type Case = { name: string; files: () => Promise<Buffer[]> };
const CASES: Case[] = [
  { name: 'zip bomb (42 MB of sheet XML)', files: async () => [await zipBomb()] },
  { name: 'one 300 MB string', files: async () => [await hugeString()] },
  { name: 'template, borders to row 60,000', files: async () => [await withBordersDownTo(await filledTemplate([VALID_CLASS]), 60_000)] },
  { name: '50,000 plain rows', files: async () => [await plainRows(50_000)] },
  { name: 'three 20,000-row files at once', files: async () => [await plainRows(20_000), await plainRows(20_001), await plainRows(20_002)] },
  { name: 'second sheet too big to mark up', files: async () => [await bigSecondSheet()] },
];

// What the bot did before: load the whole workbook with exceljs, then walk its rows (the old table reader).
const BEFORE = `
import fs from 'node:fs';
import ExcelJS from 'exceljs';
const files = process.argv.slice(1);
await Promise.all(files.map(async (f) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(f));
  let n = 0;
  wb.worksheets[0].eachRow({ includeEmpty: false }, () => n++);
}));
`;

/** Runs `args` with node, sampling its peak RSS until it exits (it may die: that is the point). */
function measured(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; peakMb: number; ms: number; out: string }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let peak = 0;
    const sample = setInterval(() => {
      try {
        peak = Math.max(peak, peakRssMb(child.pid!));
      } catch {
        /* exited */
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(sample);
      resolve({ code, peakMb: peak, ms: Date.now() - t0, out });
    });
  });
}

const heapFlags = startCommandArgs().filter((a) => a.startsWith('--max-'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-bench-hostile-'));
const stub = await startFeishuStub();
const rows: Record<string, string | number>[] = [];
try {
  for (const [i, c] of CASES.entries()) {
    const data = await c.files();
    const paths = data.map((d, j) => {
      const p = path.join(work, `case${i}-${j}.xlsx`);
      fs.writeFileSync(p, d);
      return p;
    });
    const before = await measured([...heapFlags, '--input-type=module', '-e', BEFORE, ...paths]);
    const why = /heap out of memory/i.test(before.out) ? 'heap out of memory' : (/^\w*Error: .*$/m.exec(before.out)?.[0].slice(0, 40) ?? `exit ${before.code}`);
    const beforeText = before.code === 0 ? `${before.peakMb} MB (${(before.ms / 1000).toFixed(1)} s)` : `died at ${before.peakMb} MB (${why})`;

    // After: a fresh bot, the file(s) through the webhook, until every one is answered.
    const dbUrl = `file:${path.join(work, `bot${i}.db`)}`;
    migrateSqlite(dbUrl);
    const db = createDb(dbUrl);
    const openId = `ou_bench_hostile${i}`;
    await db.unit.create({ data: { code: UNIT.code, name: UNIT.name, staffCount: 150 } });
    await db.user.create({ data: { openId, name: '李明', role: 'declarant', unitCode: UNIT.code } });
    const day = 24 * 3600 * 1000;
    await db.campaign.create({ data: { year: new Date().getUTCFullYear() + 1, opensAt: new Date(Date.now() - day), declareClosesAt: new Date(Date.now() + 10 * day), reviseClosesAt: new Date(Date.now() + 15 * day), backfillClosesAt: new Date(Date.now() + 30 * day) } });
    await db.$disconnect();
    const port = await freePort();
    const bot = spawn(process.execPath, startCommandArgs(), {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl, FEISHU_APP_ID: stub.appId, FEISHU_APP_SECRET: stub.appSecret, FEISHU_ENCRYPT_KEY: 'bench-key', FEISHU_BASE_URL: stub.url, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`);
    const idleMb = peakRssMb(bot.pid!);
    const t0 = Date.now();
    await Promise.all(
      data.map((d, j) => {
        const messageId = `om_bench_h${i}_${j}`;
        stub.addResource(messageId, `fk_${i}_${j}`, d);
        const payload = envelope('im.message.receive_v1', messageEvent({ openId, messageId, file: { fileKey: `fk_${i}_${j}`, fileName: `文件${j + 1}.xlsx` } }), { appId: stub.appId });
        return postPush(`http://127.0.0.1:${port}`, '/feishu/events', buildPush(payload, { encryptKey: 'bench-key' }));
      }),
    );
    const answered = () => data.every((_d, j) => stub.messagesTo(openId).some((m) => messageText(m).includes(`「文件${j + 1}.xlsx」`)));
    while (!answered() && Date.now() - t0 < 120_000 && bot.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    // An annotated copy (or the problem list) follows the card: wait until the bot has been quiet for 2 s.
    let last = -1;
    while (bot.exitCode === null && Date.now() - t0 < 120_000) {
      const seen = stub.messages.length + stub.uploads.length;
      if (seen === last) break;
      last = seen;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const alive = bot.exitCode === null;
    const afterMb = alive ? peakRssMb(bot.pid!) : NaN;
    const answer = stub.messagesTo(openId).map(messageText).find((t) => t.includes('「文件1.xlsx」')) ?? '(no answer)';
    await stop(bot);
    rows.push({
      upload: c.name,
      size: `${(data.reduce((n, d) => n + d.length, 0) / 1024).toFixed(0)} KB`,
      'before: exceljs load': beforeText,
      'after: bot peak RSS': alive ? `${afterMb} MB (idle ${idleMb})` : 'bot died',
      'answered in': `${((Date.now() - t0) / 1000).toFixed(1)} s`,
      answer: answer.replace(/^没有导入「文件1.xlsx」：/, '').slice(0, 34),
    });
    process.stdout.write(`${c.name}: done\n`);
  }
} finally {
  await stub.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`\n${table(rows)}\n\n`);
process.stdout.write('Before: exceljs full load in a process with --max-old-space-size=256 (the old reader). After: the built bot, one fresh process per upload. Target: < 300 MB.\n');
