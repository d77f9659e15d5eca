// What the bot does with a stored inbound event: messages go to the command registry, menu clicks to the
// command bound to the key, opening the 1:1 chat gets a welcome (at most once a week).
import type { Logger } from '../logger.ts';
import { isKnown, may, type Person } from '../domain/people.ts';
import { welcomeCard } from '../cards/welcome-card.ts';
import { yearArg, type CommandRegistry } from './commands.ts';
import { actorOf, dedupKeyOf, type InboundEvent, type IncomingMessage } from '../inbound.ts';
import type { Ports } from '../ports/index.ts';
import { guessIntent, type IntentGuess } from './intents.ts';
import type { ChatHooks, Command, CommandContext, OpenQuestion } from './manifest.ts';
import { personalReply, replyFor, type Reply } from './reply.ts';
import { T } from './texts.ts';
import { button, crossValues } from '../cards/actions.ts';
import { noticeCard } from '../cards/notice-card.ts';
import { escapeMarkdown } from '../cards/render.ts';

export type ChatDeps = Pick<Ports, 'people' | 'registry' | 'messenger' | 'clock'> & {
  commands: CommandRegistry;
  /** The bot's own open_id, to tell "@bot" from other mentions in group chats. */
  botOpenId: () => Promise<string | null>;
  greetEveryMs?: number;
  /** The features' chat hooks, composed (bot/kernel.ts). */
  hooks: Required<ChatHooks>;
  /** A file sent in the 1:1 chat, offered to the features' file routes; false when none took it. */
  onFile: (person: Person | null, ev: IncomingMessage & { file: NonNullable<IncomingMessage['file']> }, reply: Reply, log: Logger) => Promise<boolean>;
};

async function mentionsBot(deps: ChatDeps, ev: IncomingMessage, log: Logger): Promise<boolean> {
  if (ev.chatType === 'p2p') return true;
  if (ev.mentionOpenIds.length === 0) return false;
  const bot = await deps.botOpenId();
  if (!bot) {
    log.warn('bot open_id unknown; treating any @mention in a group as addressed to the bot');
    return true;
  }
  return ev.mentionOpenIds.includes(bot);
}

/** Commands that steer the declaration itself: never taken for an answer. */
const FLOW_WORDS = new Set(['help', 'continue', 'declare', 'form']);

function commandOrAnswerCard(text: string, command: Command, q: OpenQuestion) {
  return noticeCard({
    title: '是指令还是回答？',
    color: 'orange',
    body: `您正在填写「${escapeMarkdown(q.label)}」。「${escapeMarkdown(text)}」是要执行「${escapeMarkdown(command.words[0]!)}」，还是作为「${escapeMarkdown(q.label)}」的回答？`,
    buttons: [
      button(`作为${q.label}`, crossValues.answer(q.planId, q.field, text), 'primary'),
      button(`执行「${command.words[0]!}」`, { a: 'cmd', id: command.id }),
    ],
  });
}

/** A year named in a plain sentence (「导出2027年的汇总」) is the command's argument; the rest is not. */
function intentArgs(text: string): string {
  const year = yearArg(text);
  return year === undefined ? '' : String(year);
}

/** Two guesses for a message the bot is not sure about, as buttons (each runs its command). */
function guessCard(text: string, commands: readonly Command[]) {
  const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  return noticeCard({
    title: '您是想……？',
    color: 'blue',
    body: [`没有完全看懂「${escapeMarkdown(shown)}」，您是想：`, ...commands.map((c) => `- **${escapeMarkdown(c.words[0]!)}**：${escapeMarkdown(c.summary)}`)].join('\n'),
    buttons: commands.map((c, i) => button(c.words[0]!, { a: 'cmd', id: c.id }, i === 0 ? 'primary' : 'default')),
    footer: '都不是？发送「帮助」查看可以使用的指令。',
  });
}

export function createChatHandler(deps: ChatDeps) {
  const greetEvery = deps.greetEveryMs ?? 7 * 24 * 3600_000;

  async function run(ev: InboundEvent, person: Person | null, text: string, log: Logger, reply: Reply) {
    const inGroup = ev.kind === 'message' && ev.chatType === 'group';
    // Answers that are not for the whole group go to the person's 1:1 chat, keyed on the same event.
    const privately = () => personalReply(deps.messenger, actorOf(ev), `${dedupKeyOf(ev)}:dm`);
    const matched = deps.commands.match(text);
    // An open conversation takes answers only in the 1:1 chat: nothing said in a group feeds it. A command
    // word the person may not use is no command for them: an answer.
    const usable = matched && may(person, matched.command.audience) ? matched.command : null;
    if (!inGroup && (!usable || usable.id === 'help') && (await deps.hooks.intercept.take(person, text, reply, log))) return;
    // A command word while a free-text question waits may be the answer: asked, never guessed.
    if (!inGroup && usable && !FLOW_WORDS.has(usable.id) && text.length <= 100) {
      const q = await deps.hooks.openQuestion(person);
      if (q) {
        log.info({ command: usable.id, field: q.field }, 'command word during a declaration: asked');
        return reply.card(commandOrAnswerCard(text, usable, q));
      }
    }
    // Someone not linked yet is told how to link privately: the hint carries their Feishu id.
    const tellUnknown = async () => {
      if (inGroup) await reply.text(T.unknownInGroup);
      await (inGroup ? privately() : reply).text(T.unknownPerson(actorOf(ev)));
    };
    // Waiting for an admin to confirm the link: whatever they send, they are told so (绑定 itself says it too).
    if (!isKnown(person) && matched?.command.id !== 'link') {
      const pending = await deps.hooks.pendingLink(actorOf(ev));
      if (pending) return (inGroup ? privately() : reply).text(T.linkPending(pending));
    }
    if (!matched && !isKnown(person)) return tellUnknown();
    // A class told in one sentence starts a declaration (in the 1:1 chat: a group is not where one declares).
    if (!matched && !inGroup && (await deps.hooks.sentence(person, text, reply, log))) return;
    // Not a command word: what the person most likely means, among what they may do.
    const guess = matched ? null : guessIntent(text, deps.commands.all().filter((c) => may(person, c.audience)));
    if (!matched && guess?.kind === 'unsure') {
      log.info({ guesses: guess.commands.map((c) => c.id) }, 'command unclear: guesses offered');
      return reply.card(guessCard(text, guess.commands));
    }
    if (!matched && guess?.kind !== 'sure') return reply.text(T.notUnderstood(text));
    const { command, args } = matched ?? { command: (guess as Extract<IntentGuess, { kind: 'sure' }>).command, args: intentArgs(text) };
    if (!matched) log.info({ command: command.id, cue: (guess as Extract<IntentGuess, { kind: 'sure' }>).matched }, 'command by intent');
    if (!may(person, command.audience)) {
      log.info({ command: command.id }, 'command refused: audience');
      return isKnown(person) ? reply.text(T.notAllowed(command.words[0]!)) : tellUnknown();
    }
    log.info({ command: command.id }, 'command');
    if (inGroup && (command.inGroups ?? 'privately') === 'privately') {
      await reply.text(T.answeredPrivately(command.words[0]!));
      return command.run({ ...context(ev, person, args, log, privately()), chatType: 'p2p' });
    }
    await command.run(context(ev, person, args, log, reply));
  }

  function context(ev: InboundEvent, person: Person | null, args: string, log: Logger, reply: Reply): CommandContext {
    return {
      person,
      openId: actorOf(ev),
      args,
      now: deps.clock.now(),
      chatType: ev.kind === 'message' ? ev.chatType : 'p2p',
      reply,
      log,
    };
  }

  /** A command that arrived long after it was sent is not acted on silently (a connection was down). */
  async function sayIfLate(ev: IncomingMessage | Extract<InboundEvent, { kind: 'menu' }>, reply: Reply) {
    if (ev.lateByMs !== undefined && ev.sentAtMs !== undefined) await reply.text(T.lateDelivery(ev, ev.sentAtMs, ev.lateByMs));
  }

  async function onMessage(ev: IncomingMessage, log: Logger) {
    if (!(await mentionsBot(deps, ev, log))) {
      log.debug('group message not addressed to the bot');
      return;
    }
    const person = await deps.people.find(ev.senderOpenId);
    if (!person) await deps.people.touch(ev.senderOpenId);
    const reply = replyFor(deps.messenger, ev);
    await sayIfLate(ev, reply);
    if (ev.file && ev.chatType === 'p2p' && (await deps.onFile(person, { ...ev, file: ev.file }, reply, log))) return;
    if (ev.text === undefined || ev.text === '') {
      // A file no feature took: say what it was taken for, not only what the bot can read.
      if (ev.file && ev.chatType === 'p2p' && isKnown(person)) return reply.text(T.fileNotPlaced(ev.file, may(person, 'admin'), !!person.unitCode));
      await reply.text(isKnown(person) ? T.unsupportedMessage : T.unknownPerson(ev.senderOpenId));
      return;
    }
    await run(ev, person, ev.text, log, reply);
  }

  async function onMenu(ev: Extract<InboundEvent, { kind: 'menu' }>, log: Logger) {
    const person = await deps.people.find(ev.openId);
    const reply = replyFor(deps.messenger, ev);
    await sayIfLate(ev, reply);
    const command = deps.commands.byMenuKey(ev.eventKey);
    if (!command) {
      log.warn({ eventKey: ev.eventKey }, 'unknown menu key');
      await reply.text(T.unknownMenu);
      return;
    }
    await run(ev, person, command.words[0]!, log, reply);
  }

  async function onChatEntered(ev: Extract<InboundEvent, { kind: 'p2p_entered' }>, log: Logger) {
    const now = deps.clock.now();
    if (!(await deps.people.claimGreeting(ev.openId, now, new Date(now.getTime() - greetEvery)))) {
      log.debug('greeted recently');
      return;
    }
    const person = await deps.people.find(ev.openId);
    const unit = person?.unitCode ? await deps.registry.unit(person.unitCode) : null;
    const deadline = (await deps.hooks.welcomeLine(person)) ?? undefined;
    await replyFor(deps.messenger, ev).card(welcomeCard({ person, unitName: unit?.name ?? null, linkHint: T.linkHintMarkdown(ev.openId), deadline }));
  }

  return async function handleEvent(ev: InboundEvent, log: Logger): Promise<void> {
    switch (ev.kind) {
      case 'message':
        return onMessage(ev, log);
      case 'menu':
        return onMenu(ev, log);
      case 'p2p_entered':
        return onChatEntered(ev, log);
    }
  };
}
