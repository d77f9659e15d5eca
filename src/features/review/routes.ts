// The review feature's buttons and list pages: each click goes to its use case, and its result to replies/.
import { page, route, type CardContext } from '../../bot/manifest.ts';
import type { PageValue } from '../../cards/paging.ts';
import type { CardResponse } from '../../inbound.ts';
import { reviewYear } from '../../model/review-year.ts';
import { approvalView, approveAll, publishedView, publishResults } from './approval.ts';
import { approveAllValue, batch2Value, publishValue, reviewReturnValue, reviewValue } from './buttons.ts';
import { onReturnForm, onReviewClick } from './decide.ts';
import type { ReviewDeps } from './deps.ts';
import { declarantProgress, reviewerQueue } from './progress.ts';
import { approvalSummaryCard, approveAllAnswer, NO_PUBLISHED, publishAnswer, publishedCard } from './replies/approval.ts';
import { reviewClickAnswer, timelineCard } from './replies/decisions.ts';
import { NOT_LINKED, progressCard, queueCard } from './replies/progress.ts';
import { batchAnswer, secondReviewCard } from './replies/second.ts';
import { toast } from './replies/toast.ts';
import { approveAllGreen, secondReviewView } from './second.ts';

export function reviewRoutes(deps: ReviewDeps) {
  return {
    review: route({
      audience: 'reviewer',
      value: reviewValue,
      run: async (ctx) => {
        const r = await onReviewClick(deps, { planId: ctx.value.plan, version: ctx.value.v, op: ctx.value.op, reviewer: ctx.person, log: ctx.log });
        if (r.status === 'detail') await ctx.reply.card(timelineCard(r.timeline));
        return reviewClickAnswer(r);
      },
    }),
    review_return: route({
      audience: 'reviewer',
      value: reviewReturnValue,
      run: async (ctx) =>
        reviewClickAnswer(await onReturnForm(deps, { planId: ctx.value.plan, version: ctx.value.v, form: ctx.action.formValue ?? {}, reviewer: ctx.person, log: ctx.log })),
    }),
    batch2: route({
      audience: 'reviewer',
      value: batch2Value,
      run: async (ctx) => batchAnswer(await approveAllGreen(deps, ctx.value.year, ctx.person, ctx.log)),
    }),
    approve_all: route({
      audience: 'reviewer',
      value: approveAllValue,
      run: async (ctx) => approveAllAnswer(await approveAll(deps, ctx.value.year, { openId: ctx.action.openId, channel: 'card' })),
    }),
    publish: route({
      audience: 'reviewer',
      value: publishValue,
      run: async (ctx) => publishAnswer(await publishResults(deps, ctx.value.year, { openId: ctx.action.openId, channel: 'card' }, ctx.log), ctx.value.year),
    }),
  };
}

/**
 * 上一页 / 下一页 of the review lists, for whoever the command served: a reviewer for the queue, 复审 and
 * 报批; a person linked to a unit for that unit's 进度 and its published results.
 */
export function reviewPages(deps: ReviewDeps) {
  const yearOf = async (ctx: CardContext<PageValue>) => ctx.value.year ?? (await reviewYear(deps, ctx.now)).year;
  const reviewer = (fn: (ctx: CardContext<PageValue>, year: number) => Promise<CardResponse['card']>) =>
    page({ audience: 'reviewer', run: async (ctx) => ({ card: await fn(ctx, await yearOf(ctx)) }) });
  return {
    progress: page({
      audience: 'declarant',
      run: async (ctx) => {
        const v = await declarantProgress(deps, ctx.person, ctx.value.p);
        return v ? { card: progressCard(v) } : toast('error', NOT_LINKED);
      },
    }),
    queue: reviewer(async (ctx) => queueCard(await reviewerQueue(deps, ctx.value.p))),
    pending: reviewer(async (ctx) => queueCard(await reviewerQueue(deps, ctx.value.p, { log: ctx.log }))),
    second: reviewer(async (ctx, y) => secondReviewCard(await secondReviewView(deps, y, ctx.value.p))),
    approval: reviewer(async (ctx, y) => approvalSummaryCard(await approvalView(deps, y, ctx.value.p))),
    published: page({
      audience: 'declarant',
      run: async (ctx) => {
        const v = await publishedView(deps, await yearOf(ctx), ctx.person.unitCode, ctx.value.p);
        return v ? { card: publishedCard(v) } : toast('info', NO_PUBLISHED);
      },
    }),
  };
}
