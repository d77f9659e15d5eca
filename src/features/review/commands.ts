// What the review commands do once their words are read (manifest.ts): each calls its use case and says
// the result through replies/.
import { yearArg } from '../../bot/commands.ts';
import type { CommandContext } from '../../bot/manifest.ts';
import { may } from '../../domain/people.ts';
import { reviewYear } from '../../model/review-year.ts';
import { similarPairsOfYear } from '../../model/similar.ts';
import { recordApprovals, sendForApproval } from './approval.ts';
import type { ReviewDeps } from './deps.ts';
import { sendAllForReview } from './notify.ts';
import { anyWaitingFirstReview, declarantProgress, reviewerQueue } from './progress.ts';
import { APPROVAL_USAGE, approvalProblemText, publishConfirmCard, recordedText, sendForApprovalReply } from './replies/approval.ts';
import { NOT_LINKED, NOTHING_PENDING, progressCard, queueCard } from './replies/progress.ts';
import { notYetText, nothingAwaitingText, secondReviewCard } from './replies/second.ts';
import { similarCard } from './replies/similar.ts';
import { secondReview } from './second.ts';
import type { ApprovalResult } from './types.ts';

export function reviewHandlers(deps: ReviewDeps) {
  const year = async (ctx: CommandContext) => (await reviewYear(deps, ctx.now, yearArg(ctx.args))).year;
  return {
    /** 进度: a reviewer's queue, and the plans of the person's unit. */
    async progress(ctx: CommandContext<'anyone'>) {
      const reviewer = may(ctx.person, 'reviewer');
      if (reviewer) await ctx.reply.card(queueCard(await reviewerQueue(deps)));
      if (ctx.person?.unitCode) {
        const v = await declarantProgress(deps, { ...ctx.person, unitCode: ctx.person.unitCode });
        if (v) await ctx.reply.card(progressCard(v));
      }
      if (!reviewer && !ctx.person?.unitCode) await ctx.reply.text(NOT_LINKED);
    },
    /** 待审: the queue's first page, whose plans' review cards are sent again. */
    async pending(ctx: CommandContext<'reviewer'>) {
      if (!(await anyWaitingFirstReview(deps))) return ctx.reply.text(NOTHING_PENDING);
      await ctx.reply.card(queueCard(await reviewerQueue(deps, 1, { log: ctx.log })));
    },
    /** 复审: the list first, then the cards it announces. */
    async secondReview(ctx: CommandContext<'reviewer'>, o: { allCards: boolean }) {
      const r = await secondReview(deps, await year(ctx), o);
      if (r.status === 'not_yet') return ctx.reply.text(notYetText(r.notYet));
      if (r.status === 'empty') return ctx.reply.text(nothingAwaitingText(r.year));
      await ctx.reply.card(secondReviewCard(r.view));
      await sendAllForReview(deps, r.cards, 'second', ctx.log);
    },
    async sendForApproval(ctx: CommandContext<'reviewer'>) {
      const said = sendForApprovalReply(await sendForApproval(deps, await year(ctx), { openId: ctx.openId, channel: 'chat' }, ctx.log));
      await ('text' in said ? ctx.reply.text(said.text) : ctx.reply.card(said.card));
    },
    /** 审批 2027-001 不通过 理由 (null: the arguments did not read as that). */
    async recordApproval(ctx: CommandContext<'reviewer'>, result: ApprovalResult | null) {
      if (!result) return ctx.reply.text(APPROVAL_USAGE);
      const r = await recordApprovals(deps, [result], { openId: ctx.openId, channel: 'chat' });
      await ctx.reply.text(r.recorded ? recordedText(result.number, result.approved) : r.problems.map(approvalProblemText).join('；'));
    },
    async similar(ctx: CommandContext<'reviewer'>) {
      const y = await year(ctx);
      await ctx.reply.card(similarCard(y, await similarPairsOfYear(deps, y)));
    },
    /** 公布 asks first: the button publishes. */
    async publish(ctx: CommandContext<'reviewer'>) {
      await ctx.reply.card(publishConfirmCard(await year(ctx)));
    },
  };
}
