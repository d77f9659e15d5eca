// createServer(deps) → the HTTP request listener. Never listens: main/app decides where, tests drive it
// directly. Feishu's pushes go straight to the webhook handler (feishu/webhook.ts); everything else to Express.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import { pushPath, type WebhookHandler } from './feishu/webhook.ts';
import type { Logger } from './logger.ts';
import type { LoadMeter } from './runtime/load-meter.ts';

export type ServerDeps = {
  logger: Logger;
  /** The push routes; absent when they are closed (long connection without any push secret). */
  webhook?: WebhookHandler;
  /** True when the database answers. */
  healthy: () => Promise<boolean>;
  /** Over the long connection: its state, and whether it has been down for longer than allowed. */
  feishu?: () => { state: string; down: boolean };
  meter?: LoadMeter;
};

export function createServer(deps: ServerDeps): RequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', true);

  app.get('/healthz', async (_req, res) => {
    const dbOk = await deps.healthy().catch(() => false);
    const link = deps.feishu?.();
    const ok = dbOk && !link?.down;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', ...(link ? { feishu: link.state } : {}), ...(dbOk ? {} : { database: 'unavailable' }) });
  });

  app.use((req, res) => {
    res.status(404).json({ error: 'not found', path: req.path });
  });

  const onError: ErrorRequestHandler = (err: { type?: string; status?: number }, req, res, _next) => {
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      deps.logger.warn({ path: req.path, reason: err.type ?? 'bad_request' }, 'request rejected');
      res.status(err.status).json({ error: err.type ?? 'bad request' });
      return;
    }
    deps.logger.error({ err, path: req.path }, 'request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);

  const meter = deps.meter;
  const webhook = deps.webhook;
  return (req: IncomingMessage, res: ServerResponse) => {
    if (meter && pushPath(req)) {
      const leave = meter.enter();
      res.once('finish', leave);
      res.once('close', leave);
    }
    if (webhook?.(req, res)) return;
    app(req, res);
  };
}
