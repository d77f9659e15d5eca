// Wires the bot's features from its adapters: repositories, the Feishu API, the outbox messenger and the
// clock go in; the event handler, the card handler and the job dependencies come out. app.ts runs them.
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { formatDeadline } from './domain/dates.ts';
import { currentCampaignYear } from './domain/campaign.ts';
import { displayValue } from './domain/plan.ts';
import { createConversationRepo } from './db/conversation-repo.ts';
import { createLinkRepo } from './db/link-repo.ts';
import { createPlanRepo } from './db/plan-repo.ts';
import type { Db } from './db/prisma.ts';
import { createReferenceRepo } from './db/reference-repo.ts';
import { createUnitYearRepo } from './db/unit-year-repo.ts';
import { createUnitLookup, createUserRepo } from './db/user-repo.ts';
import { createCardActionHandler } from './services/card-actions.ts';
import { createChatHandler, personalReply } from './services/chat.ts';
import { CommandRegistry } from './services/commands.ts';
import type { DeclarationDeps } from './services/declaration/context.ts';
import { declarationCardHandlers, declarationCommands, declarationInterceptor } from './services/declaration/index.ts';
import { helpCommand } from './services/help.ts';
import { linkCardHandlers, linkCommand } from './services/linking.ts';
import type { Messenger } from './services/messenger.ts';
import type { FeishuApi } from './services/ports.ts';
import type { PlanRecord } from './services/plans.ts';
import { campaignFor } from './services/reference-data.ts';
import { T } from './services/texts.ts';

export type Features = ReturnType<typeof composeFeatures>;

/** The declaration feature's dependencies (also what the scheduled jobs and the CLI use). */
export function declarationDeps(o: { db: Db; messenger: Messenger; clock: Clock; logger: Logger }): DeclarationDeps {
  const { db, messenger } = o;
  const users = createUserRepo(db);

  /** Until reviewers decide on cards, they get a plain notice of each submission. */
  const onSubmitted = async (plan: PlanRecord, unitName: string, log: Logger) => {
    const reviewers = await users.listByRole('reviewer');
    if (!reviewers.length) log.warn({ planId: plan.id }, 'plan submitted but no reviewer is configured');
    const d = plan.data;
    const line = [d.scope, d.headcount && displayValue('headcount', d.headcount), d.sessions && displayValue('sessions', d.sessions), d.month && displayValue('month', d.month), d.budget !== undefined && displayValue('budget', d.budget)]
      .filter(Boolean)
      .join(' · ');
    for (const r of reviewers) {
      await messenger.sendText({ openId: r.openId }, `新提交待初审：${plan.number} ${unitName}《${d.title ?? ''}》\n${line}`, `submitted:${plan.id}:${plan.version}:${r.openId}`);
    }
  };

  return {
    plans: createPlanRepo(db),
    reference: createReferenceRepo(db),
    conversations: createConversationRepo(db),
    users,
    unitYears: createUnitYearRepo(db),
    messenger,
    clock: o.clock,
    logger: o.logger,
    onSubmitted,
  };
}

export function composeFeatures(o: { db: Db; api: FeishuApi; messenger: Messenger; clock: Clock; logger: Logger; botOpenId: () => Promise<string | null> }) {
  const { db, messenger, clock } = o;
  const declaration = declarationDeps(o);
  const { users, reference } = declaration;
  const units = createUnitLookup(db);
  const linking = { links: createLinkRepo(db), users, reference, messenger, feishu: o.api, clock };

  const commands = new CommandRegistry();
  commands.register(helpCommand({ commands, units }), linkCommand(linking), ...declarationCommands(declaration));

  const deadlineLine = async (unitCode: string | null) => {
    if (!unitCode) return null;
    const c = await campaignFor(reference, currentCampaignYear(clock.now(), await reference.campaigns()));
    return clock.now() < c.declareClosesAt ? `${c.year}年度培训计划申报截止：**${formatDeadline(c.declareClosesAt)}**` : null;
  };

  const handleEvent = createChatHandler({
    users,
    units,
    messenger,
    commands,
    clock,
    botOpenId: o.botOpenId,
    interceptText: declarationInterceptor(declaration),
    deadlineLine,
  });

  const handleCard = createCardActionHandler({
    users,
    now: () => clock.now(),
    handlers: {
      help: async (ctx) => {
        await commands.byMenuKey('help')!.run({
          person: ctx.person,
          openId: ctx.action.openId,
          args: '',
          now: ctx.now,
          chatType: 'p2p',
          log: ctx.log,
          reply: personalReply(messenger, ctx.action.openId, `click:${ctx.action.eventId}`),
        });
        return { toast: { type: 'success', content: T.helpSent } };
      },
      ...declarationCardHandlers(declaration),
      ...linkCardHandlers(linking),
    },
  });

  return { handleEvent, handleCard, commands, declaration };
}
