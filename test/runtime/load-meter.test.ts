// When background work steps back for acknowledgements: only under a real flood, never at the rates a
// city's users produce (a deadline-day peak of ~10/s, a burst of 150/s), so those are answered at once.
import { describe, expect, it } from 'vitest';
import { LoadMeter } from '../../src/runtime/load-meter.ts';

function arrivals(perSecond: number, seconds: number, inFlightEach = 0) {
  let now = 0;
  const meter = new LoadMeter({}, () => now);
  let busySeen = false;
  for (let i = 0; i < perSecond * seconds; i++) {
    now = (i * 1000) / perSecond;
    const leave = meter.enter();
    if (!inFlightEach) leave();
    busySeen ||= meter.busy();
  }
  return busySeen;
}

describe('load meter', () => {
  it.each([
    ['10 pushes a second (a deadline-day peak)', 10, false],
    ['150 a second (a burst above what Feishu lets a bot answer)', 150, false],
    ['1,000 a second (a flood)', 1000, true],
  ] as const)('%s → busy: %s', (_what, perSecond, busy) => {
    expect(arrivals(perSecond, 3)).toBe(busy);
  });

  it('is busy while 8 pushes are in flight at once, and not once they are answered and the flood is over', () => {
    let now = 0;
    const meter = new LoadMeter({}, () => now);
    const leaves = Array.from({ length: 8 }, () => meter.enter());
    expect(meter.busy()).toBe(true);
    leaves.forEach((l) => l());
    leaves[0]!(); // leaving twice counts once
    expect(meter.busy()).toBe(false);
    for (let i = 0; i < 100; i++) meter.enter()(); // 100 arrivals at one instant
    expect(meter.busy()).toBe(true);
    now += 250;
    expect(meter.busy()).toBe(false);
  });
});

describe('quiet moments (when a checkpoint may hold the event loop)', () => {
  it('is quiet only with no push waiting for its answer and no flood coming in', () => {
    let now = 0;
    const meter = new LoadMeter({}, () => now);
    expect(meter.quiet()).toBe(true);
    const leave = meter.enter();
    expect(meter.busy()).toBe(false);
    expect(meter.quiet()).toBe(false); // one push waiting is enough
    leave();
    expect(meter.quiet()).toBe(true);
    for (let i = 0; i < 100; i++) meter.enter()(); // a flood, each answered at once
    expect(meter.quiet()).toBe(false);
    now += 250;
    expect(meter.quiet()).toBe(true);
  });
});
