// The declaration's use cases as tables of tagged results, with what the declarant is told for each.
import { describe, expect, it } from 'vitest';
import { defaultCampaign, type Campaign } from '../../../src/domain/campaign.ts';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import { declarantOf } from '../../../src/model/declarant.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import type { CampaignStore, StoredUnit, UnitRegistry } from '../../../src/ports/reference.ts';
import { deadlines } from '../../../src/features/declaration/deadline.ts';
import { uneditable } from '../../../src/features/declaration/editable.ts';
import { deadlineText } from '../../../src/features/declaration/replies.ts';
import { uneditableText } from '../../../src/features/declaration/replies-session.ts';

const at = (iso: string) => new Date(`${iso}+08:00`);
const UNITS: StoredUnit[] = [
  { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null, contactOpenId: null },
  { code: '103001', name: '柳州市教育局', parentCode: null, staffCount: 90, contactName: null, contactMobile: null, contactOpenId: null },
];
const registry: UnitRegistry = { units: async () => UNITS, unit: async (code) => UNITS.find((u) => u.code === code) ?? null, saveUnits: async () => {}, setContactOpenIds: async () => {} };
/** Campaigns as the admin set them (none: every year has the notice's usual dates). */
function campaigns(stored: Campaign[] = []): CampaignStore {
  return { get: async (y) => stored.find((c) => c.year === y) ?? null, all: async () => stored, save: async () => {}, mark: async () => true };
}

function plan(p: { unitCode?: string; status: PlanStatus; year?: number }): PlanRecord {
  const when = at('2026-08-01T10:00:00');
  return { id: 7, year: p.year ?? 2027, number: '2027-007', unitCode: p.unitCode ?? '101001', budgetCode: null, status: p.status, version: 3, data: {}, createdBy: 'ou_x', createdAt: when, updatedAt: when, submittedAt: null };
}

describe('whether a declarant may fill a plan now (继续填写, 修改, a conversation going on)', () => {
  it.each([
    ['a draft of their unit while declaring', { status: 'DRAFT' }, '2026-08-03T10:00:00', null, null],
    ['a returned plan while declaring', { status: 'RETURNED' }, '2026-08-03T10:00:00', null, null],
    ['a draft made before the campaign opens', { status: 'DRAFT' }, '2026-07-20T10:00:00', null, null],
    ['a returned plan after the declaration deadline, before the revision deadline', { status: 'RETURNED' }, '2026-08-08T10:00:00', null, null],
    ['a plan of another unit', { status: 'DRAFT', unitCode: '103001' }, '2026-08-03T10:00:00', 'not_yours', '这个计划不属于您的单位。'],
    ['a submitted plan', { status: 'SUBMITTED' }, '2026-08-03T10:00:00', 'not_editable', '计划 2027-007 已提交，不能再修改。发送「我的申报」查看。'],
    ['an approved plan', { status: 'APPROVED' }, '2026-08-03T10:00:00', 'not_editable', '计划 2027-007 已提交，不能再修改。发送「我的申报」查看。'],
    ['a deleted draft', { status: 'DISCARDED' }, '2026-08-03T10:00:00', 'not_editable', '计划 2027-007 已删除，不能再修改。发送「我的申报」查看。'],
    ['a draft after the declaration deadline', { status: 'DRAFT' }, '2026-08-06T00:00:01', 'closed', '2027年度培训计划的申报已于 2026年8月5日 23:59 截止，不再受理新的申报。'],
    ['a returned plan after the revision deadline (the next year is current by then)', { status: 'RETURNED' }, '2026-08-11T09:00:00', 'closed', '2027年度培训计划的申报和修改已于 2026年8月10日 23:59 截止，系统已关闭'],
  ] as const)('%s', async (_name, p, now, reason, told) => {
    const clock = { now: () => at(now) };
    const d = (await declarantOf({ registry, campaigns: campaigns() }, { openId: 'ou_x', name: '李明', role: 'declarant', unitCode: '101001' }, clock.now()))!;
    const why = await uneditable({ campaigns: campaigns(), clock }, d, plan(p));
    expect(why?.reason ?? null).toBe(reason);
    if (why) expect(uneditableText(why)).toContain(told);
  });
});

describe('截止时间: the campaign as of now, and what can be done', () => {
  const NEXT = { ...defaultCampaign(2028) };
  it.each([
    ['before the notice, the usual dates are said to be only that', [], '2026-07-20T10:00:00', '2027年度培训计划的申报通知还没有发布。往年的安排如下，以当年的通知为准：\n开始申报：2026年7月25日', null],
    ['while declaring: the days left', [], '2026-08-03T10:00:00', '2027年度培训计划\n开始申报：2026年7月25日\n申报截止：2026年8月5日 23:59', '现在可以申报，距申报截止还有 2 天。发送「申报」开始。'],
    ['on the last day', [], '2026-08-05T12:00:00', '申报截止：2026年8月5日 23:59', '现在可以申报，今天截止。发送「申报」开始。'],
    ['while returned plans are revised', [], '2026-08-07T10:00:00', '修改截止：2026年8月10日 23:59（之后系统关闭）', '申报已截止；被退回的计划可以修改后重新提交，还有 3 天。发送「我的申报」查看。'],
    ['on the last day of revising', [], '2026-08-10T12:00:00', '修改截止：2026年8月10日 23:59（之后系统关闭）', '申报已截止；被退回的计划可以修改后重新提交，今天截止。发送「我的申报」查看。'],
    ['after the close, the next year not announced', [], '2026-12-01T10:00:00', '2028年度培训计划的申报通知还没有发布。', null],
    ['after the close, the next year announced', [NEXT], '2026-12-01T10:00:00', '2028年度培训计划\n开始申报：2027年7月25日', '申报尚未开始。'],
  ] as const)('%s', async (_name, stored, now, dates, where) => {
    const text = deadlineText(await deadlines({ campaigns: campaigns([...stored]) }, at(now)));
    expect(text).toContain(dates);
    if (where) expect(text.split('\n').at(-1)).toBe(where);
    else expect(text).not.toContain('发送「申报」开始');
  });
});
