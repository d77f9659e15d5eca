// The HTTP receiver for event pushes and card callbacks. Transport only: open (verify + decrypt), hand the
// payload to ingress.ts, write its outcome as the HTTP answer. Events are stored and acknowledged at once
// (Feishu wants 200 within 3 s); card clicks are answered inside the callback with {toast, card}.
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../logger.ts';
import { receivePush, type PushHandlers } from './ingress.ts';
import { openRequest, type FeishuSecrets } from './verify.ts';

export type WebhookOptions = {
  appId: string;
  secrets: FeishuSecrets;
  logger: Logger;
  handlers: PushHandlers;
  /** Largest body accepted; real pushes are a few KB. */
  bodyLimit?: string;
  /** A signed request whose timestamp is further than this from our clock is refused (a replay). */
  maxRequestAgeMs: number;
  /** Transport time (real time, not the business clock a test may move). */
  nowMs?: () => number;
};

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
    const r = await receivePush(opened.payload, { appId: opts.appId, handlers: opts.handlers, logger: log, transport: 'webhook', path: req.path });
    switch (r.kind) {
      case 'challenge':
        res.json({ challenge: r.challenge });
        return;
      case 'invalid':
        res.status(r.status).json({ error: r.reason });
        return;
      case 'ignored':
      case 'event':
        res.json({});
        return;
      case 'card':
        res.json(r.body);
        return;
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
