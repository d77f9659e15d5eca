// PlanStore: numbering per year, conditional updates with their events, lists in (year, number) order.
import { expect, it } from 'vitest';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { at, contract, ev, failure } from './impls.ts';

const draft = (o: PlanDraft = {}): PlanDraft => ({ budgetCode: '101001', title: '业务培训班', headcount: 45, jointUnits: ['102001'], ...o });

contract('plans', (s) => {
  it('numbers plans per year from 001, in the order they are created, and logs the create event', async () => {
    const { plans } = s();
    const a = await plans.create({ year: 2027, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T02:00:00Z', { toStatus: 'DRAFT' }) });
    const b = await plans.create({ year: 2027, unitCode: '102001', data: draft({ budgetCode: '102001' }), event: ev('create', '2026-08-01T03:00:00Z') });
    const c = await plans.create({ year: 2026, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T04:00:00Z') });
    expect([a.number, b.number, c.number]).toEqual(['2027-001', '2027-002', '2026-001']);
    expect(a).toEqual({
      id: a.id,
      seq: 1,
      year: 2027,
      number: '2027-001',
      unitCode: '101001',
      budgetCode: '101001',
      status: 'DRAFT',
      version: 1,
      data: draft(),
      createdBy: 'ou_actor',
      createdAt: at('2026-08-01T02:00:00Z'),
      updatedAt: at('2026-08-01T02:00:00Z'),
      submittedAt: null,
    });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    const events = await plans.events(a.id);
    expect(events).toEqual([
      { id: events[0]!.id, planId: a.id, at: at('2026-08-01T02:00:00Z'), actor: 'ou_actor', action: 'create', fromStatus: null, toStatus: 'DRAFT', comment: null, changes: null, details: null, channel: 'chat' },
    ]);
  });

  it('eventsOf reads the events of many plans at once: each plan its own, oldest first, the same as events()', async () => {
    const { plans } = s();
    const a = await plans.create({ year: 2027, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T02:00:00Z') });
    const b = await plans.create({ year: 2027, unitCode: '102001', data: draft(), event: ev('create', '2026-08-01T02:01:00Z') });
    await plans.update({ id: a.id, version: 1, status: 'SUBMITTED', event: ev('submit', '2026-08-01T03:00:00Z', { fromStatus: 'DRAFT', toStatus: 'SUBMITTED' }) });
    await plans.update({ id: b.id, version: 1, status: 'DISCARDED', event: ev('discard', '2026-08-01T03:01:00Z') });
    await plans.update({ id: a.id, version: 2, status: 'FIRST_APPROVED', event: ev('approve1', '2026-08-02T00:00:00Z', { fromStatus: 'SUBMITTED', toStatus: 'FIRST_APPROVED' }) });
    const byPlan = await plans.eventsOf([b.id, a.id, 99_999]);
    expect([...byPlan.keys()]).toEqual([b.id, a.id, 99_999]);
    expect(byPlan.get(a.id)).toEqual(await plans.events(a.id));
    expect(byPlan.get(a.id)!.map((e) => e.action)).toEqual(['create', 'submit', 'approve1']);
    expect(byPlan.get(b.id)!.map((e) => e.action)).toEqual(['create', 'discard']);
    expect(byPlan.get(99_999)).toEqual([]);
    expect((await plans.eventsOf([])).size).toBe(0);
  });

  it('eventsOf reads past the plans one query takes (an export of thousands)', async () => {
    const { plans } = s();
    const ids: number[] = [];
    for (let i = 0; i < 510; i++) ids.push((await plans.create({ year: 2027, unitCode: '101001', data: {}, event: ev('create', '2026-08-01T02:00:00Z') })).id);
    const byPlan = await plans.eventsOf(ids);
    expect(ids.filter((id) => byPlan.get(id)?.length !== 1)).toEqual([]);
  });

  it('creates with a given status (补录 of an approved plan) and a null budget code when the data has none', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2024, unitCode: '101001', data: { title: 'x' }, status: 'APPROVED', event: ev('create', '2026-08-01T02:00:00Z') });
    expect(p).toMatchObject({ status: 'APPROVED', budgetCode: null, version: 1 });
  });

  it('the number after a gap-free sequence continues from the highest of the year', async () => {
    const { plans } = s();
    for (let i = 0; i < 3; i++) await plans.create({ year: 2027, unitCode: 'u', data: {}, event: ev('create', '2026-08-01T02:00:00Z') });
    expect((await plans.create({ year: 2027, unitCode: 'u', data: {}, event: ev('create', '2026-08-01T02:00:00Z') })).number).toBe('2027-004');
  });

  it('update writes only at the version read: the first decision wins, the stale one writes nothing (not even its event)', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2027, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T02:00:00Z') });
    const first = await plans.update({ id: p.id, version: 1, status: 'SUBMITTED', submittedAt: at('2026-08-02T00:00:00Z'), event: ev('submit', '2026-08-02T00:00:00Z', { fromStatus: 'DRAFT', toStatus: 'SUBMITTED' }) });
    const second = await plans.update({ id: p.id, version: 1, status: 'DISCARDED', event: ev('discard', '2026-08-02T00:01:00Z') });
    expect(first).toMatchObject({ status: 'SUBMITTED', version: 2, submittedAt: at('2026-08-02T00:00:00Z'), updatedAt: at('2026-08-02T00:00:00Z'), data: draft() });
    expect(second).toBeNull();
    expect((await plans.events(p.id)).map((e) => e.action)).toEqual(['create', 'submit']);
    expect(await plans.update({ id: 9999, version: 1, status: 'SUBMITTED', event: ev('submit', '2026-08-02T00:00:00Z') })).toBeNull();
  });

  it('update with data replaces the data and the budget code; without, keeps them; submittedAt only when given', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2027, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T02:00:00Z') });
    const edited = await plans.update({ id: p.id, version: 1, data: { title: '新标题' }, event: ev('edit', '2026-08-02T00:00:00Z', { changes: { title: { from: '业务培训班', to: '新标题' } } as never }) });
    expect(edited).toMatchObject({ data: { title: '新标题' }, budgetCode: null, status: 'DRAFT', submittedAt: null, version: 2 });
    const same = await plans.update({ id: p.id, version: 2, event: ev('note', '2026-08-03T00:00:00Z', { comment: '备注', details: { k: 1 } }) });
    expect(same).toMatchObject({ data: { title: '新标题' }, version: 3, updatedAt: at('2026-08-03T00:00:00Z') });
    const events = await plans.events(p.id);
    expect(events.map((e) => [e.action, e.changes, e.details, e.comment])).toEqual([
      ['create', null, null, null],
      ['edit', { title: { from: '业务培训班', to: '新标题' } }, null, null],
      ['note', null, { k: 1 }, '备注'],
    ]);
  });

  it('get, byNumber and a missing plan', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2027, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T02:00:00Z') });
    expect(await plans.get(p.id)).toEqual(p);
    expect(await plans.byNumber('2027-001')).toEqual(p);
    expect(await plans.get(p.id + 100)).toBeNull();
    expect(await plans.byNumber('2027-999')).toBeNull();
    expect(await plans.events(p.id + 100)).toEqual([]);
  });

  it('returns copies: changing what was returned changes nothing stored', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2027, unitCode: '101001', data: draft(), event: ev('create', '2026-08-01T02:00:00Z', { details: { a: [1] } }) });
    p.data.jointUnits!.push('999');
    p.data.title = 'changed';
    p.createdAt.setFullYear(2000);
    const events = await plans.events(p.id);
    (events[0]!.details!.a as number[]).push(2);
    events[0]!.at.setFullYear(2000);
    const again = (await plans.get(p.id))!;
    expect(again.data).toEqual(draft());
    expect(again.createdAt).toEqual(at('2026-08-01T02:00:00Z'));
    expect((await plans.events(p.id))[0]).toMatchObject({ details: { a: [1] }, at: at('2026-08-01T02:00:00Z') });
  });

  it('stores what it was given, not a live reference: changing the input afterwards changes nothing', async () => {
    const { plans } = s();
    const data = draft();
    const when = at('2026-08-01T02:00:00Z');
    const p = await plans.create({ year: 2027, unitCode: '101001', data, event: ev('create', when) });
    data.title = 'changed';
    when.setFullYear(2000);
    expect(await plans.get(p.id)).toMatchObject({ data: draft(), createdAt: at('2026-08-01T02:00:00Z') });
  });

  it('JSON data as JSON: undefined keys dropped', async () => {
    const { plans } = s();
    const p = await plans.create({ year: 2027, unitCode: '101001', data: { title: 't', remarks: undefined }, event: ev('create', '2026-08-01T02:00:00Z') });
    expect(Object.keys(p.data)).toEqual(['title']);
  });

  it('list filters by unit, year or years, statuses, in (year, number) order', async () => {
    const { plans } = s();
    const mk = async (year: number, unitCode: string, status?: 'APPROVED') => (await plans.create({ year, unitCode, data: {}, event: ev('create', '2026-08-01T02:00:00Z'), ...(status ? { status } : {}) })).number;
    await mk(2027, 'A');
    await mk(2026, 'B', 'APPROVED');
    await mk(2027, 'B');
    await mk(2025, 'A', 'APPROVED');
    const numbers = async (f: Parameters<ReturnType<typeof s>['plans']['list']>[0]) => (await s().plans.list(f)).map((p) => `${p.number}${p.unitCode}`);
    expect(await numbers({})).toEqual(['2025-001A', '2026-001B', '2027-001A', '2027-002B']);
    expect(await numbers({ unitCode: 'A' })).toEqual(['2025-001A', '2027-001A']);
    expect(await numbers({ unitCode: '' })).toHaveLength(4);
    expect(await numbers({ year: 2027 })).toEqual(['2027-001A', '2027-002B']);
    expect(await numbers({ years: [2025, 2026] })).toEqual(['2025-001A', '2026-001B']);
    expect(await numbers({ year: 2027, years: [2025] })).toEqual(['2025-001A']);
    expect(await numbers({ years: [] })).toEqual([]);
    expect(await numbers({ statuses: ['APPROVED'] })).toEqual(['2025-001A', '2026-001B']);
    expect(await numbers({ statuses: [] })).toEqual([]);
    expect(await numbers({ unitCode: 'B', year: 2027, statuses: ['DRAFT'] })).toEqual(['2027-002B']);
  });

  it('an event of a missing plan is refused (the foreign key)', async () => {
    const { classes } = s();
    const e = await failure(classes.appendEvent(4242, ev('note', '2026-08-01T02:00:00Z')));
    expect(e).toMatchObject({ code: 'P2003' });
  });
});
