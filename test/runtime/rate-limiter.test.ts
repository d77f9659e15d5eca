import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/runtime/rate-limiter.ts';

function limiter(limits = { appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 5 }) {
  let now = 1_000_000;
  const l = new RateLimiter(limits, () => now);
  return {
    l,
    at: (t: number) => {
      now = 1_000_000 + t;
      return now;
    },
  };
}

/** Takes a slot and finishes the call at once; returns the wait (0 when it went). */
function send(l: RateLimiter, key: string, now: number): number {
  const got = l.tryAcquire(key, now);
  if (typeof got === 'number') return got;
  got();
  return 0;
}

describe('rate limiter', () => {
  it('lets 5 calls a second to one person through, then says how long to wait', () => {
    const { l, at } = limiter();
    for (let i = 0; i < 5; i++) expect(send(l, 'user:a', at(i * 10))).toBe(0);
    const wait = send(l, 'user:a', at(60));
    expect(wait).toBe(1000 + 0 - 60 + 1); // the first call (answered at t=0) leaves the window at t=1000
    expect(send(l, 'user:b', at(60))).toBe(0); // another person is not held up
    expect(send(l, 'user:a', at(1001))).toBe(0);
  });

  it('caps the whole app at 50 a second across people', () => {
    const { l, at } = limiter();
    for (let i = 0; i < 50; i++) expect(send(l, `user:${i}`, at(i))).toBe(0);
    expect(send(l, 'user:new', at(100))).toBeGreaterThan(0);
    expect(send(l, 'user:new', at(1000))).toBe(0);
  });

  it('caps the app at 1000 a minute', () => {
    const { l, at } = limiter({ appPerSecond: 1000, appPerMinute: 1000, keyPerSecond: 1000 });
    for (let i = 0; i < 1000; i++) expect(send(l, `u${i}`, at(i * 30))).toBe(0);
    expect(send(l, 'late', at(30_000))).toBeGreaterThan(0);
    expect(send(l, 'late', at(60_001))).toBe(0);
  });

  it('counts a call from when it leaves until a window after its answer came back', () => {
    const { l, at } = limiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 1 });
    const finish = l.tryAcquire('user:a', at(0));
    expect(typeof finish).toBe('function');
    // still in flight after 5 s: no second call to the same person
    expect(l.tryAcquire('user:a', at(5000))).toBe(20);
    at(5000);
    (finish as () => void)();
    expect(l.waitMs('user:a', at(5999))).toBe(2);
    expect(l.waitMs('user:a', at(6001))).toBe(0);
  });
});
