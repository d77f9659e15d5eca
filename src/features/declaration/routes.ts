// The buttons of a declaration in progress: 开始申报 / 表单申报, a choice on a question card, the summary's
// 提交 / 保存草稿 / 填写情况说明 / 取消 and its menu, the confirmation of 取消, the form's submit, and 修改 on a
// returned plan. Each runs its use case; what is said comes from the replies.
import { route, type LinkedPerson } from '../../bot/manifest.ts';
import { PLAN_FIELDS, type PlanFieldKey } from '../../domain/plan.ts';
import { declarantOf } from '../../model/declarant.ts';
import { answerValue, cancelConfirmValue, declareValue, editFieldValue, formOpenValue, formSubmitValue, reviseValue, summaryValue } from './buttons.ts';
import { loadConversation } from './conversation.ts';
import type { DeclarationDeps } from './deps.ts';
import { feed } from './feed.ts';
import { submitForm } from './form.ts';
import { jumpTo, revise } from './jump.ts';
import { formAnswer, formCard, toasts } from './replies.ts';
import { feedSaid, jumpSaid, startSaid, submitSaid } from './replies-session.ts';
import { summaryCardOf } from './replies-steps.ts';
import { send } from './said.ts';
import { startDeclaration } from './start.ts';
import { submitPlan } from './submit.ts';
import { confirmCancel, saveDraft, summaryClick } from './summary-actions.ts';
import { summaryOf } from './view.ts';

const isField = (v: string | undefined): v is PlanFieldKey => !!v && PLAN_FIELDS.some((f) => f.key === v);

export function conversationRoutes(deps: DeclarationDeps) {
  const declarant = (person: LinkedPerson) => declarantOf(deps, person, deps.clock.now());
  return {
    declare: route({
      audience: 'declarant',
      value: declareValue,
      run: async (ctx) => {
        await send(ctx.reply, startSaid(await startDeclaration(deps, ctx.person, ctx.log)));
        return toasts.started;
      },
    }),
    form_open: route({
      audience: 'declarant',
      value: formOpenValue,
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return toasts.unitGone;
        if (d.refusal) {
          await ctx.reply.text(d.refusal);
          return toasts.formClosed;
        }
        await ctx.reply.card(formCard(d));
        return toasts.formSent;
      },
    }),
    answer: route({
      audience: 'declarant',
      value: answerValue,
      run: async (ctx) => {
        const { plan, field, value } = ctx.value;
        // A card of another plan than the conversation's: the conversation moves to it first, silently.
        if ((await loadConversation(deps, ctx.person.openId))?.state.planId !== plan) await jumpTo(deps, ctx.person, plan, field);
        const r = await feed(deps, ctx.person, { kind: 'choice', field, value }, ctx.log, 'card');
        if (r.status === 'none') return toasts.answerExpired;
        await send(ctx.reply, feedSaid(r));
        return toasts.answered(field, value);
      },
    }),
    summary: route({
      audience: 'declarant',
      value: summaryValue,
      run: async (ctx) => {
        const click = await summaryClick(deps, ctx.person, ctx.value);
        if (click.status === 'refused') return click.reason === 'unit_missing' ? toasts.unitGone : click.reason === 'stale' ? toasts.summaryStale : toasts.planMissing;
        const { d, plan } = click;
        switch (ctx.value.op) {
          case 'submit': {
            const r = await submitPlan(deps, { d, plan, actor: ctx.person.openId, channel: 'card', log: ctx.log });
            await send(ctx.reply, submitSaid(r));
            if (r.status !== 'submitted') return toasts.notYetSubmittable;
            return toasts.submitted(r.plan, summaryCardOf(await summaryOf(deps, d, r.plan, d.year)));
          }
          case 'save':
            await saveDraft(deps, ctx.person, plan);
            return toasts.draftSaved(plan);
          case 'justify':
            await send(ctx.reply, jumpSaid(await jumpTo(deps, ctx.person, plan.id, 'justification')));
            return toasts.justify;
          case 'cancel':
            return toasts.confirmCancel(plan);
        }
      },
    }),
    edit_field: route({
      audience: 'declarant',
      value: editFieldValue,
      run: async (ctx) => {
        const field = ctx.action.option;
        if (!isField(field)) return toasts.pickField;
        await send(ctx.reply, jumpSaid(await jumpTo(deps, ctx.person, ctx.value.plan, field)));
        return toasts.editing(field);
      },
    }),
    cancel_confirm: route({
      audience: 'declarant',
      value: cancelConfirmValue,
      run: async (ctx) => {
        const r = await confirmCancel(deps, ctx.person, ctx.value, ctx.log);
        if (r.status === 'kept') {
          await send(ctx.reply, startSaid(r.start));
          return toasts.goingOn;
        }
        if (r.status === 'discarded') return toasts.cancelled(r.plan);
        if (r.reason === 'failed') return toasts.failed(r.message);
        return r.reason === 'plan_missing' ? toasts.planMissing : toasts.stale();
      },
    }),
    form_submit: route({
      audience: 'declarant',
      value: formSubmitValue,
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return toasts.unitGone;
        if (d.refusal && !ctx.value.plan) {
          await ctx.reply.text(d.refusal);
          return toasts.formClosedOnSubmit;
        }
        return formAnswer(d, ctx.value.plan, await submitForm(deps, d, ctx.person.openId, ctx.action.formValue, ctx.value.plan));
      },
    }),
    // The declarant's 修改 on a returned plan's notice: the conversation walks through the fields the reviewer named.
    revise: route({
      audience: 'declarant',
      value: reviseValue,
      run: async (ctx) => {
        const r = await revise(deps, ctx.person, ctx.value.plan);
        if (r.status === 'revising') {
          await send(ctx.reply, jumpSaid(r.jump));
          return toasts.revising(r.plan);
        }
        return r.reason === 'plan_missing' ? toasts.planMissing : r.reason === 'not_returned' ? toasts.notReturned(r.plan) : toasts.reviseUnitGone;
      },
    }),
  };
}
