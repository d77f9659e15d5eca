// Two writes at the same moment (a double click, two quick messages): exactly one wins, on either store.
import { expect, it } from 'vitest';
import { at, contract, ev } from './impls.ts';

contract('races', (s) => {
  it('plans created at once get different numbers', async () => {
    const { plans } = s();
    const made = await Promise.all(Array.from({ length: 5 }, () => plans.create({ year: 2027, unitCode: 'u', data: {}, event: ev('create', '2026-08-01T00:00:00Z') })));
    expect(made.map((p) => p.number).sort()).toEqual(['2027-001', '2027-002', '2027-003', '2027-004', '2027-005']);
  });

  it('two updates at the same version: one plan version, one event', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2027, unitCode: 'u', data: {}, event: ev('create', '2026-08-01T00:00:00Z') });
    const [a, b] = await Promise.all([
      plans.update({ id: p.id, version: 1, status: 'SUBMITTED', event: ev('submit', '2026-08-01T00:00:01Z') }),
      plans.update({ id: p.id, version: 1, status: 'DISCARDED', event: ev('discard', '2026-08-01T00:00:01Z') }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await plans.events(p.id)).toHaveLength(2);
  });

  it('two conversations started at once, two link decisions, two upload commits: one each', async () => {
    const { conversations, links, uploads, plans } = s();
    const started = await Promise.all([conversations.save('ou_a', 'f', { n: 1 }, null, at('2026-08-01T00:00:00Z')), conversations.save('ou_a', 'g', { n: 2 }, null, at('2026-08-01T00:00:00Z'))]);
    expect(started.filter(Boolean)).toHaveLength(1);
    const l = await links.create('ou_a', '101001', at('2026-08-01T00:00:00Z'));
    const decided = await Promise.all([links.decide(l.id, 1, true, 'x', at('2026-08-01T00:00:01Z')), links.decide(l.id, 1, false, 'y', at('2026-08-01T00:00:01Z'))]);
    expect(decided.filter(Boolean)).toHaveLength(1);
    const u = await uploads.savePending({ openId: 'ou_a', unitCode: '101001', year: 2027, contentHash: 'h', fileName: 'f.xlsx', plans: [{ row: 5, data: { title: 't' } }], at: at('2026-08-01T00:00:00Z') });
    const commits = await Promise.all([1, 2].map(() => uploads.commit({ id: u.id, version: 1, submit: false, actor: 'ou_a', at: at('2026-08-01T00:00:02Z') })));
    expect(commits.filter(Boolean)).toHaveLength(1);
    expect(await plans.list({ year: 2027 })).toHaveLength(1);
  });

  it('the same step reported twice at once: one step, one event', async () => {
    const { plans, classes, steps } = s();
    const p = await plans.create({ year: 2026, unitCode: 'u', data: {}, status: 'APPROVED', event: ev('create', '2026-01-01T00:00:00Z') });
    const c = (await classes.add({ planId: p.id, seq: 1, start: '2026-05-10', end: '2026-05-12', source: 'chat', at: at('2026-03-01T00:00:00Z'), event: ev('class_add', '2026-03-01T00:00:00Z') }))!;
    const put = () => steps.put({ classId: c.id, step: 2, expectedVersion: null, status: 'done', data: {}, reportedBy: 'ou_d', at: at('2026-04-01T00:00:00Z'), source: 'chat', event: { ...ev('step', '2026-04-01T00:00:00Z'), planId: p.id } });
    const [a, b] = await Promise.all([put(), put()]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await plans.events(p.id)).filter((e) => e.action === 'step')).toHaveLength(1);
  });
});
