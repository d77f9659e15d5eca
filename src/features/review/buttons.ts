// The review feature's button values: their schemas (the card routes parse clicks with them) and builders.
// Decisions carry the plan version the card showed, so a second click or an outdated card decides nothing.
import { z } from 'zod';
import { crossValues } from '../../cards/actions.ts';

const planId = z.number().int().positive();
const version = z.number().int().positive();
const year = z.number().int();

export const REVIEW_OPS = ['approve', 'return', 'detail', 'back', 'approve2', 'reject2'] as const;
export type ReviewOp = (typeof REVIEW_OPS)[number];

/** A review card's buttons. */
export const reviewValue = z.object({ a: z.literal('review'), plan: planId, v: version, op: z.enum(REVIEW_OPS) }).strict();
/** The return form's submit (comment, fields and notes come in form_value). */
export const reviewReturnValue = z.object({ a: z.literal('review_return'), plan: planId, v: version }).strict();
/** 复审: approve every plan of the year whose checklist is all green. */
export const batch2Value = z.object({ a: z.literal('batch2'), year }).strict();
/** Record the municipal approval of every plan sent for approval in the year. */
export const approveAllValue = z.object({ a: z.literal('approve_all'), year }).strict();
/** Publish the year's results to the units. */
export const publishValue = z.object({ a: z.literal('publish'), year }).strict();

type Versioned = { id: number; version: number };

/** Every value a review card of this plan version may carry, for the card mapper to place. */
export function reviewCardValues(plan: Versioned) {
  const op = (o: ReviewOp): z.infer<typeof reviewValue> => ({ a: 'review', plan: plan.id, v: plan.version, op: o });
  return {
    approve: op('approve'),
    return: op('return'),
    detail: op('detail'),
    back: op('back'),
    approve2: op('approve2'),
    reject2: op('reject2'),
    submitReturn: { a: 'review_return', plan: plan.id, v: plan.version } satisfies z.infer<typeof reviewReturnValue>,
  };
}

export const batch2 = (y: number): z.infer<typeof batch2Value> => ({ a: 'batch2', year: y });
export const approveAll = (y: number): z.infer<typeof approveAllValue> => ({ a: 'approve_all', year: y });
export const publish = (y: number): z.infer<typeof publishValue> => ({ a: 'publish', year: y });

/** 修改 on a returned plan's notice: handled by the declaration feature's `revise` route (cards/actions.ts). */
export const revise = crossValues.revise;
