// The bot as an operator runs it, for process-level tests: the built bundle (dist/main.mjs) started with
// exactly the node flags of `npm start`, its output collected, its peak memory readable.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const START_ARGS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).slice(1);

/** Builds dist/ (test/support/global-setup.ts does it once per run; a test file asking again finds it built). */
export function buildBundle(): void {
  if (builtThisRun()) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

function builtThisRun(): boolean {
  try {
    return inject('bundleBuilt') === true;
  } catch {
    return false; // outside a test worker (a bench script)
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A child lives at the same moment and in the same zone as the suite: when CI runs it under faketime, the
 * server must not see the real date while the test signs requests with the faked one.
 */
export const TIME_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(TZ|LD_PRELOAD|FAKETIME.*)$/.test(k))) as Record<string, string>;

export type Started = { child: ChildProcess; port: number; url: string; output: () => string; exited: Promise<number | null> };

export function startProcess(env: Record<string, string>, port: number, args: string[] = []): Started {
  const child = spawn(process.execPath, [...START_ARGS, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...TIME_ENV, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

export async function ready(s: Started, timeoutMs = 8000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    try {
      const res = await fetch(`${s.url}/healthz`);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      /* not yet */
    }
    if (s.child.exitCode !== null) throw new Error(`exited with ${s.child.exitCode}:\n${s.output()}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`not ready:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Peak resident set size (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 102.4) / 10;
}

export async function until(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}
