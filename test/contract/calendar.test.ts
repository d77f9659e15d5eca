// HolidayNotices (and the schedules CalendarData reads from them): pending until confirmed, one imported
// notice per year, every change of status only at the version read.
import { expect, it } from 'vitest';
import type { NoticeContent } from '../../src/ports/calendar.ts';
import { at, contract } from './impls.ts';

const content = (year: number, hash = `h${year}`, date = `${year}-10-01`): NoticeContent => ({
  year,
  contentHash: hash,
  festivals: [{ name: '国庆节', from: `${year}-10-01`, to: `${year}-10-07`, days: 7, workdays: [`${year}-10-08`], compensatory: [], joinsWeekend: false, noMakeUp: false }],
  days: [{ date, kind: 'holiday', name: '国庆节' }],
  notes: [{ sentence: 's', message: 'm' }],
});
const moves = { checked: 2, moves: [], recipients: { ou_a: [1, 2] } };

contract('holiday notices', (s) => {
  it('create: pending with content, needs_year without; get; a missing one', async () => {
    const { holidayNotices: n } = s();
    const a = await n.create({ text: '通知全文', content: content(2027), channel: 'chat', by: 'ou_adm', at: at('2026-11-01T00:00:00Z') });
    expect(a).toEqual({
      id: a.id,
      year: 2027,
      status: 'pending',
      text: '通知全文',
      contentHash: 'h2027',
      ...(({ year: _y, contentHash: _h, ...rest }) => rest)(content(2027)),
      channel: 'chat',
      createdBy: 'ou_adm',
      createdAt: at('2026-11-01T00:00:00Z'),
      importedBy: null,
      importedAt: null,
      moves: null,
      notifiedAt: null,
      version: 1,
    });
    const b = await n.create({ text: '没有年份', content: null, channel: 'cli', by: 'ou_adm', at: at('2026-11-01T00:00:00Z') });
    expect(b).toMatchObject({ year: null, status: 'needs_year', contentHash: null, festivals: [], days: [], notes: [], channel: 'cli' });
    expect(await n.get(a.id)).toEqual(a);
    expect(await n.get(9999)).toBeNull();
  });

  it('setContent only while waiting for a year, at the version read', async () => {
    const { holidayNotices: n } = s();
    const b = await n.create({ text: 't', content: null, channel: 'chat', by: 'ou_adm', at: at('2026-11-01T00:00:00Z') });
    expect(await n.setContent(b.id, 2, content(2027))).toBe(false);
    expect(await n.setContent(b.id, 1, content(2027))).toBe(true);
    expect(await n.setContent(b.id, 2, content(2028))).toBe(false);
    expect(await n.get(b.id)).toMatchObject({ status: 'pending', version: 2, year: 2027, days: content(2027).days });
  });

  it('cancel a pending or waiting notice once; not an imported one', async () => {
    const { holidayNotices: n } = s();
    const a = await n.create({ text: 't', content: content(2027), channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    const b = await n.create({ text: 't', content: null, channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    expect(await n.cancel(a.id, 1)).toBe(true);
    expect(await n.cancel(a.id, 2)).toBe(false);
    expect(await n.cancel(b.id, 1)).toBe(true);
    expect(await n.get(b.id)).toMatchObject({ status: 'cancelled', version: 2 });
    const c = await n.create({ text: 't', content: content(2027), channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    await n.commit({ id: c.id, version: 1, by: 'ou_adm', at: at('2026-11-02T00:00:00Z'), moves });
    expect(await n.cancel(c.id, 2)).toBe(false);
    expect(await n.commit({ id: a.id, version: 2, by: 'ou_adm', at: at('2026-11-02T00:00:00Z'), moves })).toBeNull();
  });

  it('commit: the first click imports, the year’s previous notice is replaced, current() and the schedules follow', async () => {
    const { holidayNotices: n, calendarData } = s();
    const a = await n.create({ text: 'a', content: content(2027, 'ha', '2027-10-01'), channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    const other = await n.create({ text: 'o', content: content(2028), channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    const done = await n.commit({ id: a.id, version: 1, by: 'ou_adm', at: at('2026-11-02T00:00:00Z'), moves });
    expect(done).toEqual({ ...a, status: 'imported', version: 2, importedBy: 'ou_adm', importedAt: at('2026-11-02T00:00:00Z'), moves });
    expect(await n.commit({ id: a.id, version: 1, by: 'ou_b', at: at('2026-11-02T00:00:01Z'), moves })).toBeNull();
    expect((await n.current(2027))!.id).toBe(a.id);
    expect(await n.current(2028)).toBeNull();
    await n.commit({ id: other.id, version: 1, by: 'ou_adm', at: at('2026-11-03T00:00:00Z'), moves });
    const b = await n.create({ text: 'b', content: content(2027, 'hb', '2027-10-02'), channel: 'chat', by: 'x', at: at('2026-12-01T00:00:00Z') });
    await n.commit({ id: b.id, version: 1, by: 'ou_adm', at: at('2026-12-02T00:00:00Z'), moves });
    expect(await n.get(a.id)).toMatchObject({ status: 'replaced', version: 2 });
    expect((await n.current(2027))!.id).toBe(b.id);
    expect(await calendarData.noticeSchedules()).toEqual([
      { year: 2028, days: content(2028).days },
      { year: 2027, days: content(2027, 'hb', '2027-10-02').days },
    ]);
  });

  it('markNotified sets the date once', async () => {
    const { holidayNotices: n } = s();
    const a = await n.create({ text: 'a', content: content(2027), channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    await n.markNotified(a.id, at('2026-11-03T00:00:00Z'));
    await n.markNotified(a.id, at('2026-11-04T00:00:00Z'));
    await n.markNotified(9999, at('2026-11-04T00:00:00Z'));
    expect(await n.get(a.id)).toMatchObject({ notifiedAt: at('2026-11-03T00:00:00Z'), version: 1 });
  });

  it('returns copies', async () => {
    const { holidayNotices: n } = s();
    const a = await n.create({ text: 'a', content: content(2027), channel: 'chat', by: 'x', at: at('2026-11-01T00:00:00Z') });
    a.festivals[0]!.workdays.push('x');
    (await n.get(a.id))!.days.push({ date: '2027-01-01', kind: 'holiday' });
    expect(await n.get(a.id)).toMatchObject({ festivals: content(2027).festivals, days: content(2027).days });
  });
});
