// The same conversation on the in-memory twins and on Prisma: plans declared by form and submitted, one
// returned, revised and resubmitted, both approved, and the lists both sides look at. Every message the
// people got, in order (cards as they look at the end), must read the same.
import { expect, it } from 'vitest';
import { createStores } from '../../src/db/stores.ts';
import type { Stores } from '../../src/ports/index.ts';
import { messageText } from '../support/transcript.ts';
import { createFakeStores } from '../support/fakes.ts';
import { tempDb } from '../support/temp-db.ts';
import { decide, DECLARING, FIN, HRSS, REVIEWER_A, REVIEWER_B, reviewWorld, submitted } from '../features/review/helpers.ts';

async function conversation(stores: Stores): Promise<string[]> {
  const w = await reviewWorld({ stores });
  // Business time held still at each step, so both runs show the same minutes.
  const step = async <T>(f: () => Promise<T>) => {
    w.clock.set(DECLARING);
    return f();
  };
  const number = await step(() => submitted(w, HRSS));
  const other = await step(() => submitted(w, FIN, { title: '2027年度财政业务培训班' }));
  const returned = await step(() => decide(w, REVIEWER_A, number, 'review_return', { comment: '请补充培训对象', fields: ['audience'] }));
  expect(returned.toast?.type).toBe('success');
  await step(() => w.as(HRSS).say('我的申报'));
  await step(() => w.as(HRSS).click('修改'));
  await step(() => w.as(HRSS).say('业务科室全体工作人员'));
  expect((await step(() => w.as(HRSS).say('提交'))).join('\n')).toContain(`已提交 · ${number}`);
  await step(() => decide(w, REVIEWER_B, number, 'approve'));
  await step(() => decide(w, REVIEWER_B, other, 'approve'));
  await step(() => w.as(REVIEWER_A).say('待审'));
  await step(() => w.as(FIN).say('我的申报'));
  const people = [HRSS, FIN, REVIEWER_A, REVIEWER_B];
  return w.messenger
    .all()
    .filter((m) => people.includes(m.receiveId))
    .map((m) => `${m.receiveId} ${m.op} ${m.msgType}\n${messageText(m)}\n${m.msgType === 'interactive' ? JSON.stringify(w.messenger.cardNow(m.messageId)) : ''}`);
}

it('one conversation reads the same on the fakes and on Prisma', async () => {
  const fake = await conversation(createFakeStores());
  const db = await tempDb();
  try {
    const prisma = await conversation(createStores(db.db));
    expect(fake.length).toBeGreaterThan(10);
    expect(fake).toEqual(prisma);
  } finally {
    await db.cleanup();
  }
});
