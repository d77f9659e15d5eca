// People, Roster, LinkRequests and ConversationStore: who wrote, their roles and units, link requests decided
// once, conversations written only at the version read.
import { expect, it } from 'vitest';
import { at, contract } from './impls.ts';

contract('people and roster', (s) => {
  it('find: null for a stranger; touch records someone with no role, no unit, and keeps what is known', async () => {
    const { people, roster } = s();
    expect(await people.find('ou_a')).toBeNull();
    await people.touch('ou_a');
    expect(await people.find('ou_a')).toEqual({ openId: 'ou_a', name: null, role: null, unitCode: null });
    await roster.grant('ou_b', 'admin', '王');
    await people.touch('ou_b');
    expect(await people.find('ou_b')).toEqual({ openId: 'ou_b', name: '王', role: 'admin', unitCode: null });
  });

  it('claimGreeting: true once per period, for a stranger too', async () => {
    const { people } = s();
    expect(await people.claimGreeting('ou_a', at('2026-08-01T00:00:00Z'), at('2026-07-25T00:00:00Z'))).toBe(true);
    expect(await people.find('ou_a')).toMatchObject({ role: null });
    expect(await people.claimGreeting('ou_a', at('2026-08-02T00:00:00Z'), at('2026-07-26T00:00:00Z'))).toBe(false);
    // greetedAt equal to notSince is not "before" it
    expect(await people.claimGreeting('ou_a', at('2026-08-08T00:00:00Z'), at('2026-08-01T00:00:00Z'))).toBe(false);
    expect(await people.claimGreeting('ou_a', at('2026-08-09T00:00:00Z'), at('2026-08-01T00:00:00.001Z'))).toBe(true);
    expect(await people.claimGreeting('ou_a', at('2026-08-09T00:00:01Z'), at('2026-08-02T00:00:00Z'))).toBe(false);
  });

  it('grant sets the role (name only when given); bind sets the unit and makes a declarant of someone with no role', async () => {
    const { roster } = s();
    expect(await roster.grant('ou_r', 'reviewer', '审核员')).toEqual({ openId: 'ou_r', name: '审核员', role: 'reviewer', unitCode: null });
    expect(await roster.grant('ou_r', 'admin')).toEqual({ openId: 'ou_r', name: '审核员', role: 'admin', unitCode: null });
    expect(await roster.grant('ou_r', 'admin', '')).toMatchObject({ name: '审核员' });
    expect(await roster.bind('ou_d', '101001', '李明')).toEqual({ openId: 'ou_d', name: '李明', role: 'declarant', unitCode: '101001' });
    expect(await roster.bind('ou_r', '102001')).toEqual({ openId: 'ou_r', name: '审核员', role: 'admin', unitCode: '102001' });
    expect(await roster.bind('ou_d', '103001')).toMatchObject({ name: '李明', unitCode: '103001', role: 'declarant' });
  });

  it('byRole by open_id; all by role (none first) then open_id; linked leaves out who only wrote', async () => {
    const { people, roster } = s();
    await people.touch('ou_z');
    await roster.grant('ou_r2', 'reviewer');
    await roster.grant('ou_r1', 'reviewer');
    await roster.bind('ou_d', '101001');
    await roster.grant('ou_adm', 'admin');
    await people.touch('ou_a');
    expect((await roster.byRole('reviewer')).map((p) => p.openId)).toEqual(['ou_r1', 'ou_r2']);
    expect(await roster.byRole('declarant')).toEqual([{ openId: 'ou_d', name: null, role: 'declarant', unitCode: '101001' }]);
    expect((await roster.all()).map((p) => p.openId)).toEqual(['ou_a', 'ou_z', 'ou_adm', 'ou_d', 'ou_r1', 'ou_r2']);
    expect((await roster.linked()).map((p) => p.openId)).toEqual(['ou_adm', 'ou_d', 'ou_r1', 'ou_r2']);
  });
});

contract('link requests', (s) => {
  it('create, get, pendingOf (the latest pending), decide once', async () => {
    const { links } = s();
    const a = await links.create('ou_a', '101001', at('2026-08-01T00:00:00Z'));
    expect(a).toEqual({ id: a.id, openId: 'ou_a', unitCode: '101001', status: 'pending', version: 1, createdAt: at('2026-08-01T00:00:00Z'), decidedBy: null, decidedAt: null });
    const b = await links.create('ou_a', '102001', at('2026-08-01T00:01:00Z'));
    expect((await links.pendingOf('ou_a'))!.id).toBe(b.id);
    expect(await links.pendingOf('ou_x')).toBeNull();
    expect(await links.decide(b.id, 1, true, 'ou_adm', at('2026-08-02T00:00:00Z'))).toBe(true);
    expect(await links.decide(b.id, 1, false, 'ou_adm2', at('2026-08-02T00:00:01Z'))).toBe(false);
    expect(await links.decide(b.id, 2, false, 'ou_adm2', at('2026-08-02T00:00:01Z'))).toBe(false); // no longer pending
    expect(await links.get(b.id)).toEqual({ ...b, status: 'approved', version: 2, decidedBy: 'ou_adm', decidedAt: at('2026-08-02T00:00:00Z') });
    expect((await links.pendingOf('ou_a'))!.id).toBe(a.id);
    expect(await links.decide(a.id, 1, false, 'ou_adm', at('2026-08-02T00:00:00Z'))).toBe(true);
    expect(await links.get(a.id)).toMatchObject({ status: 'rejected', version: 2 });
    expect(await links.pendingOf('ou_a')).toBeNull();
    expect(await links.get(9999)).toBeNull();
    expect(await links.decide(9999, 1, true, 'x', at('2026-08-02T00:00:00Z'))).toBe(false);
  });
});

contract('conversations', (s) => {
  it('creates once, replaces only at the version read, ends only at that version', async () => {
    const { conversations: c } = s();
    expect(await c.get('ou_a')).toBeNull();
    expect(await c.save('ou_a', 'declare', { step: 1, list: ['x'] }, null, at('2026-08-01T00:00:00Z'))).toBe(true);
    expect(await c.save('ou_a', 'other', {}, null, at('2026-08-01T00:00:01Z'))).toBe(false);
    expect(await c.get('ou_a')).toEqual({ flow: 'declare', state: { step: 1, list: ['x'] }, version: 1, updatedAt: at('2026-08-01T00:00:00Z') });
    expect(await c.save('ou_a', 'declare', { step: 2 }, 1, at('2026-08-01T00:00:02Z'))).toBe(true);
    expect(await c.save('ou_a', 'declare', { step: 3 }, 1, at('2026-08-01T00:00:03Z'))).toBe(false);
    expect(await c.get('ou_a')).toEqual({ flow: 'declare', state: { step: 2 }, version: 2, updatedAt: at('2026-08-01T00:00:02Z') });
    expect(await c.save('ou_b', 'declare', {}, 1, at('2026-08-01T00:00:00Z'))).toBe(false);
    expect(await c.end('ou_a', 1)).toBe(false);
    expect(await c.end('ou_a', 2)).toBe(true);
    expect(await c.get('ou_a')).toBeNull();
    expect(await c.end('ou_a', 2)).toBe(false);
    expect(await c.save('ou_a', 'again', { n: 1 }, null, at('2026-08-01T00:00:04Z'))).toBe(true);
    expect(await c.get('ou_a')).toMatchObject({ version: 1, flow: 'again' });
  });

  it('state is JSON: a copy each time, Dates as strings, undefined keys dropped', async () => {
    const { conversations: c } = s();
    const state = { when: at('2026-08-01T00:00:00Z'), gone: undefined, list: [1] };
    await c.save('ou_a', 'f', state, null, at('2026-08-01T00:00:00Z'));
    state.list.push(2);
    const got = (await c.get<{ when: unknown; list: number[] }>('ou_a'))!;
    expect(got.state).toEqual({ when: '2026-08-01T00:00:00.000Z', list: [1] });
    expect('gone' in got.state).toBe(false);
    got.state.list.push(3);
    expect((await c.get<{ list: number[] }>('ou_a'))!.state.list).toEqual([1]);
  });
});
