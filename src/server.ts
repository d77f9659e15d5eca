// createServer(deps) → express app. Never listens: main/app decides where, tests drive it directly.
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Logger } from './logger.ts';
import type { LoadMeter } from './runtime/load-meter.ts';

export type ServerDeps = {
  logger: Logger;
  /** The push routes; absent when they are closed (long connection without any push secret). */
  webhook?: Router;
  /** True when the database answers. */
  healthy: () => Promise<boolean>;
  /** Over the long connection: its state, and whether it has been down for longer than allowed. */
  feishu?: () => { state: string; down: boolean };
  meter?: LoadMeter;
};

export function createServer(deps: ServerDeps): express.Express {
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

  if (deps.meter) {
    const meter = deps.meter;
    app.use('/feishu', (_req, res, next) => {
      const leave = meter.enter();
      res.once('finish', leave);
      res.once('close', leave);
      next();
    });
  }
  if (deps.webhook) app.use(deps.webhook);

  app.use((req, res) => {
    res.status(404).json({ error: 'not found', path: req.path });
  });

  const onError: ErrorRequestHandler = (err: { type?: string; status?: number }, req, res, _next) => {
    // Body-parser errors carry a status: 413 for an oversized body, 400 for a bad encoding.
    if (err.type === 'entity.too.large') {
      deps.logger.warn({ path: req.path, reason: 'body_too_large' }, 'push rejected');
      res.status(413).json({ error: 'body too large' });
      return;
    }
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      deps.logger.warn({ path: req.path, reason: err.type ?? 'bad_request' }, 'request rejected');
      res.status(err.status).json({ error: err.type ?? 'bad request' });
      return;
    }
    deps.logger.error({ err, path: req.path }, 'request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}
