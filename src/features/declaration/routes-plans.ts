// The buttons of 我的申报 and last year's list (查看, 继续填写, 撤回, 复制为新计划, 从上一年度复制, 本年度无培训计划)
// and their pages. Each runs its use case; what is said comes from the replies.
import { page, route, type LinkedPerson } from '../../bot/manifest.ts';
import { copiedData } from '../../domain/plan-copy.ts';
import type { CardResponse } from '../../inbound.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import { lastYearValue, noPlanValue, planValue } from './buttons.ts';
import type { DeclarationDeps } from './deps.ts';
import { uneditable } from './editable.ts';
import { lastYearPlans, myPlans, withdraw } from './my-plans.ts';
import { recordNoPlan } from './no-plan.ts';
import { ownPlan } from './own-plan.ts';
import { toasts } from './replies.ts';
import { copiedText, lastYearCard, myPlansCard, noPlanSaid, notRecordedCard } from './replies-plans.ts';
import { startSaid, uneditableText } from './replies-session.ts';
import { summaryCardOf } from './replies-steps.ts';
import { send } from './said.ts';
import { startDeclaration } from './start.ts';
import { summaryOf } from './view.ts';

export function planRoutes(deps: DeclarationDeps) {
  const declarant = (person: LinkedPerson) => declarantOf(deps, person, deps.clock.now());
  return {
    plan: route({
      audience: 'declarant',
      value: planValue,
      run: async (ctx): Promise<CardResponse> => {
        const own = await ownPlan(deps, ctx.person, ctx.value.plan);
        if (own.status === 'refused') return own.reason === 'unit_missing' ? toasts.unitGone : toasts.planMissing;
        const { d, plan } = own;
        switch (ctx.value.op) {
          case 'open':
            await ctx.reply.card(summaryCardOf(await summaryOf(deps, d, plan)));
            return toasts.detailsSent(plan);
          case 'edit': {
            // The toast says what the chat will say: a plan that cannot be filled now is refused in both.
            const why = await uneditable(deps, d, plan);
            if (why) return toasts.failed(uneditableText(why));
            await send(ctx.reply, startSaid(await startDeclaration(deps, ctx.person, ctx.log, { planId: plan.id })));
            return toasts.continuing(plan);
          }
          case 'copy':
            await send(ctx.reply, startSaid(await startDeclaration(deps, ctx.person, ctx.log, { data: copiedData(plan, d.year) })));
            await ctx.reply.text(copiedText(plan));
            return toasts.copied;
          case 'withdraw': {
            const r = await withdraw(deps, ctx.person.openId, plan, ctx.value.v);
            if (r.status === 'withdrawn') return toasts.withdrawn(plan, myPlansCard(await myPlans(deps, d, ctx.value.pg)));
            return r.reason === 'stale' ? toasts.stale(myPlansCard(await myPlans(deps, d, ctx.value.pg))) : toasts.failed(r.message);
          }
        }
      },
    }),
    last_year: route({
      audience: 'declarant',
      value: lastYearValue,
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return toasts.unitGone;
        await ctx.reply.card(lastYearCard(await lastYearPlans(deps, d)));
        return toasts.lastYearSent;
      },
    }),
    no_plan: route({
      audience: 'declarant',
      value: noPlanValue,
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return toasts.unitGone;
        if (ctx.value.year !== d.year) return toasts.cardExpired;
        if (!ctx.value.yes) return toasts.notRecorded(notRecordedCard());
        const said = noPlanSaid(await recordNoPlan(deps, d, ctx.person.openId));
        if ('refusal' in said) return toasts.failed(said.refusal);
        await ctx.reply.text(said.text);
        return toasts.recorded(said.card);
      },
    }),
  };
}

/** 上一页 / 下一页 of 我的申报 and of last year's plans: the unit is the clicker's, as for the first page. */
export function planPages(deps: DeclarationDeps) {
  const list = (card: (d: Declarant, p: number) => Promise<CardResponse['card']>) =>
    page({
      audience: 'declarant',
      run: async (ctx) => {
        const d = await declarantOf(deps, ctx.person, deps.clock.now());
        return d ? { card: await card(d, ctx.value.p) } : toasts.unitGone;
      },
    });
  return {
    my_plans: list(async (d, p) => myPlansCard(await myPlans(deps, d, p))),
    last_year: list(async (d, p) => lastYearCard(await lastYearPlans(deps, d, p))),
  };
}
