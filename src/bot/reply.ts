// How a feature answers the person it is serving: text, a card or a file, each stored in the outbox under a
// key derived from the event (or the click), so handling the same event again never sends anything twice.
import { actorOf, dedupKeyOf, type InboundEvent } from '../inbound.ts';
import type { Card, Messenger, Recipient } from '../ports/messenger.ts';

export type Reply = {
  text(text: string): Promise<void>;
  card(card: Card): Promise<void>;
  file(name: string, data: Uint8Array): Promise<void>;
};

/** A reply that says nothing (a card moved a conversation without a message to send). */
export const silentReply: Reply = { text: async () => {}, card: async () => {}, file: async () => {} };

const bytes = (data: Uint8Array) => new Uint8Array(data) as Uint8Array<ArrayBuffer>;

/** Messages to one person in their 1:1 chat, keyed `<keyPrefix>:r1`, `:r2`… in the order they are said. */
export function personalReply(messenger: Messenger, openId: string, keyPrefix: string): Reply {
  let n = 0;
  const key = () => `${keyPrefix}:r${++n}`;
  const to: Recipient = { openId };
  return {
    text: async (t) => void (await messenger.sendText(to, t, key())),
    card: async (c) => void (await messenger.sendCard(to, c, key())),
    file: async (name, data) => void (await messenger.sendFile(to, name, bytes(data), key())),
  };
}

/** The clicker's 1:1 chat, keyed on the click: a re-delivered click says nothing twice. */
export function clickReply(messenger: Messenger, action: { openId: string; eventId: string }): Reply {
  return personalReply(messenger, action.openId, `click:${action.eventId}`);
}

/**
 * Replies to one inbound event; keys derive from the event, so re-processing never sends twice. In a group
 * the answer is a reply to the message, in the group. `tag` separates a second speaker about the same event
 * (e.g. the give-up notice) from the handler.
 */
export function replyFor(messenger: Messenger, ev: InboundEvent, tag = ''): Reply {
  const prefix = `${dedupKeyOf(ev)}${tag}`;
  if (ev.kind === 'message' && ev.chatType === 'group') {
    let n = 0;
    const key = () => `${prefix}:r${++n}`;
    const lane = `chat:${ev.chatId}`;
    return {
      text: async (t) => void (await messenger.replyText(ev.messageId, lane, t, key())),
      card: async (c) => void (await messenger.replyCard(ev.messageId, lane, c, key())),
      file: async (name, data) => void (await messenger.sendFile({ chatId: ev.chatId }, name, bytes(data), key())),
    };
  }
  return personalReply(messenger, actorOf(ev), prefix);
}
