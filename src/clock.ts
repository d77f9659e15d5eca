// Time is injected: nothing below main.ts asks the system clock directly for a decision.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that keeps ticking in real time from an instant that can be set, so a test (or the sandbox's
 * time travel) can place the whole app at "Aug 5, 23:59:59" while timers and retries still work.
 */
export function movableClock(start?: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let offset = start ? start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offset),
    set: (d) => {
      offset = d.getTime() - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}
