// The holiday notice through the real webhook and card callbacks: what only the running process does. The
// calendar itself (the weekly card, the notice's card, 确认导入, the moved due dates, refusals) is tested on the
// fast seam: test/features/calendar/calendar.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { transcript } from '../support/transcript.ts';

const ADMIN = 'ou_cal_admin_0001';
const NOTICE = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/holiday-notices/2027-sample.txt'), 'utf8');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: new Date('2026-11-05T10:00:00+08:00') });
  await h.db.user.create({ data: { openId: ADMIN, name: '管理员甲', role: 'admin' } });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

describe('an admin confirms the notice', () => {
  it('the same 确认导入 click, delivered again, gets the same answer (the inbox keeps it once)', async () => {
    const t = transcript(h, ADMIN);
    expect((await t.say(NOTICE))[0]).toContain('# 2027年节假日安排（待确认）');
    const first = await t.click('确认导入');
    expect(first.toast).toMatchObject({ type: 'success', content: '已导入2027年节假日安排' });
    const again = await t.click('确认导入'); // the same click, delivered again: the same answer
    expect(again.toast?.content).toBe('已导入2027年节假日安排');
    expect(await h.db.holidayNotice.count({ where: { status: 'imported' } })).toBe(1);
  });
});
