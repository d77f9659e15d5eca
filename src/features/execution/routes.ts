// The execution feature's card buttons: a class (open, pick, record, dates, cancel, files), its steps, the
// reviewer's package card, the statement, and the completion and 补录 files.
import { valueOf } from '../../cards/actions.ts';
import { refusal } from '../../bot/card-actions.ts';
import { route } from '../../bot/manifest.ts';
import type { Reply } from '../../bot/reply.ts';
import type { StepNo } from '../../domain/execution.ts';
import { may, type Person } from '../../domain/people.ts';
import type { CardResponse } from '../../inbound.ts';
import { runExecutionAlerts } from './alerts.ts';
import { cancelClass, changeDates, classCardOf, executablePlan, newClassForm, ownClass, recordClass } from './classes.ts';
import { openStep, saveStep } from './steps.ts';
import type { ExecutionDeps } from './deps.ts';
import { expectStatement } from './files.ts';
import { historyTemplateFile } from './history.ts';
import { confirmHistory } from './history-upload.ts';
import { executionList } from './list.ts';
import { decidePackage, packageCardAgain, packageReturnForm, sendPackageFiles } from './package.ts';
import { completion } from './report.ts';
import { executionListReply } from './replies/list.ts';
import { completionSheet } from './replies/report-sheet.ts';
import { CLASS_NOT_FOUND, classCardReply, classReply, newClassReply, planFullText, planRefusalText } from './replies/classes.ts';
import { statementAsk } from './replies/files.ts';
import { packageReply } from './replies/package.ts';
import { completionFileNameOnCard, packageFilesAsk, toast, TOASTS } from './replies/toasts.ts';

/** Alerts for one class right away (a class recorded or moved to a start already passed). */
function alertNow(deps: ExecutionDeps) {
  return async (classId: number) => {
    await runExecutionAlerts(deps, deps.clock.now(), false, { classIds: [classId] });
  };
}

export function executionRoutes(deps: ExecutionDeps) {
  const openClass = async (person: Person | null, classId: number, reply: Reply | null): Promise<CardResponse> => {
    const own = await ownClass(deps, person, classId);
    if (!own.ok) return toast('error', CLASS_NOT_FOUND);
    const card = classCardReply(await classCardOf(deps, own.l));
    if (reply) {
      await reply.card(card);
      return toast('success', TOASTS.classSent);
    }
    return toast('info', TOASTS.back, card);
  };
  return {
    exec_list: route({
      audience: 'declarant',
      value: valueOf('exec_list'),
      run: async (ctx) => {
        await ctx.reply.card(executionListReply(await executionList(deps, ctx.person)));
        return toast('success', TOASTS.listSent);
      },
    }),
    class_pick: route({
      audience: 'declarant',
      value: valueOf('class_pick'),
      run: async (ctx) => {
        const id = Number(ctx.action.option);
        if (!Number.isInteger(id) || id <= 0) return toast('error', TOASTS.pickClass);
        return openClass(ctx.person, id, ctx.reply);
      },
    }),
    class_new: route({
      audience: 'declarant',
      value: valueOf('class_new'),
      run: async (ctx) => {
        const planId = ctx.value.plan ?? Number(ctx.action.option);
        if (!Number.isInteger(planId) || planId <= 0) return toast('error', TOASTS.pickPlan);
        const r = await executablePlan(deps, ctx.person, planId);
        if (!r.ok) return toast('error', planRefusalText(r));
        const form = await newClassForm(deps, r.plan);
        if (form.full) return toast('info', planFullText(form.number, form.sessions, true));
        await ctx.reply.card(newClassReply(form.form));
        return toast('success', TOASTS.fillDates);
      },
    }),
    class_save: route({
      audience: 'declarant',
      value: valueOf('class_save'),
      run: async (ctx) => {
        const raw = ctx.action.formValue ?? {};
        if (ctx.value.cls) {
          const own = await ownClass(deps, ctx.person, ctx.value.cls);
          if (!own.ok) return toast('error', CLASS_NOT_FOUND);
          return classReply(await changeDates(deps, ctx.person, own.l, raw, ctx.log, alertNow(deps)));
        }
        const r = await executablePlan(deps, ctx.person, ctx.value.plan);
        if (!r.ok) return toast('error', planRefusalText(r));
        return classReply(await recordClass(deps, ctx.person, r.plan, raw, ctx.log, alertNow(deps)));
      },
    }),
    class: route({
      audience: 'declarant',
      value: valueOf('class'),
      run: async (ctx) => {
        const own = await ownClass(deps, ctx.person, ctx.value.cls);
        if (!own.ok) return toast('error', CLASS_NOT_FOUND);
        const { l } = own;
        switch (ctx.value.op) {
          case 'open':
            return openClass(ctx.person, l.cls.id, ctx.reply);
          case 'back':
            return toast('info', TOASTS.back, classCardReply(await classCardOf(deps, l)));
          case 'dates':
            return toast('info', TOASTS.pickDates, classCardReply(await classCardOf(deps, l, { datesForm: { values: { start: l.cls.start, end: l.cls.end }, errors: {} } })));
          case 'cancel':
            return toast('warning', TOASTS.confirmCancel, classCardReply(await classCardOf(deps, l, { confirmCancel: true })));
          case 'cancel_yes':
            return classReply(await cancelClass(deps, ctx.person, l, ctx.value.v));
          case 'files':
            if (l.steps.get(1)?.status === 'done') return toast('info', TOASTS.packageFinal);
            await deps.fileIntents.set(ctx.person.openId, { kind: 'package', targetId: l.cls.id, expiresAt: new Date(ctx.now.getTime() + 24 * 3600_000) });
            await ctx.reply.text(packageFilesAsk(l.plan, l.cls.seq));
            return toast('success', TOASTS.sendFiles);
        }
      },
    }),
    step_open: route({
      audience: 'declarant',
      value: valueOf('step_open'),
      run: async (ctx) => {
        const own = await ownClass(deps, ctx.person, ctx.value.cls);
        if (!own.ok) return toast('error', CLASS_NOT_FOUND);
        return classReply(await openStep(deps, own.l, ctx.value.step as StepNo, ctx.action.openId));
      },
    }),
    step_save: route({
      audience: 'declarant',
      value: valueOf('step_save'),
      run: async (ctx) => {
        const own = await ownClass(deps, ctx.person, ctx.value.cls);
        if (!own.ok) return toast('error', CLASS_NOT_FOUND);
        return classReply(await saveStep(deps, ctx.person, own.l, ctx.value.step as StepNo, ctx.value.v, ctx.action.formValue ?? {}, ctx.log));
      },
    }),
    pkg_review: route({
      audience: 'reviewer',
      value: valueOf('pkg_review'),
      run: async (ctx) => {
        switch (ctx.value.op) {
          case 'approve':
            return packageReply(await decidePackage(deps, ctx.person, ctx.value.cls, ctx.value.v, true, null, ctx.log));
          case 'return':
            return packageReply(await packageReturnForm(deps, ctx.value.cls, ctx.value.v));
          case 'back':
            return packageReply(await packageCardAgain(deps, ctx.value.cls, ctx.value.v));
          case 'files':
            return packageReply(await sendPackageFiles(deps, ctx.value.cls, ctx.reply));
        }
      },
    }),
    pkg_return: route({
      audience: 'reviewer',
      value: valueOf('pkg_return'),
      run: async (ctx) => {
        const raw = ctx.action.formValue?.comment;
        const comment = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
        if (comment.length < 2) return packageReply(await packageReturnForm(deps, ctx.value.cls, ctx.value.v, ['empty']));
        if (comment.length > 500) return packageReply(await packageReturnForm(deps, ctx.value.cls, ctx.value.v, ['too_long']));
        return packageReply(await decidePackage(deps, ctx.person, ctx.value.cls, ctx.value.v, false, comment, ctx.log));
      },
    }),
    statement: route({
      audience: 'declarant',
      value: valueOf('statement'),
      run: async (ctx) => {
        const r = await expectStatement(deps, ctx.person, ctx.value.plan);
        if (!r.ok) return toast('error', planRefusalText(r));
        await ctx.reply.text(statementAsk(r.plan, r.classes, r.hours));
        return toast('success', TOASTS.sendStatement);
      },
    }),
    completion_file: route({
      audience: 'anyone',
      value: valueOf('completion_file'),
      run: async (ctx) => {
        const reviewer = may(ctx.person, 'reviewer');
        if (!reviewer && !ctx.person?.unitCode) return refusal('declarant');
        const c = await completion(deps, ctx.value.year, reviewer ? undefined : ctx.person!.unitCode!);
        const data = await deps.executionSheets.exportCompletion(completionSheet(c));
        const unit = reviewer ? null : await deps.registry.unit(ctx.person!.unitCode!);
        await ctx.reply.file(completionFileNameOnCard(ctx.value.year, unit?.name ?? null), data);
        return toast('success', TOASTS.excelSent);
      },
    }),
    history_template: route({
      audience: 'declarant',
      value: valueOf('history_template'),
      run: async (ctx) => {
        const t = await historyTemplateFile(deps, ctx.person.unitCode);
        await ctx.reply.file(t.name, t.data);
        return toast('success', TOASTS.templateSent);
      },
    }),
    history_import: route({
      audience: 'declarant',
      value: valueOf('history_import'),
      run: async (ctx) => confirmHistory(deps, ctx.person, ctx.value.id, ctx.log),
    }),
  };
}

