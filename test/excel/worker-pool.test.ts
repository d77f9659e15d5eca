// The pool runs each job in a fresh worker with a heap limit and a deadline: running out of memory, looping
// forever, throwing or exiting ends that worker only, and says which it was; jobs past the concurrency wait
// in order and are told how many are ahead; closing ends everything at once.
import { describe, expect, it } from 'vitest';
import { PoolClosedError, WorkerPool } from '../../src/excel/worker-pool.ts';

const entry = new URL('../support/workers/behave.mjs', import.meta.url);

describe('worker pool', () => {
  it('says memory, timeout, crashed for a worker that ran out of memory, never answered, threw or exited; the process lives on', async () => {
    const pool = new WorkerPool({ concurrency: 4, timeoutMs: 1500, memoryMb: 32 });
    const t0 = Date.now();
    const [hog, loop, thrown, exited] = await Promise.all(['hog', 'loop', 'throw', 'exit'].map((mode) => pool.run(entry, { mode })));
    expect(hog).toMatchObject({ ok: false, failure: 'memory' });
    expect(loop).toMatchObject({ ok: false, failure: 'timeout' });
    expect(thrown).toMatchObject({ ok: false, failure: 'crashed', detail: expect.stringContaining('unforeseen') });
    expect(exited).toMatchObject({ ok: false, failure: 'crashed', detail: expect.stringContaining('code 3') });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await pool.run(entry, { mode: 'echo', value: { still: 'here' } })).toEqual({ ok: true, value: { still: 'here' } });
  });

  it('runs at most `concurrency` at once, the rest in order, each told how many are ahead', async () => {
    const pool = new WorkerPool({ concurrency: 2, timeoutMs: 10_000, memoryMb: 32 });
    const ahead: Record<number, number> = {};
    const done: number[] = [];
    const jobs = [0, 1, 2, 3, 4].map((i) =>
      pool.run<number>(entry, { mode: 'echo', value: i, ms: 200 }, { onQueued: (n) => (ahead[i] = n) }).then((o) => {
        done.push(o.ok ? o.value : -1);
        return o;
      }),
    );
    expect([pool.running, pool.waiting]).toEqual([2, 3]);
    await Promise.all(jobs);
    expect(ahead).toEqual({ 2: 2, 3: 3, 4: 4 });
    // Two run at a time, so 2 and 3 may finish in either order; all three after the first two started.
    expect([...done.slice(2)].sort()).toEqual([2, 3, 4]);
    expect([pool.running, pool.waiting]).toEqual([0, 0]);
  });

  it('with one at a time, the queue is first come, first served', async () => {
    const pool = new WorkerPool({ concurrency: 1, timeoutMs: 10_000, memoryMb: 32 });
    const done: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => pool.run<number>(entry, { mode: 'echo', value: i, ms: 50 }).then((o) => done.push(o.ok ? o.value : -1))));
    expect(done).toEqual([0, 1, 2, 3]);
  });

  it('close ends running and queued jobs at once (they reject: the work is done again later)', async () => {
    const pool = new WorkerPool({ concurrency: 1, timeoutMs: 60_000, memoryMb: 32 });
    const running = pool.run(entry, { mode: 'loop' });
    const queued = pool.run(entry, { mode: 'echo', value: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await pool.close();
    await expect(running).rejects.toBeInstanceOf(PoolClosedError);
    await expect(queued).rejects.toBeInstanceOf(PoolClosedError);
    await expect(pool.run(entry, { mode: 'echo', value: 1 })).rejects.toBeInstanceOf(PoolClosedError);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('runs a TypeScript entry from sources (as under tsx and vitest)', async () => {
    const pool = new WorkerPool({ concurrency: 1, timeoutMs: 20_000, memoryMb: 64 });
    const out = await pool.run<{ declaration: { ok: boolean; error?: string } }>(new URL('../../src/excel/read-worker.ts', import.meta.url), { data: Buffer.from('not a zip'), fileName: 'a.xlsx' });
    expect(out).toMatchObject({ ok: true, value: { declaration: { ok: false, error: expect.stringContaining('文件已损坏') } } });
  });
});
