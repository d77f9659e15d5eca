// The HTTP receiver for event pushes and card callbacks. Transport only: open (verify + decrypt),
// normalize, hand over, answer. Events are stored and acknowledged at once (Feishu wants 200 within 3 s);
// card clicks are answered inside the callback with {toast, card}.
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../logger.ts';
import type { CardAction, CardResponse, InboundEvent } from '../services/inbound.ts';
import { normalizePush } from './normalize.ts';
import { openRequest, type FeishuSecrets } from './verify.ts';

export type WebhookHandlers = {
  acceptEvent(event: InboundEvent, log: Logger): Promise<'accepted' | 'duplicate'>;
  handleCardAction(action: CardAction, log: Logger): Promise<CardResponse>;
};

export type WebhookOptions = {
  appId: string;
  secrets: FeishuSecrets;
  logger: Logger;
  handlers: WebhookHandlers;
  /** Largest body accepted; real pushes are a few KB. */
  bodyLimit?: string;
  /** A signed request whose timestamp is further than this from our clock is refused (a replay). */
  maxRequestAgeMs: number;
  /** Transport time (real time, not the business clock a test may move). */
  nowMs?: () => number;
};

/** Feishu's callback response format (new protocol): a toast and a raw JSON 2.0 card. */
export function toCallbackBody(r: CardResponse): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (r.toast) body.toast = { type: r.toast.type, content: r.toast.content };
  if (r.card) body.card = { type: 'raw', data: r.card };
  return body;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function createWebhookRouter(opts: WebhookOptions): Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: opts.bodyLimit ?? '1mb' });

  const handle = async (req: Request, res: Response) => {
    const log = opts.logger;
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      log.warn({ path: req.path, reason: 'empty_body' }, 'push rejected');
      res.status(400).json({ error: 'empty body' });
      return;
    }
    const opened = openRequest(
      body,
      {
        timestamp: header(req, 'x-lark-request-timestamp'),
        nonce: header(req, 'x-lark-request-nonce'),
        signature: header(req, 'x-lark-signature'),
      },
      opts.secrets,
      { nowMs: (opts.nowMs ?? Date.now)(), maxAgeMs: opts.maxRequestAgeMs },
    );
    if (!opened.ok) {
      log.warn({ path: req.path, reason: opened.reason, status: opened.status }, 'push rejected');
      res.status(opened.status).json({ error: opened.reason });
      return;
    }
    const n = normalizePush(opened.payload, opts.appId);
    switch (n.type) {
      case 'challenge':
        log.info('url verification answered');
        res.json({ challenge: n.challenge });
        return;
      case 'invalid':
        log.warn({ path: req.path, reason: n.reason, eventType: n.eventType }, 'push rejected');
        res.status(n.status).json({ error: n.reason });
        return;
      case 'ignored':
        log.info({ reason: n.reason, eventType: n.eventType }, 'push ignored');
        res.json({});
        return;
      case 'event': {
        const ev = n.event;
        const ids = { eventId: ev.eventId, ...(ev.kind === 'message' ? { messageId: ev.messageId } : {}) };
        const outcome = await opts.handlers.acceptEvent(ev, log);
        log.info({ ...ids, kind: ev.kind, outcome }, 'event acknowledged');
        res.json({});
        return;
      }
      case 'card_action': {
        const a = n.action;
        const clog = log.child({ eventId: a.eventId, messageId: a.messageId });
        const response = await opts.handlers.handleCardAction(a, clog);
        clog.info({ toast: response.toast?.type, card: !!response.card }, 'card action answered');
        res.json(toCallbackBody(response));
        return;
      }
    }
  };

  const requireJson = (req: Request, res: Response, next: () => void) => {
    if (!req.is('application/json')) {
      opts.logger.warn({ path: req.path, contentType: req.headers['content-type'] }, 'push rejected: content type');
      res.status(400).json({ error: 'content-type must be application/json' });
      return;
    }
    next();
  };

  for (const path of ['/feishu/events', '/feishu/cards']) {
    router.post(path, requireJson, raw, (req, res, next) => {
      handle(req, res).catch(next);
    });
  }
  return router;
}
