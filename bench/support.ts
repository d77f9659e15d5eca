// Shared helpers for the benchmark scripts: child processes, readiness, peak memory, printing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { systemClock } from '../src/clock.ts';
import { createContainer } from '../src/container.ts';
import { createOutboxRepo } from '../src/db/outbox-repo.ts';
import type { Db } from '../src/db/prisma.ts';
import { createStores } from '../src/db/stores.ts';
import { DEFAULT_SCHEDULE } from '../src/domain/reminders.ts';
import { createSpreadsheets } from '../src/excel/spreadsheets.ts';
import { createFeishuApi } from '../src/feishu/api.ts';
import type { Logger } from '../src/logger.ts';
import type { Messenger } from '../src/ports/messenger.ts';
import { createMessenger } from '../src/runtime/messenger.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a TypeScript entry point under tsx in its own process. */
export function spawnTs(entry: string, env: Record<string, string>, logFile?: string): ChildProcess {
  return spawnNode(['--import', 'tsx', entry], env, logFile);
}

/** With `logFile`, the child's stdout (its log lines) goes to that file, as in production, not to a pipe this busy process drains. */
export function spawnNode(args: string[], env: Record<string, string>, logFile?: string): ChildProcess {
  const stdout = logFile ? fs.openSync(logFile, 'a') : 'pipe';
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'pipe'] });
  if (typeof stdout === 'number') fs.closeSync(stdout);
  return child;
}

/** Exactly what `npm start` runs (after building): the node flags and entry of package.json's start script. */
export function startCommandArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...args] = pkg.scripts.start!.split(/\s+/);
  if (bin !== 'node') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  return args;
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { method: 'GET' });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Peak resident set size (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function table(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(width(cols[i]!))).join('  ');
  return [line(cols), line(cols.map((c) => '-'.repeat(width(c)))), ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}

/** The bot's features on a bench database, as of `now`: what every use case takes (messages are only queued). */
export function benchDeps(db: Db, o: { now: () => Date; logger: Logger; messenger?: Messenger }) {
  const app = createContainer({
    stores: createStores(db),
    messenger: o.messenger ?? createMessenger(createOutboxRepo(db), systemClock, () => {}, o.logger),
    sheets: createSpreadsheets(),
    feishu: createFeishuApi({ appId: 'bench', appSecret: 'bench', baseUrl: 'http://127.0.0.1:9', logger: o.logger }),
    clock: { now: o.now },
    logger: o.logger,
    settings: { reviewChatId: undefined, reminders: DEFAULT_SCHEDULE },
  });
  return { ...app.ports, hub: app.hub };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Most of `times` (ms, ascending) in any window of 1 s. */
export function maxIn1s(times: number[]): number {
  let best = 0;
  let head = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i]! - times[head]! >= 1000) head++;
    best = Math.max(best, i - head + 1);
  }
  return best;
}

/** Starts `one(i)` `perSecond` times a second for `seconds` (an open loop: it never waits for answers). */
export async function openLoop<T>(perSecond: number, seconds: number, one: (i: number) => Promise<T>): Promise<{ results: T[]; failed: number }> {
  const t0 = performance.now();
  const all: Promise<T | null>[] = [];
  let failed = 0;
  for (let i = 0; i < perSecond * seconds; i++) {
    const wait = t0 + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    all.push(one(i).catch(() => (failed++, null)));
  }
  return { results: (await Promise.all(all)).filter((r): r is Awaited<T> => r !== null), failed };
}
