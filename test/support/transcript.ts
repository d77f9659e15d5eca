// Conversation tests read as transcripts: a person says something through the real webhook, the bot's
// answers are read back from the Feishu stand-in as plain text (cards flattened), buttons are clicked by
// their label, through the real card callback.
import { expect } from 'vitest';
import type { Harness } from './harness.ts';
import type { StubMessage } from './feishu-stub.ts';
import { assertValidCallback } from './card-lint.ts';

type Node = Record<string, unknown>;

/** Every markdown / plain text of a card, in order, and its buttons' labels in [brackets]. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Node;
    if (o.tag === 'markdown' && typeof o.content === 'string') out.push(o.content);
    if (o.tag === 'button') out.push(`[${(o.text as Node).content}]`);
    if (o.tag === 'select_static' || o.tag === 'input') out.push(`<${o.name ?? (o.placeholder as Node | undefined)?.content ?? o.tag}>`);
    if (o.header) {
      const h = o.header as Node;
      out.push(`# ${(h.title as Node).content}${h.subtitle ? ` · ${(h.subtitle as Node).content}` : ''}`);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'header' && typeof v === 'object') walk(v);
  };
  walk(card);
  return out.join('\n');
}

export function messageText(m: StubMessage | { msgType: string; content: Record<string, unknown> }): string {
  return m.msgType === 'text' ? String(m.content.text) : m.msgType === 'interactive' ? cardText(m.content) : `(${m.msgType})`;
}

type Button = { label: string; value: unknown; messageId: string };

function buttonsOf(card: unknown, messageId: string): Button[] {
  const out: Button[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Node;
    if (o.tag === 'button') {
      const value = (o.behaviors as { value?: unknown }[] | undefined)?.[0]?.value;
      out.push({ label: String((o.text as Node).content), value, messageId });
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export function transcript(h: Harness, openId: string) {
  let seen = h.stub.messagesTo(openId).length;
  const fresh = () => {
    const all = h.stub.messagesTo(openId);
    const out = all.slice(seen);
    seen = all.length;
    return out;
  };
  const t = {
    /** Says something and returns the bot's answers (one string per message). */
    async say(text: string): Promise<string[]> {
      const res = await h.say(openId, text);
      expect(res.status).toBe(200);
      await h.bot.idle();
      return fresh().map(messageText);
    },
    /** Clicks the button with this label on the most recent card that has it. */
    async click(label: string | RegExp, extra: { formValue?: Record<string, unknown>; option?: string } = {}) {
      const cards = [...h.stub.messagesTo(openId)].reverse().filter((m) => m.msgType === 'interactive');
      const match = (b: Button) => (typeof label === 'string' ? b.label === label : label.test(b.label));
      const b = cards.flatMap((m) => buttonsOf(m.content, m.messageId)).find(match);
      if (!b) throw new Error(`no button「${label}」in:\n${cards.slice(0, 2).map((c) => cardText(c.content)).join('\n---\n')}`);
      return t.clickValue(b.messageId, b.value, extra);
    },
    async clickValue(messageId: string, value: unknown, extra: { formValue?: Record<string, unknown>; option?: string } = {}) {
      const res = await h.click(openId, messageId, value, extra);
      expect(res.status).toBe(200);
      await h.bot.idle();
      const body = res.json as { toast?: { content: string; type: string }; card?: { data: unknown } };
      assertValidCallback(body, `callback response to ${JSON.stringify(value)}`); // what Feishu would refuse to show
      return { toast: body.toast, card: body.card?.data, cardText: body.card ? cardText(body.card.data) : '', messages: fresh().map(messageText) };
    },
    lastCard(): StubMessage {
      const cards = h.stub.messagesTo(openId).filter((m) => m.msgType === 'interactive');
      return cards[cards.length - 1]!;
    },
    all: () => h.stub.messagesTo(openId).map(messageText),
  };
  return t;
}
