import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { LaneWorker, type LaneRow, type LaneStore } from '../../src/runtime/lane-worker.ts';

type Row = LaneRow & { value: string; crashes: number };

const unfinished = (r: Row) => r.status === 'pending' || r.status === 'processing';

/** In-memory twin of the database stores: the same conditional claim (head of its lane only), lease, crash count and hand-back. */
function memoryStore(rows: Row[]): LaneStore & { rows: Row[]; windowReads: number } {
  return {
    rows,
    windowReads: 0,
    async window(limit) {
      this.windowReads++;
      return rows.filter(unfinished).slice(0, limit).map((r) => ({ ...r }));
    },
    async claim(row, now, leaseMs) {
      const cur = rows.find((r) => r.id === row.id)!;
      await new Promise((r) => setTimeout(r, 1)); // let two workers interleave
      if (cur.status !== row.status || cur.attempts !== row.attempts) return null;
      if (rows.some((r) => r.lane === cur.lane && r.id < cur.id && unfinished(r))) return null; // not the head of its lane
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

  describe('a row offered by the process that stored it', () => {
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 5000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const finish = (store: ReturnType<typeof memoryStore>, log: number[]) => async (r: LaneRow) => {
      log.push(r.id);
      store.rows.find((x) => x.id === r.id)!.status = 'done';
    };

    it('starts at once when its lane is idle: claimed without reading the queue or waiting for the poll', async () => {
      const store = memoryStore([]);
      const log: number[] = [];
      let readsWhenRun = -1;
      const process = async (r: LaneRow) => {
        readsWhenRun = store.windowReads;
        await finish(store, log)(r);
      };
      const w = new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 2, leaseMs: 10_000, pollMs: 60_000 });
      w.start();
      await until(() => store.windowReads > 0); // the first pass at start
      const reads = store.windowReads;
      store.rows.push(row(1, 'a'));
      w.offer({ ...store.rows[0]! });
      await until(() => log.length === 1);
      expect(store.rows[0]).toMatchObject({ status: 'done', attempts: 1 });
      expect(readsWhenRun).toBe(reads);
      await w.stop();
    });

    it('never overtakes an earlier row of its lane (waiting for its retry, or held elsewhere): it runs after it', async () => {
      const earlier = { ...row(1, 'a'), availableAt: new Date(Date.now() + 120) }; // a retry not yet due
      const store = memoryStore([earlier]);
      const log: number[] = [];
      const w = new LaneWorker({ name: 't', store, process: finish(store, log), clock: systemClock, logger, concurrency: 4, leaseMs: 10_000, pollMs: 20 });
      w.start();
      store.rows.push(row(2, 'a'), row(3, 'b'));
      w.offer({ ...store.rows[1]! });
      w.offer({ ...store.rows[2]! });
      await until(() => log.length === 3);
      expect(log.indexOf(1)).toBeLessThan(log.indexOf(2));
      expect(store.rows.map((r) => r.attempts)).toEqual([1, 1, 1]); // each ran once
      await w.stop();
    });

    it('is left to the poll while pushes flood in, when no slot is free or its rate gate is shut, and still runs once', async () => {
      const store = memoryStore([]);
      const log: number[] = [];
      let flooded = true;
      let gateShut = true;
      const w = new LaneWorker({ name: 't', store, process: finish(store, log), clock: systemClock, logger, concurrency: 1, leaseMs: 10_000, pollMs: 20, yieldTo: () => flooded, yieldIntervalMs: 10, gate: (r) => (r.id === 2 && gateShut ? 30 : 0) });
      w.start();
      store.rows.push(row(1, 'a'), row(2, 'b'));
      w.offer({ ...store.rows[0]! });
      w.offer({ ...store.rows[1]! });
      await until(() => log.includes(1)); // the poll took it, one at a time while flooded
      flooded = false;
      await new Promise((r) => setTimeout(r, 60));
      expect(log).toEqual([1]); // row 2 waits for its gate
      gateShut = false;
      await until(() => log.length === 2);
      expect(store.rows.map((r) => r.attempts)).toEqual([1, 1]);
      await w.stop();
    });

    it('two processes offering and polling one queue run every row exactly once, each lane in order', async () => {
      const store = memoryStore([]);
      const log: string[] = [];
      const process = async (r: LaneRow) => {
        const cur = store.rows.find((x) => x.id === r.id)!;
        log.push(cur.value);
        await new Promise((res) => setTimeout(res, 2));
        cur.status = 'done';
      };
      const make = () => new LaneWorker({ name: 't', store, process, clock: systemClock, logger, concurrency: 3, leaseMs: 10_000, pollMs: 5 });
      const workers = [make(), make()];
      workers.forEach((w) => w.start());
      for (let i = 1; i <= 30; i++) {
        const r = row(i, ['a', 'b', 'c', 'd'][i % 4]!);
        store.rows.push(r);
        workers[i % 2]!.offer({ ...r }); // each process offers what it stored; both poll everything
        if (i % 5 === 0) await new Promise((res) => setTimeout(res, 1));
      }
      await until(() => store.rows.every((r) => r.status === 'done'));
      await Promise.all(workers.map((w) => w.stop()));
      expect(log).toHaveLength(30);
      expect(new Set(log).size).toBe(30);
      for (const lane of ['a', 'b', 'c', 'd']) {
        const ids = log.filter((v) => v.startsWith(`${lane}-`)).map((v) => Number(v.split('-')[1]));
        expect(ids).toEqual([...ids].sort((x, y) => x - y));
      }
    });
  });
});
