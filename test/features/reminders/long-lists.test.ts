// The lists that are summaries plus a command: reminders for a unit with 150 returned plans and for
// reviewers with 500 plans waiting. Each card well inside Feishu's limits. On the fast seam, plans seeded
// through the plans port. (Moved from test/e2e/long-lists-digests.test.ts. An uploaded form with 150 rows:
// test/features/excel/long-upload.test.ts.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import { manyUnits, seedPlansIn, type SeedSpec } from '../../support/bulk.ts';
import { world, type World } from '../../support/converse.ts';
import { HEADROOM, printMeasured, record, sizeOf } from '../../support/pages.ts';
import { cardText } from '../../support/transcript.ts';

const DECL = 'ou_ld_decl_hrss01';
const REVIEWER = 'ou_ld_reviewer001';
const at = (iso: string) => new Date(`${iso}+08:00`);

let w: World;

/** Plans as seedPlans made them in the database: created, then (unless drafts) `status` since `at` + k minutes. */
async function seed(s: SeedSpec) {
  const ids = await seedPlansIn(w.stores, { ...s, status: 'DRAFT' });
  if (s.status === 'DRAFT') return ids;
  for (const [k, id] of ids.entries()) await move(id, s.status, new Date(s.at.getTime() + k * 60_000));
  return ids;
}

/** One plan to `status`, submitted at `submittedAt`, through the plans port. */
async function move(id: number, status: PlanStatus, submittedAt: Date) {
  const p = (await w.stores.plans.get(id))!;
  await w.stores.plans.update({ id, version: p.version, status, submittedAt, event: { at: submittedAt, actor: 'cli', action: 'seed', fromStatus: p.status, toStatus: status, comment: null, changes: null, channel: 'cli' } });
}

beforeAll(async () => {
  w = await world({ start: at('2026-08-03T10:00:00') });
  await w.stores.registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 900, contactName: null, contactMobile: null }, ...manyUnits(70)]);
  await w.stores.roster.bind(DECL, '101001', '李明');
  await w.stores.roster.grant(REVIEWER, 'reviewer', '审核员甲');
  // The unit's 150 drafts (they used to come from an uploaded form, now tested on the fast seam).
  await seed({ unitCode: '101001', year: 2027, count: 150, status: 'DRAFT', at: at('2026-08-03T10:00:00') });
}, 60_000);
afterAll(() => printMeasured());
afterEach(() => w.lintSentCards());

const within = (card: unknown, label: string) => {
  const s = sizeOf(card);
  expect(s.bytes, `${label}: bytes`).toBeLessThanOrEqual(HEADROOM.bytes);
  expect(s.elements, `${label}: elements`).toBeLessThanOrEqual(HEADROOM.elements);
  record(label, [s]);
};

describe('reminders with long lists', () => {
  it('a unit with 150 returned plans gets one card: 7 in full, the rest counted, and what to send', async () => {
    for (const p of await w.stores.plans.list({ unitCode: '101001' })) await move(p.id, 'RETURNED', at('2026-07-30T10:00:00'));
    const before = w.messenger.to(DECL).length;
    await w.job('reminders', new Date('2026-08-07T09:00:00+08:00'));
    const cards = w.messenger.to(DECL).slice(before).filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!.content);
    expect(text.match(/\[修改\]/g)).toHaveLength(7);
    expect(text).toMatch(/……另有 143 项：2027-\d{3} 待修改；.* 等。发送「我的申报」查看全部。/);
    expect(text).toContain('发送「我的申报」可重新查看');
    within(cards[0]!.content, '修改提醒（150 个退回）');
  });

  it('reviewers at 16:00 with 500 plans submitted that day: the first 20 named, the rest counted', async () => {
    w.clock.set(at('2026-08-06T10:00:00'));
    await seed({ unitCode: '101001', year: 2027, count: 150, status: 'SUBMITTED', at: at('2026-08-06T08:00:00') });
    for (const u of manyUnits(70)) await seed({ unitCode: u.code, year: 2027, count: 5, status: 'SUBMITTED', at: at('2026-08-06T09:00:00') });
    await w.job('review-reminders', new Date('2026-08-06T16:00:00+08:00'));
    const card = w.messenger.to(REVIEWER).filter((m) => m.msgType === 'interactive').at(-1)!;
    const text = cardText(card.content);
    expect(text).toContain('今天提交的 500 个计划还没有初审');
    expect(text.match(/^- 2027-\d{3} /gm)).toHaveLength(20);
    expect(text).toContain('……另有 480 个，发送「进度」查看全部待审计划');
    within(card.content, '初审提醒（500 个）');
  });
});
