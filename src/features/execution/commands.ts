// What the execution commands do once their words are read (manifest.ts): each calls its use case and says
// the result through replies/.
import { yearArg } from '../../bot/commands.ts';
import type { CommandContext } from '../../bot/manifest.ts';
import { beijingYmd, ymdParts } from '../../domain/dates.ts';
import { may } from '../../domain/people.ts';
import type { ExecutionDeps } from './deps.ts';
import { expectStatement, sendPlanFiles } from './files.ts';
import { historyTemplateFile } from './history.ts';
import { backfillStatus, executionList } from './list.ts';
import { completion } from './report.ts';
import { backfillReply, executionListReply } from './replies/list.ts';
import { allCompletionCard, unitCompletionCard } from './replies/report.ts';
import { completionSheet } from './replies/report-sheet.ts';
import { planRefusalText } from './replies/classes.ts';
import { planFilesText, statementAsk } from './replies/files.ts';
import { ATTACHMENTS_USAGE, completionFileName, noSuchPlan, NOT_LINKED, STATEMENT_USAGE } from './replies/toasts.ts';

const planNumberIn = (args: string) => /(\d{4}-\d{3,})/.exec(args)?.[1];

export function executionHandlers(deps: ExecutionDeps) {
  return {
    /** 执行 [年度]: the unit's list. */
    async execution(ctx: CommandContext<'declarant'>) {
      const y = yearArg(ctx.args);
      await ctx.reply.card(executionListReply(await executionList(deps, ctx.person, y ? [y] : undefined)));
    },
    /** 完成情况 [年度]: every unit's report and its Excel for a reviewer; the unit's own for a declarant. */
    async completion(ctx: CommandContext<'anyone'>) {
      const year = yearArg(ctx.args) ?? ymdParts(beijingYmd(ctx.now)).y;
      if (may(ctx.person, 'reviewer')) {
        const c = await completion(deps, year);
        await ctx.reply.card(allCompletionCard(c));
        const data = await deps.executionSheets.exportCompletion(completionSheet(c));
        await ctx.reply.file(completionFileName(year), data);
        return;
      }
      if (!ctx.person?.unitCode) return ctx.reply.text(NOT_LINKED);
      const unit = await deps.registry.unit(ctx.person.unitCode);
      await ctx.reply.card(unitCompletionCard(await completion(deps, year, ctx.person.unitCode), unit?.name ?? ctx.person.unitCode));
    },
    /** 补录: what is missing, and the unit's pre-filled sheet. */
    async backfill(ctx: CommandContext<'declarant'>) {
      await ctx.reply.card(backfillReply(await backfillStatus(deps, ctx.person)));
      const t = await historyTemplateFile(deps, ctx.person.unitCode);
      await ctx.reply.file(t.name, t.data);
    },
    /** 上传情况说明 2027-001: the next files are the plan's statement. */
    async statement(ctx: CommandContext<'declarant'>) {
      const number = planNumberIn(ctx.args);
      if (!number) return ctx.reply.text(STATEMENT_USAGE);
      const plan = await deps.plans.byNumber(number);
      if (!plan) return ctx.reply.text(noSuchPlan(number));
      const r = await expectStatement(deps, ctx.person, plan.id);
      await ctx.reply.text(r.ok ? statementAsk(r.plan, r.classes, r.hours) : planRefusalText(r));
    },
    /** 附件 2027-001: the plan's files. */
    async attachments(ctx: CommandContext<'anyone'>) {
      const number = planNumberIn(ctx.args);
      if (!number) return ctx.reply.text(ATTACHMENTS_USAGE);
      await ctx.reply.text(planFilesText(await sendPlanFiles(deps, ctx.person, number, ctx.reply)));
    },
  };
}
