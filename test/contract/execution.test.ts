// ClassStore, StepStore, AttachmentStore and FileIntents: classes of plans, their steps written at the version
// read, files stored once per target and content, each change with its plan event.
import { expect, it } from 'vitest';
import type { Deviation } from '../../src/domain/execution.ts';
import type { Stores } from '../../src/ports/index.ts';
import type { StepWrite } from '../../src/ports/execution.ts';
import { at, contract, ev, failure } from './impls.ts';

const newPlan = async (s: Stores, unitCode = '101001') => (await s.plans.create({ year: 2026, unitCode, data: {}, status: 'APPROVED', event: ev('create', '2026-01-01T00:00:00Z') })).id;
const addClass = (s: Stores, planId: number, seq: number, start = '2026-05-10', end = '2026-05-12') =>
  s.classes.add({ planId, seq, start, end, source: 'chat', at: at('2026-03-01T00:00:00Z'), event: ev('class_add', '2026-03-01T00:00:00Z', { actor: 'ou_d', details: { seq } }) });

contract('classes', (s) => {
  it('add: one per 期次 of a plan, with its event naming the class', async () => {
    const st = s();
    const planId = await newPlan(st);
    const c = await addClass(st, planId, 1);
    expect(c).toEqual({ id: c!.id, planId, seq: 1, start: '2026-05-10', end: '2026-05-12', status: 'active', source: 'chat', version: 1, createdBy: 'ou_d', createdAt: at('2026-03-01T00:00:00Z'), updatedAt: at('2026-03-01T00:00:00Z') });
    expect(await addClass(st, planId, 1, '2026-06-01', '2026-06-02')).toBeNull();
    expect((await st.plans.events(planId)).map((e) => [e.action, e.details])).toEqual([
      ['create', null],
      ['class_add', { seq: 1, classId: c!.id }],
    ]);
    expect(await st.classes.get(c!.id)).toEqual(c);
    expect(await st.classes.get(9999)).toBeNull();
  });

  it('add for a missing plan fails and stores no class', async () => {
    const st = s();
    expect(await failure(addClass(st, 4242, 1))).toMatchObject({ code: 'P2003' });
    expect(await st.classes.of([4242])).toEqual([]);
  });

  it('update only at the version read; dates and status only when given', async () => {
    const st = s();
    const planId = await newPlan(st);
    const c = (await addClass(st, planId, 1))!;
    const moved = await st.classes.update({ id: c.id, version: 1, start: '2026-06-01', at: at('2026-03-02T00:00:00Z'), event: ev('class_move', '2026-03-02T00:00:00Z') });
    expect(moved).toEqual({ ...c, start: '2026-06-01', version: 2, updatedAt: at('2026-03-02T00:00:00Z') });
    expect(await st.classes.update({ id: c.id, version: 1, status: 'cancelled', at: at('2026-03-03T00:00:00Z'), event: ev('class_cancel', '2026-03-03T00:00:00Z') })).toBeNull();
    expect(await st.classes.update({ id: c.id, version: 2, end: '2026-06-03', status: 'cancelled', at: at('2026-03-03T00:00:00Z'), event: ev('class_cancel', '2026-03-03T00:00:00Z') })).toMatchObject({ start: '2026-06-01', end: '2026-06-03', status: 'cancelled', version: 3 });
    expect(await st.classes.update({ id: 9999, version: 1, at: at('2026-03-03T00:00:00Z'), event: ev('x', '2026-03-03T00:00:00Z') })).toBeNull();
    expect((await st.plans.events(planId)).map((e) => e.action)).toEqual(['create', 'class_add', 'class_move', 'class_cancel']);
  });

  it('of: by plan then 期次; appendEvent adds to the trail', async () => {
    const st = s();
    const p1 = await newPlan(st);
    const p2 = await newPlan(st);
    await addClass(st, p2, 2);
    await addClass(st, p1, 2);
    await addClass(st, p2, 1);
    await addClass(st, p1, 1);
    expect((await st.classes.of([p2, p1])).map((c) => [c.planId, c.seq])).toEqual([[p1, 1], [p1, 2], [p2, 1], [p2, 2]]);
    expect((await st.classes.of([p2])).map((c) => c.seq)).toEqual([1, 2]);
    expect(await st.classes.of([])).toEqual([]);
    await st.classes.appendEvent(p1, ev('note', '2026-04-01T00:00:00Z', { comment: 'c' }));
    expect((await st.plans.events(p1)).pop()).toMatchObject({ action: 'note', comment: 'c' });
  });
});

contract('steps', (s) => {
  const write = (classId: number, planId: number, o: Partial<StepWrite> = {}): StepWrite => ({
    classId,
    step: 1,
    expectedVersion: null,
    status: 'submitted',
    data: { base: '某基地', headcount: 40 },
    reportedBy: 'ou_d',
    at: at('2026-04-01T00:00:00Z'),
    source: 'chat',
    event: { ...ev('step_report', '2026-04-01T00:00:00Z'), planId },
    ...o,
  });
  const flag = { field: 'mode', message: '改为线上', planned: '线下', actual: '线上' } as Deviation;

  it('put: created once (null when someone reported first), then only at the version read', async () => {
    const st = s();
    const planId = await newPlan(st);
    const c = (await addClass(st, planId, 1))!;
    const first = await st.steps.put(write(c.id, planId, { flags: [flag] }));
    expect(first).toEqual({
      classId: c.id,
      step: 1,
      status: 'submitted',
      data: { base: '某基地', headcount: 40 },
      flags: [expect.objectContaining({ field: 'mode', message: '改为线上', planned: '线下', actual: '线上' })],
      reportedAt: at('2026-04-01T00:00:00Z'),
      reportedBy: 'ou_d',
      updatedAt: at('2026-04-01T00:00:00Z'),
      reviewedBy: null,
      reviewedAt: null,
      comment: null,
      source: 'chat',
      version: 1,
    });
    expect(first!.flags[0]!.rule).toBeTruthy();
    expect(await st.steps.put(write(c.id, planId))).toBeNull();
    const reviewed = await st.steps.put(write(c.id, planId, { expectedVersion: 1, status: 'returned', at: at('2026-04-02T00:00:00Z'), reportedBy: 'ou_r', review: { by: 'ou_r', at: at('2026-04-02T00:00:00Z'), comment: '请补' } }));
    expect(reviewed).toMatchObject({ status: 'returned', version: 2, flags: [], reportedAt: at('2026-04-01T00:00:00Z'), updatedAt: at('2026-04-02T00:00:00Z'), reviewedBy: 'ou_r', reviewedAt: at('2026-04-02T00:00:00Z'), comment: '请补' });
    expect(await st.steps.put(write(c.id, planId, { expectedVersion: 1 }))).toBeNull();
    const again = await st.steps.put(write(c.id, planId, { expectedVersion: 2, reportedAt: at('2026-04-03T00:00:00Z'), at: at('2026-04-03T00:00:00Z') }));
    expect(again).toMatchObject({ status: 'submitted', version: 3, reportedAt: at('2026-04-03T00:00:00Z'), reviewedBy: 'ou_r', comment: '请补' });
    expect((await st.plans.events(planId)).filter((e) => e.action === 'step_report')).toHaveLength(3);
    expect(await st.steps.put(write(c.id, planId, { step: 2, expectedVersion: 1 }))).toBeNull();
  });

  it('returns copies of the step data and flags', async () => {
    const st = s();
    const planId = await newPlan(st);
    const c = (await addClass(st, planId, 1))!;
    const step = (await st.steps.put(write(c.id, planId, { flags: [flag] })))!;
    step.data.base = 'changed';
    step.flags[0]!.actual = 'changed';
    step.reportedAt.setFullYear(2000);
    const [again] = await st.steps.of([c.id]);
    expect(again).toMatchObject({ data: { base: '某基地' }, flags: [expect.objectContaining({ actual: '线上' })], reportedAt: at('2026-04-01T00:00:00Z') });
  });

  it('put with reportedAt given keeps it; of lists the steps of the classes by class then step', async () => {
    const st = s();
    const planId = await newPlan(st);
    const c1 = (await addClass(st, planId, 1))!;
    const c2 = (await addClass(st, planId, 2))!;
    await st.steps.put(write(c2.id, planId, { step: 3, status: 'done', reportedAt: at('2026-03-30T00:00:00Z') }));
    await st.steps.put(write(c1.id, planId, { step: 2, status: 'done' }));
    await st.steps.put(write(c2.id, planId, { step: 1 }));
    await st.steps.put(write(c1.id, planId, { step: 1 }));
    expect((await st.steps.of([c2.id, c1.id])).map((x) => [x.classId, x.step])).toEqual([[c1.id, 1], [c1.id, 2], [c2.id, 1], [c2.id, 3]]);
    expect((await st.steps.of([c2.id])).find((x) => x.step === 3)!.reportedAt).toEqual(at('2026-03-30T00:00:00Z'));
    expect(await st.steps.of([])).toEqual([]);
    expect(await st.steps.of([9999])).toEqual([]);
  });

  it('put for a missing class or plan fails and stores nothing', async () => {
    const st = s();
    const planId = await newPlan(st);
    const c = (await addClass(st, planId, 1))!;
    expect(await failure(st.steps.put(write(9999, planId)))).toMatchObject({ code: 'P2003' });
    expect(await failure(st.steps.put(write(c.id, 4242)))).toMatchObject({ code: 'P2003' });
    expect(await st.steps.of([c.id, 9999])).toEqual([]);
  });
});

contract('attachments and file intents', (s) => {
  const add = (st: Stores, planId: number, classId: number | null, data: string, o: { kind?: 'package' | 'statement'; fileName?: string } = {}) =>
    st.attachments.add({ planId, classId, kind: o.kind ?? 'package', fileName: o.fileName ?? 'a.pdf', data: Buffer.from(data), by: 'ou_d', at: at('2026-04-01T00:00:00Z'), event: ev('attach', '2026-04-01T00:00:00Z') });

  it('stores a file once per target, kind and content; lists by id; data back as sent', async () => {
    const st = s();
    const p1 = await newPlan(st);
    const p2 = await newPlan(st);
    const c = (await addClass(st, p1, 1))!;
    const a = await add(st, p1, c.id, 'one');
    expect(a).toEqual({ attachment: { id: a.attachment.id, planId: p1, classId: c.id, kind: 'package', fileName: 'a.pdf', size: 3, uploadedBy: 'ou_d', createdAt: at('2026-04-01T00:00:00Z') }, created: true });
    expect(await add(st, p1, c.id, 'one', { fileName: 'b.pdf' })).toEqual({ attachment: a.attachment, created: false });
    const b = await add(st, p1, c.id, 'one', { kind: 'statement' });
    const d = await add(st, p1, null, 'one');
    const e = await add(st, p2, null, 'two');
    expect([b.created, d.created, e.created]).toEqual([true, true, true]);
    expect((await st.plans.events(p1)).filter((x) => x.action === 'attach')).toHaveLength(3);
    const ids = (l: { id: number }[]) => l.map((x) => x.id);
    expect(ids(await st.attachments.list({}))).toEqual([a, b, d, e].map((x) => x.attachment.id));
    expect(ids(await st.attachments.list({ planIds: [p2, p1] }))).toEqual([a, b, d, e].map((x) => x.attachment.id));
    expect(ids(await st.attachments.list({ planIds: [p1], kind: 'package' }))).toEqual([a, d].map((x) => x.attachment.id));
    expect(ids(await st.attachments.list({ classId: c.id }))).toEqual([a, b].map((x) => x.attachment.id));
    expect(await st.attachments.list({ planIds: [] })).toEqual([]);
    const data = (await st.attachments.data(a.attachment.id))!;
    expect(Buffer.isBuffer(data) && data.toString()).toBe('one');
    data.write('XXX');
    expect((await st.attachments.data(a.attachment.id))!.toString()).toBe('one');
    expect(await st.attachments.data(9999)).toBeNull();
  });

  it('a file for a missing plan fails', async () => {
    const st = s();
    expect(await failure(add(st, 4242, null, 'x'))).toMatchObject({ code: 'P2003' });
    expect(await st.attachments.list({})).toEqual([]);
  });

  it('file intents: set replaces, get until it expires, clear', async () => {
    const { fileIntents: f } = s();
    expect(await f.get('ou_d', at('2026-04-01T00:00:00Z'))).toBeNull();
    await f.set('ou_d', { kind: 'package', targetId: 1, expiresAt: at('2026-04-01T01:00:00Z') });
    await f.set('ou_d', { kind: 'statement', targetId: 2, expiresAt: at('2026-04-01T02:00:00Z') });
    expect(await f.get('ou_d', at('2026-04-01T01:59:59Z'))).toEqual({ kind: 'statement', targetId: 2, expiresAt: at('2026-04-01T02:00:00Z') });
    expect(await f.get('ou_d', at('2026-04-01T02:00:00Z'))).toBeNull();
    await f.clear('ou_d');
    await f.clear('ou_x');
    expect(await f.get('ou_d', at('2026-04-01T00:00:00Z'))).toBeNull();
  });
});
