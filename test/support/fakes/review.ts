// The twin of db/review-notice-repo.ts and db/reminder-log-repo.ts: which review cards went out for a plan,
// and which reminders (and reminder slots) went out.
import type { ReminderLog, ReviewCards } from '../../../src/ports/review.ts';
import { copyDate, toJson, type FakeDb } from './db.ts';

export function createFakeReviewCards(db: FakeDb): ReviewCards {
  return {
    async record(n) {
      // Already recorded (the same card sent again is one card): the unique outbox key.
      if ([...db.reviewNotices.values()].some((r) => r.outboxKey === n.outboxKey)) return;
      const id = db.ids.reviewNotice();
      db.reviewNotices.set(id, { id, planId: n.planId, planVersion: n.planVersion, stage: n.stage, outboxKey: n.outboxKey, createdAt: copyDate(n.at) });
    },
    async forPlan(planId) {
      return [...db.reviewNotices.values()]
        .filter((r) => r.planId === planId)
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ outboxKey: r.outboxKey, planVersion: r.planVersion, stage: r.stage }));
    },
  };
}

export function createFakeReminderLog(db: FakeDb): ReminderLog {
  return {
    async claim(p) {
      if (db.reminders.has(p.key)) return false;
      db.reminders.set(p.key, { key: p.key, recipient: p.recipient, slots: toJson(p.slots), items: toJson(p.items), createdAt: copyDate(p.at) });
      return true;
    },
    async processed(slotIds) {
      return new Set(slotIds.filter((id) => db.reminders.has(`slot:${id}`)));
    },
  };
}
