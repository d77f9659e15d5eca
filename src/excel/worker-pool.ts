// Runs a job in a fresh worker thread with its own heap limit and a deadline, a few at a time, the rest in
// order: whatever a file does to its reader (run out of memory, loop, throw) ends that worker, never the bot.
// A fresh worker per job keeps nothing of one person's file in the next one's reader.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerFailure = 'memory' | 'timeout' | 'crashed';
export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; failure: WorkerFailure; detail: string };

/** The pool was closed (the bot is stopping) before the job finished: the job will be done again later. */
export class PoolClosedError extends Error {
  constructor() {
    super('worker pool closed');
  }
}

export type PoolOptions = {
  /** Jobs running at once. */
  concurrency: number;
  timeoutMs: number;
  /** V8 old-generation heap of each worker. */
  memoryMb: number;
};

export type RunOptions = {
  /** Called when the job has to wait: how many jobs are running or queued before it. */
  onQueued?: (ahead: number) => void;
};

type Job = {
  entry: URL;
  input: unknown;
  resolve: (o: WorkerOutcome<unknown>) => void;
  reject: (e: unknown) => void;
  worker?: Worker;
};

/**
 * From TypeScript sources (tsx, vitest) the entry is a .ts file: the worker first registers tsx's loader.
 * (A worker does not inherit the parent's loader hooks, and `--import tsx` is refused in a worker's execArgv.)
 */
function startWorker(entry: URL, workerData: unknown, resourceLimits: Worker['resourceLimits']): Worker {
  const options = { workerData, resourceLimits, execArgv: [] as string[], stdout: false, stderr: false };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `const { tsImport } = await import(${JSON.stringify(tsx)}); await tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}

export class WorkerPool {
  private queue: Job[] = [];
  private active = new Set<Job>();
  private closed = false;

  constructor(private readonly o: PoolOptions) {}

  /** Jobs waiting for a free worker. */
  get waiting(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.active.size;
  }

  /** Posts `input` (as workerData) to a new worker of `entry`; resolves with the worker's one message. */
  run<T>(entry: URL, input: unknown, opts: RunOptions = {}): Promise<WorkerOutcome<T>> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    return new Promise<WorkerOutcome<T>>((resolve, reject) => {
      const job: Job = { entry, input, resolve: resolve as Job['resolve'], reject };
      if (this.active.size < this.o.concurrency) return this.start(job);
      const ahead = this.active.size + this.queue.length;
      this.queue.push(job);
      opts.onQueued?.(ahead);
    });
  }

  /** Refuses new jobs, ends the running ones and drops the queued ones (each rejects with PoolClosedError). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.active, ...this.queue.splice(0)];
    this.active.clear();
    await Promise.all(all.map((j) => j.worker?.terminate()));
    for (const j of all) j.reject(new PoolClosedError());
  }

  private start(job: Job): void {
    this.active.add(job);
    const mb = this.o.memoryMb;
    let worker: Worker;
    try {
      worker = startWorker(job.entry, job.input, { maxOldGenerationSizeMb: mb, maxYoungGenerationSizeMb: Math.max(4, Math.round(mb / 8)), stackSizeMb: 4 });
    } catch (err) {
      this.active.delete(job);
      job.reject(err);
      this.next();
      return;
    }
    job.worker = worker;
    let settled = false;
    const finish = (outcome: WorkerOutcome<unknown>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (!this.active.delete(job)) return; // closed meanwhile: close() rejected it
      job.resolve(outcome);
      this.next();
    };
    const timer = setTimeout(() => finish({ ok: false, failure: 'timeout', detail: `no answer within ${this.o.timeoutMs} ms` }), this.o.timeoutMs);
    worker.once('message', (value: unknown) => finish({ ok: true, value }));
    worker.once('error', (err: Error & { code?: string }) =>
      finish({ ok: false, failure: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed', detail: `${err.code ?? err.name}: ${err.message}` }),
    );
    worker.once('exit', (code) => finish({ ok: false, failure: 'crashed', detail: `exited with code ${code} without an answer` }));
  }

  private next(): void {
    while (!this.closed && this.active.size < this.o.concurrency && this.queue.length) this.start(this.queue.shift()!);
  }
}
