// What happens to an authentic, plaintext push, whichever way it came (the webhook's POST or a data frame on
// the long connection): normalize it, store an event in the inbox before it is acknowledged, answer a card
// click inside the callback with {toast, card}. The transports only decide how the outcome is written back.
import type { Logger } from '../logger.ts';
import type { CardAction, CardResponse, InboundEvent } from '../inbound.ts';
import { normalizePush } from './normalize.ts';

export type PushHandlers = {
  acceptEvent(event: InboundEvent, log: Logger): Promise<'accepted' | 'duplicate'>;
  handleCardAction(action: CardAction, log: Logger): Promise<CardResponse>;
};

export type Transport = 'webhook' | 'ws';

export type PushOutcome =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'invalid'; reason: string; status: 400 | 401 }
  | { kind: 'ignored' }
  | { kind: 'event'; outcome: 'accepted' | 'duplicate' }
  | { kind: 'card'; body: Record<string, unknown> };

/** Feishu's callback response format (new protocol): a toast and a raw JSON 2.0 card. */
export function toCallbackBody(r: CardResponse): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (r.toast) body.toast = { type: r.toast.type, content: r.toast.content };
  if (r.card) body.card = { type: 'raw', data: r.card };
  return body;
}

/** Throws only when the event could not be stored: the transport must then not acknowledge it. */
export async function receivePush(
  payload: Record<string, unknown>,
  o: { appId: string; handlers: PushHandlers; logger: Logger; /** Named in each line unless the logger says it already. */ transport?: Transport; path?: string },
): Promise<PushOutcome> {
  const log = o.logger;
  const where = { ...(o.transport ? { transport: o.transport } : {}), ...(o.path ? { path: o.path } : {}) };
  const n = normalizePush(payload, o.appId);
  switch (n.type) {
    case 'challenge':
      log.info(where, 'url verification answered');
      return { kind: 'challenge', challenge: n.challenge };
    case 'invalid':
      log.warn({ ...where, reason: n.reason, eventType: n.eventType }, 'push rejected');
      return { kind: 'invalid', reason: n.reason, status: n.status };
    case 'ignored':
      log.info({ ...where, reason: n.reason, eventType: n.eventType }, 'push ignored');
      return { kind: 'ignored' };
    case 'event': {
      const ev = n.event;
      const ids = { eventId: ev.eventId, ...(ev.kind === 'message' ? { messageId: ev.messageId } : {}) };
      const outcome = await o.handlers.acceptEvent(ev, log);
      log.info({ ...where, ...ids, kind: ev.kind, outcome }, 'event acknowledged');
      return { kind: 'event', outcome };
    }
    case 'card_action': {
      const a = n.action;
      const clog = log.child({ eventId: a.eventId, messageId: a.messageId });
      const response = await o.handlers.handleCardAction(a, clog);
      clog.info({ ...where, toast: response.toast?.type, card: !!response.card }, 'card action answered');
      return { kind: 'card', body: toCallbackBody(response) };
    }
  }
}
