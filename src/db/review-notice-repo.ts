import type { ReviewCards } from '../ports/review.ts';
import { isUniqueViolation, type Db } from './prisma.ts';

export function createReviewCards(db: Db): ReviewCards {
  return {
    async record(n) {
      try {
        await db.reviewNotice.create({ data: { planId: n.planId, planVersion: n.planVersion, stage: n.stage, outboxKey: n.outboxKey, createdAt: n.at } });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // already recorded (the same card sent again is one card)
      }
    },
    async forPlan(planId) {
      return db.reviewNotice.findMany({ where: { planId }, orderBy: { id: 'asc' }, select: { outboxKey: true, planVersion: true, stage: true } });
    },
  };
}
