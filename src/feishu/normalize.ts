// Turns an authentic, decrypted push into one of the small shapes in services/inbound.ts, or says why it
// is ignored. Feishu's event-type strings live here and nowhere else.
// Payload references: ../shared/feishu.md §2 (events) and §4.4 (card.action.trigger).
import { z } from 'zod';
import { cleanStrings, cleanText } from '../domain/text-hygiene.ts';
import type { CardAction, InboundEvent } from '../inbound.ts';

export type Normalized =
  | { type: 'challenge'; challenge: string }
  | { type: 'event'; event: InboundEvent }
  | { type: 'card_action'; action: CardAction }
  | { type: 'ignored'; reason: string; eventType?: string | undefined }
  | { type: 'invalid'; reason: string; status: 400 | 401; eventType?: string | undefined };

const headerSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  app_id: z.string().optional(),
  create_time: z.string().optional(),
});

/** Feishu's millisecond timestamps come as strings; anything else is not a time. */
function msOf(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d{10,13}$/.test(v)) return undefined;
  const n = Number(v);
  return v.length === 10 ? n * 1000 : n;
}

const userIdSchema = z.object({ open_id: z.string().min(1) }).loose();

const messageEventSchema = z.object({
  sender: z.object({ sender_id: userIdSchema, sender_type: z.string().optional() }).loose(),
  message: z
    .object({
      message_id: z.string().min(1),
      chat_id: z.string().min(1),
      chat_type: z.string(),
      message_type: z.string(),
      content: z.string().default('{}'),
      create_time: z.string().optional(),
      mentions: z
        .array(z.object({ key: z.string().optional(), id: z.object({ open_id: z.string().optional() }).loose() }).loose())
        .optional(),
    })
    .loose(),
});

const chatEnteredSchema = z.object({ chat_id: z.string().min(1), operator_id: userIdSchema }).loose();

const menuSchema = z
  .object({ event_key: z.string().min(1).max(64), operator: z.object({ operator_id: userIdSchema }).loose() })
  .loose();

const cardActionSchema = z
  .object({
    operator: userIdSchema,
    token: z.string().optional(),
    action: z
      .object({
        tag: z.string().optional(),
        name: z.string().optional(),
        value: z.unknown(),
        form_value: z.record(z.string(), z.unknown()).optional(),
        option: z.string().optional(),
        options: z.array(z.string()).optional(),
        input_value: z.string().optional(),
        checked: z.boolean().optional(),
      })
      .loose(),
    context: z.object({ open_message_id: z.string().min(1), open_chat_id: z.string().optional() }).loose(),
  })
  .loose();

/** Pulls readable text out of a `text` or `post` content string; @-mention placeholders removed. */
export function textOfContent(messageType: string, content: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  let text: string | undefined;
  if (messageType === 'text') {
    const t = (parsed as { text?: unknown }).text;
    text = typeof t === 'string' ? t : undefined;
  } else if (messageType === 'post') {
    text = postText(parsed as Record<string, unknown>);
  }
  return text === undefined ? undefined : cleanText(text).replace(/@_user_\d+/g, ' ').replace(/\s+/g, ' ').trim();
}

function postText(post: Record<string, unknown>): string {
  // A post may arrive as {title, content} or keyed by locale ({zh_cn: {title, content}}).
  const body = (Array.isArray(post.content) ? post : Object.values(post).find((v) => v && typeof v === 'object')) as
    | { title?: unknown; content?: unknown }
    | undefined;
  const lines: string[] = [];
  if (body && typeof body.title === 'string' && body.title) lines.push(body.title);
  for (const para of Array.isArray(body?.content) ? body.content : []) {
    if (!Array.isArray(para)) continue;
    lines.push(
      para
        .map((el: { tag?: string; text?: string }) => (el && (el.tag === 'text' || el.tag === 'a') ? (el.text ?? '') : ''))
        .join(''),
    );
  }
  return lines.join('\n');
}

function fileOfContent(type: string, content: string): { fileKey: string; fileName: string; type: 'file' | 'image' } | undefined {
  try {
    const c = JSON.parse(content) as { file_key?: unknown; file_name?: unknown; image_key?: unknown };
    if (type === 'file' && typeof c.file_key === 'string' && c.file_key) {
      return { fileKey: c.file_key, fileName: typeof c.file_name === 'string' ? cleanText(c.file_name) : '', type: 'file' };
    }
    // A photo (e.g. of a sealed statement): Feishu gives no name; the download is an image resource.
    if (type === 'image' && typeof c.image_key === 'string' && c.image_key) return { fileKey: c.image_key, fileName: '图片.jpg', type: 'image' };
  } catch {
    /* not a file */
  }
  return undefined;
}

type EventNormalizer = (eventId: string, body: unknown, pushedAtMs: number | undefined) => InboundEvent | null;

const normalizers: Record<string, EventNormalizer> = {
  'im.message.receive_v1': (eventId, body, pushedAtMs) => {
    const p = messageEventSchema.safeParse(body);
    if (!p.success) return null;
    const { sender, message } = p.data;
    if (sender.sender_type && sender.sender_type !== 'user') return null;
    if (message.chat_type !== 'p2p' && message.chat_type !== 'group' && message.chat_type !== 'topic_group') return null;
    return {
      kind: 'message',
      eventId,
      messageId: message.message_id,
      chatId: message.chat_id,
      chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
      senderOpenId: sender.sender_id.open_id,
      messageType: message.message_type,
      text: textOfContent(message.message_type, message.content),
      file: message.message_type === 'file' || message.message_type === 'image' ? fileOfContent(message.message_type, message.content) : undefined,
      mentionOpenIds: (message.mentions ?? []).map((m) => m.id.open_id).filter((x): x is string => !!x),
      sentAtMs: msOf(message.create_time) ?? pushedAtMs,
    };
  },
  'im.chat.access_event.bot_p2p_chat_entered_v1': (eventId, body) => {
    const p = chatEnteredSchema.safeParse(body);
    return p.success ? { kind: 'p2p_entered', eventId, openId: p.data.operator_id.open_id, chatId: p.data.chat_id } : null;
  },
  'application.bot.menu_v6': (eventId, body, pushedAtMs) => {
    const p = menuSchema.safeParse(body);
    return p.success ? { kind: 'menu', eventId, openId: p.data.operator.operator_id.open_id, eventKey: p.data.event_key, sentAtMs: pushedAtMs } : null;
  },
};

function normalizeCardAction(eventId: string, body: unknown): CardAction | null {
  const p = cardActionSchema.safeParse(body);
  if (!p.success) return null;
  const { operator, action, context, token } = p.data;
  return {
    kind: 'card_action',
    eventId,
    openId: operator.open_id,
    messageId: context.open_message_id,
    chatId: context.open_chat_id,
    token,
    tag: action.tag,
    name: action.name,
    value: action.value,
    // What a person typed or picked is cleaned like chat text; button values are the bot's own (schema-checked).
    formValue: cleanStrings(action.form_value),
    option: cleanStrings(action.option),
    options: cleanStrings(action.options),
    inputValue: cleanStrings(action.input_value),
    checked: action.checked,
  };
}

export function normalizePush(payload: Record<string, unknown>, appId: string): Normalized {
  if (payload.type === 'url_verification') {
    return typeof payload.challenge === 'string'
      ? { type: 'challenge', challenge: payload.challenge }
      : { type: 'invalid', reason: 'challenge_without_value', status: 400 };
  }
  if (payload.schema !== '2.0') {
    // v1.0 events and old-protocol card callbacks: this app is configured for v2.0 only.
    return { type: 'ignored', reason: 'not_schema_2' };
  }
  const header = headerSchema.safeParse(payload.header);
  if (!header.success) return { type: 'invalid', reason: 'bad_header', status: 400 };
  const { event_id: eventId, event_type: eventType, app_id: pushedAppId, create_time: createTime } = header.data;
  if (pushedAppId && pushedAppId !== appId) {
    return { type: 'invalid', reason: 'app_id_mismatch', status: 401, eventType };
  }
  if (eventType === 'card.action.trigger') {
    const action = normalizeCardAction(eventId, payload.event);
    return action ? { type: 'card_action', action } : { type: 'invalid', reason: 'bad_card_action', status: 400, eventType };
  }
  const normalize = normalizers[eventType];
  if (!normalize) return { type: 'ignored', reason: 'unknown_event_type', eventType };
  const event = normalize(eventId, payload.event, msOf(createTime));
  return event ? { type: 'event', event } : { type: 'ignored', reason: 'unusable_event_body', eventType };
}
