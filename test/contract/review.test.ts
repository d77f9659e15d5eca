// ReviewCards and ReminderLog: which review cards went out for a plan, which reminders (and slots) went out.
import { expect, it } from 'vitest';
import { at, contract } from './impls.ts';

contract('review cards', (s) => {
  it('records each card once (by outbox key), lists a plan’s in the order recorded', async () => {
    const { reviewCards: r } = s();
    await r.record({ planId: 1, planVersion: 2, stage: 'first', outboxKey: 'k2', at: at('2026-08-01T00:00:00Z') });
    await r.record({ planId: 2, planVersion: 2, stage: 'first', outboxKey: 'k9', at: at('2026-08-01T00:00:00Z') });
    await r.record({ planId: 1, planVersion: 3, stage: 'second', outboxKey: 'k1', at: at('2026-08-01T00:00:01Z') });
    await r.record({ planId: 1, planVersion: 5, stage: 'other', outboxKey: 'k2', at: at('2026-08-01T00:00:02Z') });
    expect(await r.forPlan(1)).toEqual([
      { outboxKey: 'k2', planVersion: 2, stage: 'first' },
      { outboxKey: 'k1', planVersion: 3, stage: 'second' },
    ]);
    expect(await r.forPlan(3)).toEqual([]);
  });
});

contract('reminder log', (s) => {
  it('claims a key once; processed tells which slots were gone through', async () => {
    const { reminderLog: l } = s();
    const claim = (key: string) => l.claim({ key, recipient: 'ou_d', slots: ['s1'], items: ['2027-001'], at: at('2026-08-01T00:00:00Z') });
    expect(await claim('r:ou_d:s1')).toBe(true);
    expect(await claim('r:ou_d:s1')).toBe(false);
    expect(await claim('slot:s1')).toBe(true);
    expect(await claim('slot:s3')).toBe(true);
    expect(await l.processed(['s1', 's2', 's3'])).toEqual(new Set(['s1', 's3']));
    expect(await l.processed([])).toEqual(new Set());
  });
});
