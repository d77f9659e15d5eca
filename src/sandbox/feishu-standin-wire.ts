// The wire of the Feishu stand-in (feishu-standin.ts): what it records, the faults it can inject, the shape of a
// route and of its answer, and how a request's body is read (JSON or multipart).
import type http from 'node:http';

export type StubCall = {
  op: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string | undefined;
  status: number;
  at: number;
};

export type StubMessage = {
  messageId: string;
  op: 'create' | 'reply';
  receiveIdType?: string;
  receiveId?: string;
  replyTo?: string;
  msgType: string;
  content: Record<string, unknown>;
  uuid?: string;
  at: number;
};

export type Fault =
  | { kind: 'status'; status: number; code?: number; msg?: string; headers?: Record<string, string> }
  | { kind: 'token_expired' }
  | { kind: 'network' }
  | { kind: 'delay'; ms: number };

export type Route = {
  op: string;
  method: string;
  pattern: RegExp;
  handle: (m: RegExpMatchArray, req: ParsedRequest) => Answer | Promise<Answer>;
  noAuth?: boolean;
};

export type ParsedRequest = { query: URLSearchParams; body: unknown; raw: Buffer; headers: http.IncomingHttpHeaders };
export type Answer = { status?: number; json?: unknown; bytes?: Buffer; headers?: Record<string, string> };

export type StubOptions = {
  appId?: string;
  appSecret?: string;
  /** Enforce Feishu's limits (sliding 1 s): per app and per recipient. Violations answer like Feishu does. */
  rateLimits?: { appPerSecond: number; userPerSecond: number };
  botOpenId?: string;
};

export const ok = (data: unknown = {}): Answer => ({ json: { code: 0, msg: 'success', data } });
export const fail = (status: number, code: number, msg: string, headers?: Record<string, string>): Answer => ({
  status,
  json: { code, msg },
  headers,
});

function parseMultipart(raw: Buffer, contentType: string): Record<string, { value: Buffer; filename?: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const out: Record<string, { value: Buffer; filename?: string }> = {};
  if (!boundary) return out;
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let pos = raw.indexOf(sep);
  while (pos !== -1) {
    const start = pos + sep.length + 2; // skip CRLF
    const next = raw.indexOf(sep, start);
    if (next === -1) break;
    const part = raw.subarray(start, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name) out[name] = { value: part.subarray(headerEnd + 4), ...(filename !== undefined ? { filename } : {}) };
    pos = next;
  }
  return out;
}

/** Reads a request's body: JSON when it says so, the parts of a multipart form, otherwise nothing. */
export async function readRequest(req: http.IncomingMessage): Promise<{ url: URL; parsed: ParsedRequest }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const url = new URL(req.url ?? '/', 'http://stub');
  const contentType = req.headers['content-type'] ?? '';
  let body: unknown = undefined;
  if (contentType.includes('application/json') && raw.length) body = JSON.parse(raw.toString('utf8'));
  else if (contentType.includes('multipart/form-data')) body = parseMultipart(raw, contentType);
  const parsed: ParsedRequest = { query: url.searchParams, body, raw, headers: req.headers };
  return { url, parsed };
}
