// The lists that are summaries plus a command: reminders for a unit with 150 returned plans and for
// reviewers with 500 plans waiting. Each card well inside Feishu's limits. (An uploaded form with 150 rows:
// test/features/excel/long-upload.test.ts.)
import { createStores } from '../../src/db/stores.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { manyUnits, seedPlans } from '../support/bulk.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { HEADROOM, printMeasured, record, sizeOf } from '../support/pages.ts';
import { cardText } from '../support/transcript.ts';

const DECL = 'ou_ld_decl_hrss01';
const REVIEWER = 'ou_ld_reviewer001';
const at = (iso: string) => new Date(`${iso}+08:00`);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: at('2026-08-03T10:00:00') });
  await createStores(h.db).registry.saveUnits([{ code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 900, contactName: null, contactMobile: null }, ...manyUnits(70)]);
  await h.db.user.createMany({ data: [{ openId: DECL, name: '李明', role: 'declarant', unitCode: '101001' }, { openId: REVIEWER, name: '审核员甲', role: 'reviewer' }] });
  // The unit's 150 drafts (they used to come from an uploaded form, now tested on the fast seam).
  await seedPlans(h, { unitCode: '101001', year: 2027, count: 150, status: 'DRAFT', at: at('2026-08-03T10:00:00') });
}, 60_000);
afterAll(async () => {
  printMeasured();
  await h.stop();
});
afterEach(() => h.lintSentCards());

const within = (card: unknown, label: string) => {
  const s = sizeOf(card);
  expect(s.bytes, `${label}: bytes`).toBeLessThanOrEqual(HEADROOM.bytes);
  expect(s.elements, `${label}: elements`).toBeLessThanOrEqual(HEADROOM.elements);
  record(label, [s]);
};

async function job(name: string, now: string) {
  const code = await runCli(['jobs:run', name, '--now', now], { DATABASE_URL: h.config.databaseUrl, LOG_LEVEL: 'silent' }, () => {});
  expect(code).toBe(0);
  await new Promise((r) => setTimeout(r, 250));
  await h.bot.idle();
}

describe('reminders with long lists', () => {
  it('a unit with 150 returned plans gets one card: 7 in full, the rest counted, and what to send', async () => {
    await h.db.plan.updateMany({ where: { unitCode: '101001' }, data: { status: 'RETURNED', submittedAt: at('2026-07-30T10:00:00') } });
    const before = h.stub.messagesTo(DECL).length;
    await job('reminders', '2026-08-07T09:00:00+08:00');
    const cards = h.stub.messagesTo(DECL).slice(before).filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!.content);
    expect(text.match(/\[修改\]/g)).toHaveLength(7);
    expect(text).toMatch(/……另有 143 项：2027-\d{3} 待修改；.* 等。发送「我的申报」查看全部。/);
    expect(text).toContain('发送「我的申报」可重新查看');
    within(cards[0]!.content, '修改提醒（150 个退回）');
  });

  it('reviewers at 16:00 with 500 plans submitted that day: the first 20 named, the rest counted', async () => {
    h.clock.set(at('2026-08-06T10:00:00'));
    await seedPlans(h, { unitCode: '101001', year: 2027, count: 150, status: 'SUBMITTED', at: at('2026-08-06T08:00:00') });
    for (const u of manyUnits(70)) await seedPlans(h, { unitCode: u.code, year: 2027, count: 5, status: 'SUBMITTED', at: at('2026-08-06T09:00:00') });
    await job('review-reminders', '2026-08-06T16:00:00+08:00');
    const card = h.stub.messagesTo(REVIEWER).filter((m) => m.msgType === 'interactive').at(-1)!;
    const text = cardText(card.content);
    expect(text).toContain('今天提交的 500 个计划还没有初审');
    expect(text.match(/^- 2027-\d{3} /gm)).toHaveLength(20);
    expect(text).toContain('……另有 480 个，发送「进度」查看全部待审计划');
    within(card.content, '初审提醒（500 个）');
  });
});
