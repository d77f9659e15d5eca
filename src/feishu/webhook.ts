// The HTTP receiver for event pushes and card callbacks. Transport only: open (verify + decrypt), hand the
// payload to ingress.ts, write its outcome as the HTTP answer. Events are stored and acknowledged at once
// (Feishu wants 200 within 3 s); card clicks are answered inside the callback with {toast, card}.
//
// It answers on Node's request and response directly, before Express sees the request: the two routes need
// a content type check and a bounded body, not a router and body-parser, whose layers took about a tenth of
// the CPU of each acknowledgement in a flood (issue 15: acknowledgements ≥ 80 % of a minimal bot's).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';
import { receivePush, type PushHandlers } from './ingress.ts';
import { openRequest, type FeishuSecrets } from './verify.ts';

export type WebhookOptions = {
  appId: string;
  secrets: FeishuSecrets;
  logger: Logger;
  handlers: PushHandlers;
  /** Largest body accepted, in bytes; real pushes are a few KB (default 1 MB). */
  bodyLimit?: number;
  /** A signed request whose timestamp is further than this from our clock is refused (a replay). */
  maxRequestAgeMs: number;
  /** Transport time (real time, not the business clock a test may move). */
  nowMs?: () => number;
};

/** Answers a request for one of the push routes; false for any other request (left to the rest of the server). */
export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const PUSH_PATHS: readonly string[] = ['/feishu/events', '/feishu/cards'];

/**
 * The push route `req` asks for, or null. Matched as Express matched routes: a POST, in any case, with or
 * without a trailing slash (the address as typed into Feishu's console).
 */
export function pushPath(req: IncomingMessage): string | null {
  if (req.method !== 'POST') return null;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).toLowerCase().replace(/(.)\/$/, '$1');
  return PUSH_PATHS.includes(path) ? path : null;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const isJson = (contentType: string | undefined) => contentType?.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';

type Body = { ok: true; body: Buffer } | { ok: false; status: 413 | 415 | 400; reason: string };

/** The request body, up to `limit` bytes; past it the rest is not read. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const encoding = header(req, 'content-encoding');
    if (encoding && encoding.toLowerCase() !== 'identity') {
      req.resume();
      resolve({ ok: false, status: 415, reason: 'unsupported content encoding' });
      return;
    }
    const declared = Number(header(req, 'content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, reason: 'body_too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (done) return;
      done = true;
      resolve(b);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, status: 413, reason: 'body_too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ ok: false, status: 400, reason: 'request_aborted' }));
    req.on('close', () => finish({ ok: false, status: 400, reason: 'request_aborted' })); // after 'end' this changes nothing
  });
}

export function createWebhookHandler(opts: WebhookOptions): WebhookHandler {
  const limit = opts.bodyLimit ?? 1024 * 1024;
  const log = opts.logger;

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!isJson(header(req, 'content-type'))) {
      log.warn({ path, contentType: req.headers['content-type'] }, 'push rejected: content type');
      req.resume();
      send(res, 400, { error: 'content-type must be application/json' });
      return;
    }
    const read = await readBody(req, limit);
    if (!read.ok) {
      log.warn({ path, reason: read.reason }, 'push rejected');
      // A body cut short is not read to its end: the connection is closed after the answer.
      if (read.status === 413) res.setHeader('connection', 'close');
      send(res, read.status, { error: read.status === 413 ? 'body too large' : read.reason });
      return;
    }
    const body = read.body;
    if (body.length === 0) {
      log.warn({ path, reason: 'empty_body' }, 'push rejected');
      send(res, 400, { error: 'empty body' });
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
      log.warn({ path, reason: opened.reason, status: opened.status }, 'push rejected');
      send(res, opened.status, { error: opened.reason });
      return;
    }
    const r = await receivePush(opened.payload, { appId: opts.appId, handlers: opts.handlers, logger: log, transport: 'webhook', path });
    switch (r.kind) {
      case 'challenge':
        send(res, 200, { challenge: r.challenge });
        return;
      case 'invalid':
        send(res, r.status, { error: r.reason });
        return;
      case 'ignored':
      case 'event':
        send(res, 200, {});
        return;
      case 'card':
        send(res, 200, r.body);
        return;
    }
  }

  return (req, res) => {
    const path = pushPath(req);
    if (!path) return false;
    handle(req, res, path).catch((err: unknown) => {
      // Not stored (the database failed): never acknowledged, so Feishu delivers it again.
      log.error({ err, path }, 'request failed');
      send(res, 500, { error: 'internal error' });
    });
    return true;
  };
}
