// The two outside ends of a conversation test: a messenger that records what the bot says (each key once,
// like the outbox) and a Feishu that serves the files people send.
import type { FeishuApi } from '../../src/ports/feishu.ts';
import { FeishuCallError } from '../../src/ports/feishu.ts';
import type { Card, Messenger, Recipient } from '../../src/ports/messenger.ts';

export type Sent = {
  messageId: string;
  key: string;
  op: 'create' | 'reply';
  /** open_id or chat_id it went to (a reply: the chat of the message replied to). */
  receiveId: string;
  replyTo?: string;
  msgType: 'text' | 'interactive' | 'file';
  content: Record<string, unknown>;
  fileName?: string;
  data?: Uint8Array;
};

export function createRecordingMessenger() {
  const sent: Sent[] = [];
  const byKey = new Map<string, Sent>();
  const patches: { messageId: string; key: string; content: Card }[] = [];
  const current = new Map<string, Card>();
  /** Replies go to the chat of the message they answer (known from its id: oc_… set by the test). */
  const chatOfMessage = new Map<string, string>();
  let n = 0;
  const keys = new Set<string>();

  const put = (key: string, m: Omit<Sent, 'messageId' | 'key'>): boolean => {
    if (keys.has(key)) return false;
    keys.add(key);
    const s: Sent = { ...m, key, messageId: `om_fake_${++n}` };
    sent.push(s);
    byKey.set(key, s);
    if (s.msgType === 'interactive') current.set(s.messageId, s.content);
    return true;
  };
  const idOf = (to: Recipient) => ('openId' in to ? to.openId : to.chatId);

  const messenger: Messenger = {
    async sendText(to, text, key) {
      return put(key, { op: 'create', receiveId: idOf(to), msgType: 'text', content: { text } });
    },
    async sendCard(to, card, key) {
      return put(key, { op: 'create', receiveId: idOf(to), msgType: 'interactive', content: structuredClone(card) });
    },
    async replyText(messageId, lane, text, key) {
      return put(key, { op: 'reply', receiveId: chatOfMessage.get(messageId) ?? lane.replace(/^chat:/, ''), replyTo: messageId, msgType: 'text', content: { text } });
    },
    async replyCard(messageId, lane, card, key) {
      return put(key, { op: 'reply', receiveId: chatOfMessage.get(messageId) ?? lane.replace(/^chat:/, ''), replyTo: messageId, msgType: 'interactive', content: structuredClone(card) });
    },
    async patchCard(target, _lane, card, key) {
      if (keys.has(key)) return false;
      keys.add(key);
      const messageId = 'messageId' in target ? target.messageId : byKey.get(target.sentKey)?.messageId;
      if (!messageId) return true; // stored; the outbox would give it up (the card to update was never sent)
      patches.push({ messageId, key, content: structuredClone(card) });
      current.set(messageId, structuredClone(card));
      return true;
    },
    async sendFile(to, fileName, data, key) {
      return put(key, { op: 'create', receiveId: idOf(to), msgType: 'file', content: { file_key: `file_${key}` }, fileName, data });
    },
  };

  return Object.assign(messenger, {
    /** What a person got in their 1:1 chat, in order (cards as sent). */
    to: (openId: string) => sent.filter((m) => m.op === 'create' && m.receiveId === openId),
    /** What was said in a group chat (replies to messages there, and messages sent to it). */
    inChat: (chatId: string) => sent.filter((m) => m.receiveId === chatId),
    /** A card as it looks now (after patches). */
    cardNow: (messageId: string) => current.get(messageId) ?? sent.find((m) => m.messageId === messageId)?.content ?? null,
    patches: () => [...patches],
    all: () => [...sent],
    /** Every card sent or patched. */
    cards: () => [...sent.filter((m) => m.msgType === 'interactive').map((m) => m.content), ...patches.map((p) => p.content)],
  });
}

export function createConverseFeishu() {
  const files = new Map<string, Buffer>();
  const users = new Map<string, { name?: string; mobile?: string }>();
  const api: Pick<FeishuApi, 'downloadResource' | 'getUser' | 'resolveMobiles'> = {
    async downloadResource(p) {
      const data = files.get(`${p.messageId}/${p.fileKey}`);
      if (!data) throw new FeishuCallError('resource not found', 'permanent', { status: 404 });
      if (data.length > p.maxBytes) throw new FeishuCallError(`file larger than ${p.maxBytes} bytes`, 'permanent', { code: -413 });
      return Buffer.from(data);
    },
    async getUser(openId) {
      const u = users.get(openId);
      return u ? { openId, name: u.name, mobile: u.mobile } : null;
    },
    async resolveMobiles(mobiles) {
      const out = new Map<string, string>();
      for (const [openId, u] of users) if (u.mobile && mobiles.includes(u.mobile)) out.set(u.mobile, openId);
      return out;
    },
  };
  return Object.assign(api, {
    putFile: (messageId: string, fileKey: string, data: Buffer) => void files.set(`${messageId}/${fileKey}`, data),
    putUser: (openId: string, u: { name?: string; mobile?: string }) => void users.set(openId, u),
  });
}
