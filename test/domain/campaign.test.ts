import { describe, expect, it } from 'vitest';
import { currentCampaignYear, declareRefusal, defaultCampaign, phaseAt, withDates, type Campaign } from '../../src/domain/campaign.ts';
import { formatDeadline } from '../../src/domain/dates.ts';

const c2027 = defaultCampaign(2027);

describe('campaign calendar of plan year 2027', () => {
  it('takes the notice\'s dates in 2026, Beijing time', () => {
    expect(c2027.opensAt.toISOString()).toBe('2026-07-24T16:00:00.000Z');
    expect(c2027.declareClosesAt.toISOString()).toBe('2026-08-05T16:00:00.000Z');
    expect(c2027.reviseClosesAt.toISOString()).toBe('2026-08-10T16:00:00.000Z');
    expect(c2027.backfillClosesAt.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(formatDeadline(c2027.declareClosesAt)).toBe('2026年8月5日 23:59');
  });

  it.each([
    ['2026-07-24T23:59:59.999+08:00', 'not_open', false, false],
    ['2026-07-25T00:00:00.000+08:00', 'declaring', true, true],
    ['2026-08-05T23:59:59.999+08:00', 'declaring', true, true],
    ['2026-08-06T00:00:00.000+08:00', 'revising', false, true],
    ['2026-08-10T23:59:59.999+08:00', 'revising', false, true],
    ['2026-08-11T00:00:00.000+08:00', 'second_review', false, false],
    // The same instants written in UTC and in another zone give the same answers.
    ['2026-08-05T15:59:59.999Z', 'declaring', true, true],
    ['2026-08-05T16:00:00.000Z', 'revising', false, true],
    ['2026-08-05T11:00:00.000-05:00', 'revising', false, true],
  ])('at %s the phase is %s (declare %s, revise %s)', (at, phase, canDeclare, canRevise) => {
    expect(phaseAt(c2027, new Date(at))).toMatchObject({ phase, canDeclare, canRevise });
  });

  it('is published once results are published', () => {
    const published = { ...c2027, publishedAt: new Date('2026-11-01T10:00:00+08:00') };
    expect(phaseAt(published, new Date('2026-11-02T00:00:00+08:00'))).toMatchObject({ phase: 'published', published: true });
  });

  it('accepts admin dates and refuses an impossible order', () => {
    const r = withDates(c2027, { declareBy: '2026-08-07', reviseBy: '2026-08-12' });
    expect(r.ok && formatDeadline(r.campaign.declareClosesAt)).toBe('2026年8月7日 23:59');
    expect(withDates(c2027, { declareBy: '2026-08-12', reviseBy: '2026-08-10' })).toMatchObject({ ok: false });
    expect(withDates(c2027, { opens: '2026-08-06' })).toMatchObject({ ok: false });
  });

  it.each([
    ['2026-03-01T09:00:00+08:00', 2027],
    ['2026-08-10T23:59:59+08:00', 2027],
    ['2026-08-11T00:00:00+08:00', 2028],
    ['2026-12-31T23:00:00+08:00', 2028],
  ])('at %s people work on plan year %i', (at, year) => {
    expect(currentCampaignYear(new Date(at), [])).toBe(year);
  });

  it('a stored campaign with later dates keeps its year current longer', () => {
    const late = withDates(defaultCampaign(2027), { reviseBy: '2026-08-20' });
    expect(late.ok && currentCampaignYear(new Date('2026-08-15T09:00:00+08:00'), [late.campaign])).toBe(2027);
  });
});

describe('between campaigns, a unit asking to declare is told when it opens, never a date to come as gone by', () => {
  // As declarantOf reads it: the current plan year, its stored campaign (or the notice's dates), the year before.
  const refusal = (at: string, stored: Campaign[]) => {
    const now = new Date(at);
    const year = currentCampaignYear(now, stored);
    const set = stored.find((c) => c.year === year);
    return declareRefusal(set ?? defaultCampaign(year), now, { set: !!set, previous: defaultCampaign(year - 1) });
  };
  const set2028 = withDates(defaultCampaign(2028), { opens: '2027-07-25', declareBy: '2027-08-05', reviseBy: '2027-08-10' });
  const stored = set2028.ok ? [set2028.campaign] : [];
  const OPENS = '2028年度培训计划申报将于2027年7月25日开始，2027年8月5日 23:59 截止。届时发送「申报」即可填报。';
  const NOT_SET = '2028年度培训计划申报尚未开放，开始和截止日期以当年的申报通知为准。如需了解安排，请联系系统管理员或市人力资源社会保障局职建科（0772-2825472）。';
  const CLOSED_2027 = '2027年度培训计划的申报和修改已于 2026年8月10日 23:59 截止。';

  it.each([
    ['2026-12-01T10:00:00+08:00', stored, CLOSED_2027 + OPENS],
    ['2027-03-01T10:00:00+08:00', stored, CLOSED_2027 + OPENS],
    ['2027-07-24T23:59:59+08:00', stored, CLOSED_2027 + OPENS], // the day before opening
    ['2027-07-25T00:00:00+08:00', stored, null], // open
    ['2026-12-01T10:00:00+08:00', [], CLOSED_2027 + NOT_SET],
    ['2027-03-01T10:00:00+08:00', [], CLOSED_2027 + NOT_SET],
    ['2027-07-24T12:00:00+08:00', [], CLOSED_2027 + NOT_SET],
    [
      '2027-08-06T09:00:00+08:00',
      stored,
      '2028年度培训计划的申报已于 2027年8月5日 23:59 截止，不再受理新的申报。被退回的计划可在 2027年8月10日 23:59 前修改后重新提交（发送「我的申报」查看）。',
    ],
    // After 2028's system closed, the next year is the one asked about; nobody has set it yet.
    ['2027-08-11T09:00:00+08:00', stored, '2028年度培训计划的申报和修改已于 2027年8月10日 23:59 截止。2029年度培训计划申报尚未开放，开始和截止日期以当年的申报通知为准。如需了解安排，请联系系统管理员或市人力资源社会保障局职建科（0772-2825472）。'],
  ] as const)('at %s (%j stored)', (at, campaigns, expected) => {
    expect(refusal(at, [...campaigns])).toBe(expected);
  });

  it('a campaign closed for good says so', () => {
    expect(declareRefusal(c2027, new Date('2026-08-11T00:00:00+08:00'), { set: true })).toContain('2027年度培训计划的申报和修改已于 2026年8月10日 23:59 截止，系统已关闭');
  });
});
