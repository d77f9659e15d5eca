// UnitRegistry, BaseList, CampaignStore and CalendarData: reference data as the rules read it.
import { expect, it } from 'vitest';
import { defaultCampaign } from '../../src/domain/campaign.ts';
import type { Unit } from '../../src/domain/units.ts';
import { at, contract, failure } from './impls.ts';

const unit = (code: string, o: Partial<Unit> = {}): Unit => ({ code, name: `单位${code}`, parentCode: null, staffCount: 10, contactName: null, contactMobile: null, ...o });

contract('unit registry', (s) => {
  it('saves units (in code order), updates them by code, a unit without a mobile loses its open_id', async () => {
    const { registry } = s();
    await registry.saveUnits([unit('102001', { contactName: '张', contactMobile: '13800000000' }), unit('101001', { parentCode: null }), unit('101002', { parentCode: '101001', contactMobile: '13900000000' })]);
    expect((await registry.units()).map((u) => u.code)).toEqual(['101001', '101002', '102001']);
    expect(await registry.unit('102001')).toEqual({ ...unit('102001', { contactName: '张', contactMobile: '13800000000' }), contactOpenId: null });
    await registry.setContactOpenIds(new Map<string, string | null>([['102001', 'ou_z'], ['101002', 'ou_y']]));
    expect((await registry.unit('102001'))!.contactOpenId).toBe('ou_z');
    // Saved again with the mobile: the open_id stays; without a mobile: it goes.
    await registry.saveUnits([unit('102001', { name: '新名', contactMobile: '13800000000' }), unit('101002', { parentCode: '101001' })]);
    expect(await registry.unit('102001')).toEqual({ ...unit('102001', { name: '新名', contactMobile: '13800000000' }), contactOpenId: 'ou_z' });
    expect(await registry.unit('101002')).toMatchObject({ contactMobile: null, contactOpenId: null });
    await registry.setContactOpenIds(new Map([['102001', null]]));
    expect((await registry.unit('102001'))!.contactOpenId).toBeNull();
    expect(await registry.unit('999999')).toBeNull();
  });

  it('units read back and saved again (with their open_id) keep or set it when they have a mobile', async () => {
    const { registry } = s();
    await registry.saveUnits([unit('101001', { contactMobile: '1' }), unit('101002')]);
    const read = await registry.units();
    await registry.saveUnits(read.map((u) => ({ ...u, contactOpenId: `ou_${u.code}` })));
    expect((await registry.units()).map((u) => u.contactOpenId)).toEqual(['ou_101001', null]);
    await registry.saveUnits([{ ...unit('101003', { contactMobile: '2' }), contactOpenId: 'ou_new' } as never]);
    expect((await registry.unit('101003'))!.contactOpenId).toBe('ou_new');
  });

  it('setContactOpenIds with an unknown code fails and changes nothing', async () => {
    const { registry } = s();
    await registry.saveUnits([unit('101001', { contactMobile: '1' })]);
    const e = await failure(registry.setContactOpenIds(new Map([['101001', 'ou_a'], ['nope', 'ou_b']])));
    expect(e).toMatchObject({ code: 'P2025' });
    expect((await registry.unit('101001'))!.contactOpenId).toBeNull();
  });

  it('returns copies', async () => {
    const { registry } = s();
    await registry.saveUnits([unit('101001')]);
    (await registry.unit('101001'))!.name = 'changed';
    (await registry.units())[0]!.name = 'changed';
    expect((await registry.unit('101001'))!.name).toBe('单位101001');
  });
});

contract('training bases', (s) => {
  it('adds and updates by name in the order first added; replace drops the ones not in the list', async () => {
    const { bases } = s();
    await bases.save([{ name: 'B', city: '南宁', aliases: ['b1'] }, { name: 'A', city: '桂林', aliases: [] }], false);
    await bases.save([{ name: 'C', city: '北海', aliases: [] }, { name: 'B', city: '柳州', aliases: ['b2', 'b3'] }], false);
    expect(await bases.all()).toEqual([
      { name: 'B', city: '柳州', aliases: ['b2', 'b3'] },
      { name: 'A', city: '桂林', aliases: [] },
      { name: 'C', city: '北海', aliases: [] },
    ]);
    await bases.save([{ name: 'D', city: '梧州', aliases: [] }, { name: 'C', city: '北海', aliases: ['c'] }], true);
    expect(await bases.all()).toEqual([
      { name: 'C', city: '北海', aliases: ['c'] },
      { name: 'D', city: '梧州', aliases: [] },
    ]);
    (await bases.all())[0]!.aliases.push('x');
    expect((await bases.all())[0]!.aliases).toEqual(['c']);
    await bases.save([], true);
    expect(await bases.all()).toEqual([]);
  });
});

contract('campaigns', (s) => {
  it('save, get (unset dates null), all by year, save again replaces', async () => {
    const { campaigns } = s();
    expect(await campaigns.get(2027)).toBeNull();
    const c27 = defaultCampaign(2027);
    await campaigns.save({ ...c27, closedAt: undefined, publishedAt: undefined });
    await campaigns.save(defaultCampaign(2026));
    const got = (await campaigns.get(2027))!;
    expect(got).toMatchObject({ ...c27, closedAt: null, publishedAt: null });
    expect(got.opensAt).not.toBe(c27.opensAt);
    expect((await campaigns.all()).map((c) => c.year)).toEqual([2026, 2027]);
    await campaigns.save({ ...c27, opensAt: at('2026-07-01T00:00:00Z'), closedAt: at('2026-08-11T00:00:00Z') });
    expect(await campaigns.get(2027)).toMatchObject({ opensAt: at('2026-07-01T00:00:00Z'), closedAt: at('2026-08-11T00:00:00Z'), publishedAt: null });
  });

  it('mark sets a date once (false after), creating the default campaign when there is none', async () => {
    const { campaigns } = s();
    expect(await campaigns.mark(2028, 'closedAt', at('2027-08-11T00:00:00Z'))).toBe(true);
    expect(await campaigns.mark(2028, 'closedAt', at('2027-08-12T00:00:00Z'))).toBe(false);
    expect(await campaigns.get(2028)).toMatchObject({ ...defaultCampaign(2028), closedAt: at('2027-08-11T00:00:00Z'), publishedAt: null });
    expect(await campaigns.mark(2028, 'publishedAt', at('2027-09-01T00:00:00Z'))).toBe(true);
    expect((await campaigns.get(2028))!.publishedAt).toEqual(at('2027-09-01T00:00:00Z'));
    await campaigns.save({ ...defaultCampaign(2029), opensAt: at('2028-07-01T00:00:00Z') });
    expect(await campaigns.mark(2029, 'publishedAt', at('2028-09-01T00:00:00Z'))).toBe(true);
    expect(await campaigns.get(2029)).toMatchObject({ opensAt: at('2028-07-01T00:00:00Z'), closedAt: null });
  });

  it('returns copies of the dates', async () => {
    const { campaigns } = s();
    await campaigns.save(defaultCampaign(2027));
    (await campaigns.get(2027))!.opensAt.setFullYear(2000);
    expect((await campaigns.get(2027))!.opensAt).toEqual(defaultCampaign(2027).opensAt);
  });
});

contract('calendar data', (s) => {
  it('admin days by date, upserted by date, a missing name undefined', async () => {
    const { calendarData } = s();
    expect(await calendarData.adminDays()).toEqual([]);
    await calendarData.saveAdminDays([{ date: '2027-10-08', kind: 'workday' }, { date: '2027-05-01', kind: 'holiday', name: '劳动节' }]);
    await calendarData.saveAdminDays([{ date: '2027-10-08', kind: 'holiday', name: '调休' }]);
    const days = await calendarData.adminDays();
    expect(days).toEqual([
      { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2027-10-08', kind: 'holiday', name: '调休' },
    ]);
    await calendarData.saveAdminDays([{ date: '2027-05-01', kind: 'workday' }]);
    const first = (await calendarData.adminDays())[0]!;
    expect(first).toEqual({ date: '2027-05-01', kind: 'workday', name: undefined });
    expect('name' in first).toBe(true);
    expect(await calendarData.noticeSchedules()).toEqual([]);
  });
});
