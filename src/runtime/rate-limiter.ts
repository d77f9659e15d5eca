// Sliding-window limits for outbound Feishu calls (../shared/feishu.md §5.2): per app 50/s and 1000/min
// per API, and 5/s to one user or group. Feishu counts a call when it arrives, which is somewhere between
// the moment it left and the moment its answer came back (a token fetch, a slow socket…). So a call
// counts from when it leaves, and leaves the window only `window` after its answer came back: no window
// Feishu could measure ever holds more than the limit, whatever the latency.

class SlidingWindow {
  private inFlight = 0;
  /** Answer times of finished calls, ascending (they are appended as answers arrive). */
  private done: number[] = [];
  private head = 0;
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until one more call fits (0: fits now). */
  waitMs(now: number): number {
    const from = now - this.windowMs;
    while (this.head < this.done.length && this.done[this.head]! <= from) this.head++;
    if (this.head > 1024) {
      this.done = this.done.slice(this.head);
      this.head = 0;
    }
    const count = this.inFlight + this.done.length - this.head;
    if (count < this.limit) return 0;
    const k = this.head + count - this.limit; // the call whose leaving makes room
    // If that call is still in flight its end is unknown: look again shortly.
    return k < this.done.length ? this.done[k]! + this.windowMs - now + 1 : 20;
  }

  take(clock: () => number): () => void {
    this.inFlight++;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      this.inFlight--;
      const end = clock();
      // keep ascending order even if the wall clock stepped back
      this.done.push(Math.max(end, this.done[this.done.length - 1] ?? end));
    };
  }

  get idle(): boolean {
    return this.inFlight === 0 && this.head === this.done.length;
  }
}

export type RateLimits = { appPerSecond: number; appPerMinute: number; keyPerSecond: number };

export class RateLimiter {
  private readonly app: SlidingWindow[];
  private readonly keys = new Map<string, SlidingWindow>();
  private lastSweep = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: () => number = Date.now,
  ) {
    this.app = [new SlidingWindow(limits.appPerSecond, 1000), new SlidingWindow(limits.appPerMinute, 60_000)];
  }

  /** How long until one more call to `key` fits (0: now). Reserves nothing. */
  waitMs(key: string, nowMs: number): number {
    return Math.max(this.keys.get(key)?.waitMs(nowMs) ?? 0, ...this.app.map((w) => w.waitMs(nowMs)));
  }

  /**
   * Takes a slot for one call to `key` if one is free: returns the function to call when the answer is
   * back, or the milliseconds to wait (nothing taken).
   */
  tryAcquire(key: string, nowMs: number): (() => void) | number {
    let keyWindow = this.keys.get(key);
    if (!keyWindow) {
      keyWindow = new SlidingWindow(this.limits.keyPerSecond, 1000);
      this.keys.set(key, keyWindow);
    }
    const wait = Math.max(keyWindow.waitMs(nowMs), ...this.app.map((w) => w.waitMs(nowMs)));
    if (wait > 0) return wait;
    const finish = [keyWindow.take(this.clock), ...this.app.map((w) => w.take(this.clock))];
    this.sweep(nowMs);
    return () => finish.forEach((f) => f());
  }

  /** Waits for a slot and takes it; call the returned function once the answer is back. */
  async acquire(key: string): Promise<() => void> {
    for (;;) {
      const got = this.tryAcquire(key, this.clock());
      if (typeof got === 'function') return got;
      await new Promise((r) => setTimeout(r, got));
    }
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < 10_000) return;
    this.lastSweep = nowMs;
    for (const [k, w] of this.keys) if (w.waitMs(nowMs) === 0 && w.idle) this.keys.delete(k);
  }
}
