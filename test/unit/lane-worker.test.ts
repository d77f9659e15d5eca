import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { LaneWorker, type LaneRow, type LaneStore } from '../../src/services/lane-worker.ts';

type Row = LaneRow & { value: string; crashes: number };

/** In-memory twin of the database stores: the same conditional claim, lease, crash count and hand-back. */
function memoryStore(rows: Row[]): LaneStore & { rows: Row[] } {
  return {
    rows,
    async window(limit) {
      return rows.filter((r) => r.status === 'pending' || r.status === 'processing').slice(0, limit).map((r) => ({ ...r }));
    },
    async claim(row, now, leaseMs) {
      const cur = rows.find((r) => r.id === row.id)!;
      await new Promise((r) => setTimeout(r, 1)); // let two workers interleave
      if (cur.status !== row.status || cur.attempts !== row.attempts) return null;
      if (cur.status === 'processing' && cur.lockedUntil && cur.lockedUntil > now) return null;
      if (cur.status === 'processing') cur.crashes++;
      cur.status = 'processing';
      cur.attempts++;
      cur.lockedUntil = new Date(now.getTime() + leaseMs);
      return { ...cur, status: 'processing' };
    },
    async renew(row, until) {
      const cur = rows.find((r) => r.id === row.id)!;
      if (cur.status !== 'processing' || cur.attempts !== row.attempts) return false;
      cur.lockedUntil = until;
      return true;
    },
    async handBack(row, now) {
      const cur = rows.find((r) => r.id === row.id)!;
      if (cur.status !== 'processing' || cur.attempts !== row.attempts) return;
      Object.assign(cur, { status: 'pending', lockedUntil: null, availableAt: now });
    },
  };
}

const row = (id: number, lane: string): Row => ({ id, lane, status: 'pending', attempts: 0, crashes: 0, availableAt: new Date(0), lockedUntil: null, value: `${lane}-${id}` });
const logger = createLogger('silent');

async function drain(store: ReturnType<typeof memoryStore>, workers: LaneWorker[]) {
  workers.forEach((w) => w.start());
  const deadline = Date.now() + 5000;
  while (store.rows.some((r) => r.status !== 'done')) {
    if (Date.now() > deadline) throw new Error('not drained');
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(workers.map((w) => w.stop()));
}

describe('lane worker', () => {
  it('runs one lane in order and different lanes side by side; two workers never run a row twice', async () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => row(i, ['a', 'b', 'c'][i % 3]!));
    const store = memoryStore(rows);
    const log: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const process = async (slim: LaneRow) => {
      const r = store.rows.find((x) => x.id === slim.id)!;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      log.push(r.value);
      await new Promise((res) => setTimeout(res, 10));
      store.rows.find((x) => x.id === r.id)!.status = 'done';
      concurrent--;
    };
    const make = () => new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 4, leaseMs: 10_000, pollMs: 5 });
    await drain(store, [make(), make()]);
    expect(log).toHaveLength(9);
    expect(new Set(log).size).toBe(9);
    for (const lane of ['a', 'b', 'c']) {
      const ids = log.filter((v) => v.startsWith(lane)).map((v) => Number(v.split('-')[1]));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    expect(maxConcurrent).toBeGreaterThan(1);
  });

  it('picks up a row whose lease ran out (its worker died) and waits for a row not yet due', async () => {
    const crashed = { ...row(1, 'a'), status: 'processing', attempts: 1, lockedUntil: new Date(Date.now() + 100) };
    const later = { ...row(2, 'b'), availableAt: new Date(Date.now() + 150) };
    const store = memoryStore([crashed, later]);
    const startedAt: Record<number, number> = {};
    const t0 = Date.now();
    const process = async (r: LaneRow) => {
      startedAt[r.id] = Date.now() - t0;
      store.rows.find((x) => x.id === r.id)!.status = 'done';
    };
    await drain(store, [new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 4, leaseMs: 10_000, pollMs: 1000 })]);
    expect(startedAt[1]).toBeGreaterThanOrEqual(95);
    expect(startedAt[2]).toBeGreaterThanOrEqual(145);
    expect(store.rows[0]!.attempts).toBe(2);
    expect(store.rows[0]!.crashes).toBe(1); // its process died holding it
    expect(store.rows[1]!.crashes).toBe(0);
  });

  it('renews the lease of a long, healthy job, so another worker does not take it', async () => {
    const store = memoryStore([row(1, 'a')]);
    const runs: number[] = [];
    const process = async (r: LaneRow) => {
      runs.push(r.id);
      await new Promise((res) => setTimeout(res, 400)); // four leases
      store.rows[0]!.status = 'done';
    };
    const make = () => new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 1, leaseMs: 100, pollMs: 20 });
    await drain(store, [make(), make()]);
    expect(runs).toEqual([1]);
    expect(store.rows[0]!.crashes).toBe(0);
  });

  it('on stop, hands back a row still running after the grace period: due at once, no crash counted', async () => {
    const store = memoryStore([row(1, 'a')]);
    let started!: () => void;
    const began = new Promise<void>((r) => (started = r));
    const w = new LaneWorker({ name: 't', store, process: async () => { started(); await new Promise((r) => setTimeout(r, 5000)); }, clock: systemClock, logger, concurrency: 1, leaseMs: 10_000, pollMs: 20 });
    w.start();
    await began;
    const t0 = Date.now();
    await w.stop(100);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(store.rows[0]).toMatchObject({ status: 'pending', lockedUntil: null, attempts: 1, crashes: 0 });
  });

  it('rows parked on another queue do not count against concurrency', async () => {
    const rows = [row(1, 'a'), row(2, 'b')];
    const store = memoryStore(rows);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let parked = 0;
    const order: string[] = [];
    const process = async (r: LaneRow) => {
      if (r.id === 1) {
        parked = 1; // waiting for a reader
        await gate;
        parked = 0;
      }
      order.push(`done ${r.id}`);
      store.rows.find((x) => x.id === r.id)!.status = 'done';
      if (r.id === 2) release();
    };
    await drain(store, [new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 1, leaseMs: 10_000, pollMs: 10, parked: () => parked })]);
    expect(order).toEqual(['done 2', 'done 1']);
  });

  it('while acknowledgements are in flight it starts one row at a time, and the rest right after, not at the next poll', async () => {
    const store = memoryStore([row(1, 'a'), row(2, 'b'), row(3, 'c')]);
    const t0 = Date.now();
    const startedAt: number[] = [];
    const process = async (r: LaneRow) => {
      startedAt.push(Date.now() - t0);
      await new Promise((res) => setTimeout(res, 300));
      store.rows.find((x) => x.id === r.id)!.status = 'done';
    };
    const busyUntil = t0 + 150;
    await drain(store, [new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 4, leaseMs: 10_000, pollMs: 5000, yieldTo: () => Date.now() < busyUntil })]);
    expect(startedAt).toHaveLength(3);
    expect(Math.max(...startedAt)).toBeLessThan(290); // all began before the first one ended
  });
});
