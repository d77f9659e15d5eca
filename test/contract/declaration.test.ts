// UnitYears, DeclarationUploads and HistoryUploads: 无计划, and spreadsheets waiting for 确认导入 (one table
// unique on unit, year and content, whatever the kind). Committing creates the plans once.
import { expect, it } from 'vitest';
import { diffData } from '../../src/domain/plan-changes.ts';
import { at, contract, ev } from './impls.ts';

const rows = [
  { row: 3, data: { budgetCode: '101001', title: '甲班', headcount: 30 } },
  { row: 4, data: { title: '乙班' } },
];
const pending = (o: { hash?: string; year?: number } = {}) => ({ openId: 'ou_d', unitCode: '101001', year: o.year ?? 2027, contentHash: o.hash ?? 'h1', fileName: '计划.xlsx', plans: rows, at: at('2026-08-01T00:00:00Z') });

contract('unit years', (s) => {
  it('无计划: set, read, listed per year, cleared once', async () => {
    const { unitYears: u } = s();
    expect(await u.noPlan('101001', 2027)).toBeNull();
    expect(await u.clearNoPlan('101001', 2027)).toBe(false);
    await u.setNoPlan('101001', 2027, 'ou_d', at('2026-08-01T00:00:00Z'));
    await u.setNoPlan('102001', 2027, 'ou_e', at('2026-08-01T00:00:00Z'));
    await u.setNoPlan('101001', 2026, 'ou_d', at('2025-08-01T00:00:00Z'));
    await u.setNoPlan('101001', 2027, 'ou_x', at('2026-08-02T00:00:00Z'));
    expect(await u.noPlan('101001', 2027)).toEqual({ at: at('2026-08-02T00:00:00Z'), by: 'ou_x' });
    expect(await u.noPlanUnits(2027)).toEqual(new Set(['101001', '102001']));
    expect(await u.clearNoPlan('101001', 2027)).toBe(true);
    expect(await u.clearNoPlan('101001', 2027)).toBe(false);
    expect(await u.noPlan('101001', 2027)).toBeNull();
    expect(await u.noPlanUnits(2027)).toEqual(new Set(['102001']));
    expect(await u.noPlanUnits(2030)).toEqual(new Set());
  });
});

contract('declaration uploads', (s) => {
  it('savePending, find by content, get; the same content again goes back to pending (same id, same version)', async () => {
    const { uploads } = s();
    const a = await uploads.savePending(pending());
    expect(a).toEqual({ id: a.id, openId: 'ou_d', unitCode: '101001', year: 2027, contentHash: 'h1', fileName: '计划.xlsx', plans: rows, status: 'pending', kind: 'declaration', version: 1, planNumbers: [], createdAt: at('2026-08-01T00:00:00Z'), importedAt: null });
    expect(await uploads.find('101001', 2027, 'h1')).toEqual(a);
    expect(await uploads.find('101001', 2028, 'h1')).toBeNull();
    expect(await uploads.get(a.id)).toEqual(a);
    expect(await uploads.get(9999)).toBeNull();
    expect(await uploads.cancel(a.id, 1)).toBe(true);
    expect(await uploads.cancel(a.id, 1)).toBe(false);
    const again = await uploads.savePending({ ...pending(), openId: 'ou_e', fileName: '再传.xlsx', at: at('2026-08-02T00:00:00Z') });
    expect(again).toMatchObject({ id: a.id, status: 'pending', version: 2, openId: 'ou_e', fileName: '再传.xlsx', createdAt: at('2026-08-02T00:00:00Z') });
    const b = await uploads.savePending(pending({ hash: 'h2' }));
    expect(b.id).not.toBe(a.id);
  });

  it('commit creates every plan numbered after the year’s last, with their events, once', async () => {
    const { uploads, plans } = s();
    await plans.create({ year: 2027, unitCode: '999999', data: {}, event: ev('create', '2026-08-01T00:00:00Z') });
    const a = await uploads.savePending(pending());
    expect(await uploads.commit({ id: a.id, version: 2, submit: true, actor: 'ou_d', at: at('2026-08-03T00:00:00Z') })).toBeNull();
    const done = await uploads.commit({ id: a.id, version: 1, submit: true, actor: 'ou_d', at: at('2026-08-03T00:00:00Z') });
    expect(done!.numbers).toEqual(['2027-002', '2027-003']);
    expect(await uploads.commit({ id: a.id, version: 1, submit: true, actor: 'ou_d', at: at('2026-08-03T00:00:00Z') })).toBeNull();
    expect(await uploads.get(a.id)).toMatchObject({ status: 'imported', version: 2, planNumbers: ['2027-002', '2027-003'], importedAt: at('2026-08-03T00:00:00Z') });
    const p = (await plans.get(done!.planIds[0]!))!;
    expect(p).toMatchObject({ number: '2027-002', unitCode: '101001', budgetCode: '101001', status: 'SUBMITTED', version: 2, data: rows[0]!.data, createdBy: 'ou_d', submittedAt: at('2026-08-03T00:00:00Z') });
    expect((await plans.get(done!.planIds[1]!))!.budgetCode).toBeNull();
    const events = await plans.events(p.id);
    expect(events.map(({ id: _i, ...e }) => e)).toEqual([
      { planId: p.id, at: at('2026-08-03T00:00:00Z'), actor: 'ou_d', action: 'create', fromStatus: null, toStatus: 'DRAFT', comment: '导入自「计划.xlsx」第 3 行', changes: diffData({}, rows[0]!.data), details: null, channel: 'excel' },
      { planId: p.id, at: at('2026-08-03T00:00:00Z'), actor: 'ou_d', action: 'submit', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', comment: '导入自「计划.xlsx」第 3 行', changes: null, details: null, channel: 'excel' },
    ]);
    // Never back to pending over an import.
    expect(await uploads.savePending({ ...pending(), fileName: 'x.xlsx' })).toMatchObject({ id: a.id, status: 'imported', fileName: '计划.xlsx' });
    expect(await uploads.cancel(a.id, 2)).toBe(false);
    expect((await plans.create({ year: 2027, unitCode: 'u', data: {}, event: ev('create', '2026-08-04T00:00:00Z') })).number).toBe('2027-004');
  });

  it('returns copies: changing a returned upload, or the rows given, changes nothing stored', async () => {
    const { uploads } = s();
    const given = structuredClone(rows);
    const a = await uploads.savePending({ ...pending(), plans: given });
    given[0]!.data.title = 'changed';
    a.plans[1]!.data.title = 'changed';
    a.createdAt.setFullYear(2000);
    expect(await uploads.get(a.id)).toMatchObject({ plans: rows, createdAt: at('2026-08-01T00:00:00Z') });
  });

  it('commit as drafts: version 1, one event each, no submittedAt', async () => {
    const { uploads, plans } = s();
    const a = await uploads.savePending(pending());
    const done = (await uploads.commit({ id: a.id, version: 1, submit: false, actor: 'ou_d', at: at('2026-08-03T00:00:00Z') }))!;
    expect(done.numbers).toEqual(['2027-001', '2027-002']);
    expect(await plans.get(done.planIds[1]!)).toMatchObject({ status: 'DRAFT', version: 1, submittedAt: null });
    expect((await plans.events(done.planIds[1]!)).map((e) => e.action)).toEqual(['create']);
  });
});

contract('history uploads', (s) => {
  const save = (o: { hash?: string; rows?: unknown } = {}) => ({ openId: 'ou_d', unitCode: '101001', year: 2027, contentHash: o.hash ?? 'h1', fileName: '补录.xlsx', rows: o.rows ?? [{ a: 1 }], at: at('2026-08-01T00:00:00Z') });

  it('save, get, the same content again the same row; finish and cancel once, at the version read', async () => {
    const { historyUploads: h, uploads } = s();
    const a = await h.save(save());
    expect(a).toEqual({ id: a.id, status: 'pending', importedAt: null });
    expect(await h.get(a.id)).toEqual({ id: a.id, openId: 'ou_d', unitCode: '101001', fileName: '补录.xlsx', status: 'pending', version: 1, rows: [{ a: 1 }], importedAt: null });
    expect(await uploads.get(a.id)).toBeNull(); // not a declaration
    expect(await uploads.find('101001', 2027, 'h1')).toBeNull();
    expect(await h.save(save({ rows: [{ a: 2 }] }))).toEqual(a);
    expect((await h.get(a.id))!.rows).toEqual([{ a: 2 }]);
    expect(await h.cancel(a.id, 1)).toBe(true);
    expect(await h.finish(a.id, 2, at('2026-08-02T00:00:00Z'), ['x'])).toBe(false);
    expect(await h.save(save())).toEqual({ id: a.id, status: 'pending', importedAt: null });
    expect(await h.finish(a.id, 1, at('2026-08-02T00:00:00Z'), ['x'])).toBe(false);
    expect(await h.finish(a.id, 2, at('2026-08-02T00:00:00Z'), ['2 个班次'])).toBe(true);
    expect(await h.finish(a.id, 2, at('2026-08-02T00:00:00Z'), ['x'])).toBe(false);
    expect(await h.get(a.id)).toMatchObject({ status: 'imported', version: 3, importedAt: at('2026-08-02T00:00:00Z') });
    expect(await h.save(save())).toEqual({ id: a.id, status: 'imported', importedAt: at('2026-08-02T00:00:00Z') });
    expect(await h.cancel(a.id, 3)).toBe(false);
    expect(await h.get(9999)).toBeNull();
  });

  it('a declaration of the same content as a pending 补录 upload gets that upload back, as it is', async () => {
    const { historyUploads: h, uploads } = s();
    const a = await h.save(save());
    const again = await uploads.savePending({ ...pending(), fileName: '申报.xlsx' });
    expect(again).toMatchObject({ id: a.id, kind: 'history', status: 'pending', fileName: '申报.xlsx', version: 1, plans: rows });
    expect(await uploads.find('101001', 2027, 'h1')).toBeNull();
    expect(await uploads.get(a.id)).toBeNull();
  });

  it('a declaration upload is not a 补录 one: finish and cancel leave it alone', async () => {
    const { historyUploads: h, uploads } = s();
    const d = await uploads.savePending(pending());
    expect(await h.get(d.id)).toBeNull();
    expect(await h.finish(d.id, 1, at('2026-08-02T00:00:00Z'), [])).toBe(false);
    expect(await h.cancel(d.id, 1)).toBe(false);
    expect(await uploads.get(d.id)).toMatchObject({ status: 'pending', version: 1 });
  });

  it('the same content as a cancelled declaration upload becomes a 补录 upload', async () => {
    const { historyUploads: h, uploads } = s();
    const d = await uploads.savePending(pending());
    await uploads.cancel(d.id, 1);
    expect(await h.save(save())).toEqual({ id: d.id, status: 'pending', importedAt: null });
    expect(await uploads.get(d.id)).toBeNull();
    expect(await h.get(d.id)).toMatchObject({ status: 'pending', version: 2, rows: [{ a: 1 }] });
  });
});
