// Conversations through the container itself: the same features, kernel, audiences and replies as the bot,
// with the events built as the Feishu adapter would hand them over (src/inbound.ts shapes) and what the bot
// says read back from a recording messenger. No HTTP, no queues, no workers: a transcript runs in
// milliseconds. The webhook, signatures, queues and Feishu calls have their own end-to-end tests.
//
//   const w = await world({ start: DECLARING });
//   await w.units(...); const t = w.as(DECLARANT);
//   expect(await t.say('申报')).toContain(…);  await t.click('提交');
import { movableClock } from '../../src/clock.ts';
import { createContainer } from '../../src/container.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/reminders.ts';
import { createSpreadsheets } from '../../src/excel/spreadsheets.ts';
import type { CardAction, CardResponse, InboundEvent, IncomingMessage } from '../../src/inbound.ts';
import { createLogger } from '../../src/logger.ts';
import type { Settings, Stores } from '../../src/ports/index.ts';
import { runJob } from '../../src/jobs/jobs.ts';
import { assertValidCallback, assertValidCard } from './card-lint.ts';
import { createConverseFeishu, createRecordingMessenger, type Sent } from './converse-fakes.ts';
import { createFakeStores } from './fakes.ts';
import { cardText, messageText } from './transcript.ts';

export const BOT_OPEN_ID = 'ou_bot_converse_000001';

export type WorldOptions = {
  /** Business time the world starts at (it keeps ticking from there). */
  start?: Date;
  /** The stores to run on (default: in-memory twins). */
  stores?: Stores;
  settings?: Partial<Settings>;
  /** Log what the bot does (e.g. 'info'); silent by default. */
  logLevel?: 'silent' | 'info' | 'debug';
};

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36).padStart(5, '0')}`;

type Button = { label: string; value: unknown; messageId: string };

function buttonsOf(card: unknown, messageId: string): Button[] {
  const out: Button[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') out.push({ label: String((o.text as { content?: unknown }).content), value: (o.behaviors as { value?: unknown }[] | undefined)?.[0]?.value, messageId });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export async function world(o: WorldOptions = {}) {
  const stores = o.stores ?? createFakeStores();
  const messenger = createRecordingMessenger();
  const feishu = createConverseFeishu();
  const clock = movableClock(o.start);
  const logger = createLogger(o.logLevel ?? 'silent');
  const settings: Settings = { reviewChatId: undefined, reminders: DEFAULT_SCHEDULE, ...o.settings };
  const assemble = () => createContainer({ stores, messenger, sheets: createSpreadsheets(), feishu, clock, logger, settings, botOpenId: async () => BOT_OPEN_ID });
  let app = assemble();

  const deliver = async (ev: InboundEvent) => {
    await app.handleEvent(ev, logger.child({ eventId: ev.eventId }));
  };

  /** What a person (or a group) was sent since `from`, as text (cards flattened, buttons in [brackets]). */
  const texts = (list: Sent[]) => list.map(messageText);

  const click = async (openId: string, messageId: string, value: unknown, extra: { formValue?: Record<string, unknown>; option?: string } = {}) => {
    const action: CardAction = { kind: 'card_action', eventId: nextId('evt_'), openId, messageId, value, ...extra };
    const r: CardResponse = await app.handleCard(action, logger);
    // What Feishu would refuse to show is a failure here too.
    assertValidCallback({ ...(r.toast ? { toast: r.toast } : {}), ...(r.card ? { card: { type: 'raw', data: r.card } } : {}) }, `callback response to ${JSON.stringify(value)}`);
    return r;
  };

  /** One person's 1:1 chat with the bot, as a transcript. */
  const as = (openId: string) => {
    let seen = messenger.to(openId).length;
    const fresh = () => {
      const all = messenger.to(openId);
      const out = all.slice(seen);
      seen = all.length;
      return out;
    };
    const message = (m: Partial<IncomingMessage>): IncomingMessage => ({
      kind: 'message',
      eventId: nextId('evt_'),
      messageId: nextId('om_in_'),
      chatId: `oc_p2p_${openId}`,
      chatType: 'p2p',
      senderOpenId: openId,
      messageType: 'text',
      mentionOpenIds: [],
      ...m,
    });
    const t = {
      openId,
      /** Says something in the 1:1 chat; the bot's answers, one string per message. */
      async say(text: string): Promise<string[]> {
        await deliver(message({ text }));
        return texts(fresh());
      },
      /** Sends a file (an upload) in the 1:1 chat. */
      async send(fileName: string, data: Buffer, type: 'file' | 'image' = 'file'): Promise<string[]> {
        const fileKey = nextId('file_v3_');
        const messageId = nextId('om_in_');
        feishu.putFile(messageId, fileKey, data);
        await deliver(message({ messageId, messageType: type, file: { fileKey, fileName, type } }));
        return texts(fresh());
      },
      /** Clicks a bot menu entry. */
      async menu(eventKey: string): Promise<string[]> {
        await deliver({ kind: 'menu', eventId: nextId('evt_'), openId, eventKey });
        return texts(fresh());
      },
      /** Opens the 1:1 chat (the welcome). */
      async enter(): Promise<string[]> {
        await deliver({ kind: 'p2p_entered', eventId: nextId('evt_'), openId, chatId: `oc_p2p_${openId}` });
        return texts(fresh());
      },
      /** Clicks the button with this label on the most recent card that has it. */
      async click(label: string | RegExp, extra: { formValue?: Record<string, unknown>; option?: string } = {}) {
        const cards = [...messenger.to(openId)].reverse().filter((m) => m.msgType === 'interactive');
        const match = (b: Button) => (typeof label === 'string' ? b.label === label : label.test(b.label));
        const b = cards.flatMap((m) => buttonsOf(messenger.cardNow(m.messageId), m.messageId)).find(match);
        if (!b) throw new Error(`no button「${label}」in:\n${cards.slice(0, 2).map((c) => cardText(messenger.cardNow(c.messageId))).join('\n---\n')}`);
        return t.clickValue(b.messageId, b.value, extra);
      },
      /** Clicks a button by its value (e.g. a replayed or forged click). */
      async clickValue(messageId: string, value: unknown, extra: { formValue?: Record<string, unknown>; option?: string } = {}) {
        const r = await click(openId, messageId, value, extra);
        return { toast: r.toast, card: r.card, cardText: r.card ? cardText(r.card) : '', messages: texts(fresh()) };
      },
      /** The last card this person was sent, as sent. */
      lastCard(): Sent {
        const cards = messenger.to(openId).filter((m) => m.msgType === 'interactive');
        return cards[cards.length - 1]!;
      },
      /** Everything this person was sent, as text. */
      all: () => texts(messenger.to(openId)),
      /** The files this person was sent. */
      files: () => messenger.to(openId).filter((m) => m.msgType === 'file'),
    };
    return t;
  };

  /** Someone in a group chat: the bot answers only when @-mentioned. */
  const inGroup = (chatId: string, openId: string) => ({
    async say(text: string, o2: { mention?: boolean } = {}) {
      const before = { group: messenger.inChat(chatId).length, dm: messenger.to(openId).length };
      await deliver({
        kind: 'message',
        eventId: nextId('evt_'),
        messageId: nextId('om_in_'),
        chatId,
        chatType: 'group',
        senderOpenId: openId,
        messageType: 'text',
        text,
        mentionOpenIds: o2.mention === false ? [] : [BOT_OPEN_ID],
      });
      return { group: texts(messenger.inChat(chatId).slice(before.group)), privately: texts(messenger.to(openId).slice(before.dm)) };
    },
  });

  return {
    get app() {
      return app;
    },
    /** The bot started again on the same stores (a deploy): only what is stored survives. */
    restart() {
      app = assemble();
    },
    stores,
    messenger,
    feishu,
    clock,
    logger,
    as,
    inGroup,
    click,
    /** Runs a scheduled job as of `at` (default: now), as the scheduler or `jobs:run` would. */
    async job(name: string, at: Date = clock.now(), opts: { dryRun?: boolean } = {}) {
      const job = app.jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job ${name}`);
      return runJob(job, at, opts);
    },
    /** Every card the bot sent or patched must be one Feishu accepts. */
    lintSentCards() {
      messenger.cards().forEach((c, i) => assertValidCard(c, `card #${i + 1}`));
    },
  };
}

export type World = Awaited<ReturnType<typeof world>>;
