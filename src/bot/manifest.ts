// What a feature offers the bot, declared in its manifest: chat commands, card routes, pages of lists,
// file routes, chat hooks and scheduled jobs, each with the audience it serves. The kernel (bot/kernel.ts)
// checks the audience once, centrally, before any handler runs, so a handler's `person` is already the
// kind of person its audience promises (a declarant route gets a person linked to a unit).
import type { z } from 'zod';
import type { Audience, Person } from '../domain/people.ts';
import type { PageValue } from '../cards/paging.ts';
import type { ListId } from '../cards/actions.ts';
import type { CardAction, CardResponse, IncomingMessage } from '../inbound.ts';
import type { Logger } from '../logger.ts';
import type { ReadOptions } from '../ports/sheets.ts';
import type { PlanFieldKey } from '../domain/plan.ts';
import type { Hub } from './hub.ts';
import type { Reply } from './reply.ts';

export type { Audience };
export type LinkedPerson = Person & { unitCode: string };

/** The person a handler of this audience serves. */
export type PersonOf<A extends Audience> = A extends 'anyone' ? Person | null : A extends 'declarant' ? LinkedPerson : Person;

export type CommandContext<A extends Audience = Audience> = {
  person: PersonOf<A>;
  openId: string;
  /** Text after the command word, trimmed. */
  args: string;
  now: Date;
  chatType: 'p2p' | 'group';
  reply: Reply;
  log: Logger;
};

export type Command<A extends Audience = Audience> = {
  id: string;
  /** Words that start the command; the first is shown in help. */
  words: string[];
  /**
   * How people ask for it in their own words (「审核到哪了」「模板在哪下载」): matched by intents.ts when the
   * message is no command word. Say what only this command is for; the phrase corpus in the tests decides.
   */
  phrases?: string[];
  /**
   * Its entry in the bot's menu (configured in the Feishu console as a 推送事件 item with this event key): the
   * README's table and the sandbox's menu are made from these.
   */
  menu?: { key: string; label: string };
  audience: A;
  /** One line for the help card, e.g. 「申报」开始申报一个培训班. */
  summary: string;
  /** Example shown in help when the command takes arguments. */
  usage?: string;
  /**
   * Asked in a group: answered there ('here', for what anyone may read, like 帮助) or in the person's 1:1
   * chat with a short note in the group ('privately', the default: a unit's plans, the review queue and
   * conversations are not for the whole group).
   */
  inGroups?: 'here' | 'privately';
  /** Whether help lists it for this person (default: whenever they may use it). */
  showInHelp?: (person: Person) => boolean;
  run(ctx: CommandContext<A>): Promise<void>;
};

export type CardContext<V, A extends Audience = Audience> = {
  action: CardAction;
  value: V;
  person: PersonOf<A>;
  now: Date;
  log: Logger;
  /** The clicker's 1:1 chat, keyed on the click. */
  reply: Reply;
};

/** A button's handler: the value it accepts (a click with another value was never issued by this bot). */
export type CardRoute<V = never, A extends Audience = Audience> = {
  audience: A;
  value: z.ZodType<V>;
  run(ctx: CardContext<V, A>): Promise<CardResponse>;
};

/** 上一页 / 下一页 of one list: rebuilt for whoever clicks, as the command that sent it would. */
export type PageRoute<A extends Audience = Audience> = {
  audience: A;
  run(ctx: CardContext<PageValue, A>): Promise<CardResponse>;
};

export type FileContext<A extends Audience = Audience> = {
  person: PersonOf<A>;
  message: IncomingMessage & { file: NonNullable<IncomingMessage['file']> };
  reply: Reply;
  log: Logger;
  /** The file's bytes, downloaded once for all routes (a larger limit than an earlier route's downloads again). */
  download(maxBytes: number): Promise<Buffer>;
  /** A value computed once per file for all routes (e.g. how the file reads as one kind of sheet). */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Passed to the spreadsheet reader: the sender hears when the file has to wait for a free reader. */
  wait: ReadOptions;
};

/** A file someone sent in the 1:1 chat: taken by the first route (lowest order) that returns true. */
export type FileRoute<A extends Audience = Audience> = {
  order: number;
  audience: A;
  take(ctx: FileContext<A>): Promise<boolean>;
};

export type OpenQuestion = { planId: number; field: PlanFieldKey; label: string };
export type PendingLink = { unitCode: string; unitName: string | null; createdAt: Date };

/** What a feature contributes to how free text in the 1:1 chat is understood. */
export type ChatHooks = {
  /**
   * Gets what a person types before commands are guessed (an open conversation takes its answers); explicit
   * commands (other than 帮助) still go first. Lower `order` first.
   */
  intercept?: { order: number; take(person: Person | null, text: string, reply: Reply, log: Logger): Promise<boolean> };
  /** A message that describes a class in one sentence: a declaration starts from it (false: not one). */
  sentence?: (person: Person | null, text: string, reply: Reply, log: Logger) => Promise<boolean>;
  /** The free-text question an open conversation waits on (a command word typed then may be the answer). */
  openQuestion?: (person: Person | null) => Promise<OpenQuestion | null>;
  /** Someone not linked yet whose request to be linked waits for an admin. */
  pendingLink?: (openId: string) => Promise<PendingLink | null>;
  /** A line for the welcome card (the coming deadline of a declarant's unit). */
  welcomeLine?: (person: Person | null) => Promise<string | null>;
};

export type JobOptions = { dryRun?: boolean };

export type Job = {
  name: string;
  description: string;
  /** Its name for people (the sandbox's time travel shows it). */
  title: string;
  /** Cron pattern in Asia/Shanghai. */
  schedule: string;
  /** Also run once at start-up (catch-up after downtime). */
  atStart?: boolean;
  /** Whether `dryRun` only reports (reminder jobs); other jobs change data and are not run in a dry run. */
  dryRunnable?: boolean;
  run(now: Date, opts?: JobOptions): Promise<Record<string, unknown>>;
  /** How a run reads to an operator (jobs:run prints it). */
  describe?: (result: Record<string, unknown>, opts: JobOptions) => string[];
};

// Routes are stored without their value and audience types; `route()` and `command()` below check them.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyCardRoute = CardRoute<any, any>;

export type Feature = {
  name: string;
  commands?: Command<any>[];
  /** Card routes by the `a` of the button values they accept. */
  cards?: Record<string, AnyCardRoute>;
  pages?: Partial<Record<ListId, PageRoute<any>>>;
  files?: FileRoute<any>[];
  chat?: ChatHooks;
  jobs?: Job[];
};

/** The commands of every feature, as the registry (bot/commands.ts) keeps them. */
export interface CommandList {
  all(): readonly Command[];
  /** The commands help lists for this person. */
  availableTo(person: Person | null): Command[];
}

/** What every feature may use of the bot itself. */
export type Kit = {
  hub: Hub;
  /** Every command of every feature, in registration order (help lists them; guess buttons run them). */
  commands: CommandList;
};

/** Declares a command, checking `run` against its audience. */
export const command = <A extends Audience>(c: Command<A>): Command<A> => c;
/** Declares a card route, checking `run` against its value and audience. */
export const route = <V, A extends Audience>(r: CardRoute<V, A>): CardRoute<V, A> => r;
/** Declares a page route, checking `run` against its audience. */
export const page = <A extends Audience>(r: PageRoute<A>): PageRoute<A> => r;
/** Declares a file route, checking `take` against its audience. */
export const fileRoute = <A extends Audience>(r: FileRoute<A>): FileRoute<A> => r;
