// The small shapes the Feishu adapter normalizes inbound pushes into. Services only ever see these.

export type IncomingMessage = {
  kind: 'message';
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  messageType: string;
  /** Plain text with @-mention placeholders removed; undefined for non-text messages. */
  text?: string | undefined;
  /** A file or an image the person sent (images have no name of their own). */
  file?: { fileKey: string; fileName: string; type: 'file' | 'image' } | undefined;
  mentionOpenIds: string[];
  /** When the person sent it (Feishu's clock), if the push said. */
  sentAtMs?: number | undefined;
  /** Set when it reached us long after it was sent (a connection was down, or Feishu retried for a while). */
  lateByMs?: number | undefined;
};

export type ChatEntered = { kind: 'p2p_entered'; eventId: string; openId: string; chatId: string };

export type MenuClicked = { kind: 'menu'; eventId: string; openId: string; eventKey: string; sentAtMs?: number | undefined; lateByMs?: number | undefined };

export type InboundEvent = IncomingMessage | ChatEntered | MenuClicked;

export type CardAction = {
  kind: 'card_action';
  eventId: string;
  openId: string;
  messageId: string;
  chatId?: string | undefined;
  /** Delayed-update token (valid 30 min, 2 uses). */
  token?: string | undefined;
  tag?: string | undefined;
  name?: string | undefined;
  value: unknown;
  formValue?: Record<string, unknown> | undefined;
  option?: string | undefined;
  options?: string[] | undefined;
  inputValue?: string | undefined;
  checked?: boolean | undefined;
};

export type Toast = { type: 'info' | 'success' | 'error' | 'warning'; content: string };

/** What a card click answers inside the callback: a toast and/or a replacement card (JSON 2.0). */
export type CardResponse = { toast?: Toast; card?: Record<string, unknown> };

/** A command that reaches us later than this after it was sent is answered with a word about the delay. */
export const LATE_AFTER_MS = 3 * 60_000;

/** Stamps the delay on a message or menu click that arrives late (Feishu's and our clocks may differ a little). */
export function markLate<E extends InboundEvent>(ev: E, receivedAt: Date, lateAfterMs = LATE_AFTER_MS): E {
  if (ev.kind === 'p2p_entered' || ev.sentAtMs === undefined) return ev;
  const delay = receivedAt.getTime() - ev.sentAtMs;
  return delay > lateAfterMs ? { ...ev, lateByMs: delay } : ev;
}

/** The key that makes re-deliveries of one push collapse into one stored row. */
export function dedupKeyOf(ev: InboundEvent): string {
  return ev.kind === 'message' ? `msg:${ev.messageId}` : `evt:${ev.eventId}`;
}

/** The person who caused the event. */
export function actorOf(ev: InboundEvent): string {
  return ev.kind === 'message' ? ev.senderOpenId : ev.openId;
}

/** Events of one person are processed in order; different people in parallel. */
export function laneOf(ev: InboundEvent): string {
  return `user:${actorOf(ev)}`;
}

/** An event set aside after it ended the process `crashes` times (runtime/inbox.ts). */
export type QuarantineInfo = { id: number; crashes: number; attempts: number };
