// A local stand-in for the Feishu OpenAPI, reached through the SDK's `domain` option (the tests use it, and
// the sandbox embeds it). It answers the calls the bot makes (token, message create / reply / patch, card update,
// resource download, file upload, user lookup, bot info: feishu-standin-routes.ts), records every call, enforces
// tokens and (optionally) rate limits, and can inject faults: 429 with x-ogw-ratelimit-reset, 230020, 5xx, an
// expired token (99991663), a dropped connection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stubRoutes } from './feishu-standin-routes.ts';
import { type Answer, fail, type Fault, ok, type ParsedRequest, readRequest, type Route, type StubCall, type StubMessage, type StubOptions } from './feishu-standin-wire.ts';
import { LongConnectionStandIn } from './long-connection-standin.ts';

export type { Fault, StubCall, StubMessage, StubOptions } from './feishu-standin-wire.ts';

export class FeishuStub {
  readonly calls: StubCall[] = [];
  /** Requests as they arrive (before any injected delay), for tests that act while one is in flight. */
  readonly arrivals: { op: string; path: string; at: number }[] = [];
  readonly messages: StubMessage[] = [];
  readonly patches: { messageId: string; content: Record<string, unknown>; at: number }[] = [];
  readonly cardUpdates: { token: string; card: unknown; at: number }[] = [];
  readonly uploads: { fileKey: string; fileName: string; fileType: string; data: Buffer }[] = [];
  readonly users = new Map<string, { name: string; mobile?: string }>();
  readonly resources = new Map<string, { data: Buffer; contentType: string }>();
  /** How many requests were refused because they broke a rate limit (should stay 0 for a polite client). */
  limitViolations = 0;
  /** Told of each message as it is stored (benchmarks time replies with it). */
  readonly onMessage = new Set<(m: StubMessage) => void>();
  url = '';
  /** The long connection (长连接): its endpoint and WebSocket are served on the same port. */
  readonly ws = new LongConnectionStandIn(() => ({ appId: this.appId, appSecret: this.appSecret, url: this.url }));

  private server: http.Server;
  private tokens = new Set<string>();
  private tokenSeq = 0;
  private messageSeq = 0;
  private faults: { op: string; fault: Fault }[] = [];
  private uuids = new Map<string, string>();
  private appWindow: number[] = [];
  private userWindows = new Map<string, number[]>();
  private routes: Route[];

  constructor(readonly options: StubOptions = {}) {
    this.routes = stubRoutes({
      app: () => ({ appId: this.appId, appSecret: this.appSecret, botOpenId: this.botOpenId }),
      ws: this.ws,
      patches: this.patches,
      cardUpdates: this.cardUpdates,
      uploads: this.uploads,
      users: this.users,
      resources: this.resources,
      issueToken: () => {
        const token = `t-stub-${++this.tokenSeq}`;
        this.tokens.add(token);
        return token;
      },
      deliver: (m) => this.deliver(m),
      overLimit: (receiver) => this.overLimit(receiver),
    });
    this.server = http.createServer((req, res) => {
      this.dispatch(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (!this.ws.upgrade(req, socket, head as Buffer)) socket.destroy();
    });
  }

  get appId() {
    return this.options.appId ?? 'cli_test_app';
  }
  get appSecret() {
    return this.options.appSecret ?? 'test-app-secret';
  }
  get botOpenId() {
    return this.options.botOpenId ?? 'ou_bot0000000000';
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.ws.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** After messages were put back (the sandbox's saved history): new ids continue after theirs. */
  restoreSequence(): void {
    for (const m of this.messages) this.messageSeq = Math.max(this.messageSeq, Number(/^om_stub_(\d+)$/.exec(m.messageId)?.[1] ?? 0));
  }

  /** The next `times` calls of `op` (e.g. 'message.create') fail with `fault`. */
  inject(op: string, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ op, fault });
  }

  /** Every token issued so far stops working (the next call answers 99991663). */
  expireTokens(): void {
    this.tokens.clear();
  }

  addUser(openId: string, name: string, mobile?: string): void {
    this.users.set(openId, { name, ...(mobile ? { mobile } : {}) });
  }

  addResource(messageId: string, fileKey: string, data: Buffer, contentType = 'application/octet-stream'): void {
    this.resources.set(`${messageId}/${fileKey}`, { data, contentType });
  }

  /** Messages (create or reply) that reached a person or chat, oldest first. */
  messagesTo(receiveId: string): StubMessage[] {
    return this.messages.filter((m) => m.receiveId === receiveId);
  }

  textsTo(receiveId: string): string[] {
    return this.messagesTo(receiveId)
      .filter((m) => m.msgType === 'text')
      .map((m) => String(m.content.text));
  }

  cards(): Record<string, unknown>[] {
    return [
      ...this.messages.filter((m) => m.msgType === 'interactive').map((m) => m.content),
      ...this.patches.map((p) => p.content),
    ];
  }

  async waitFor<T>(probe: () => T | undefined | false | null, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`Feishu stub: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private takeFault(op: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.op === op);
    if (i === -1) return undefined;
    return this.faults.splice(i, 1)[0]!.fault;
  }

  private overLimit(receiver: string | undefined): Answer | null {
    const limits = this.options.rateLimits;
    if (!limits) return null;
    const now = Date.now();
    const trim = (w: number[]) => {
      while (w.length && w[0]! <= now - 1000) w.shift();
    };
    trim(this.appWindow);
    if (this.appWindow.length >= limits.appPerSecond) {
      this.limitViolations++;
      return fail(429, 99991400, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '1' });
    }
    if (receiver) {
      const w = this.userWindows.get(receiver) ?? [];
      this.userWindows.set(receiver, w);
      trim(w);
      if (w.length >= limits.userPerSecond) {
        this.limitViolations++;
        return fail(400, 230020, 'This operation triggers the frequency limit');
      }
      w.push(now);
    }
    this.appWindow.push(now);
    return null;
  }

  private record(req: http.IncomingMessage, op: string, parsed: ParsedRequest, status: number) {
    this.calls.push({
      op,
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0]!,
      query: Object.fromEntries(parsed.query),
      body: parsed.body,
      authorization: req.headers.authorization,
      status,
      at: Date.now(),
    });
  }


  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { url, parsed } = await readRequest(req);
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) {
      this.record(req, 'unknown', parsed, 404);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 404, msg: `stub: no route ${req.method} ${url.pathname}` }));
      return;
    }
    this.arrivals.push({ op: route.op, path: url.pathname, at: Date.now() });
    let answer: Answer;
    const fault = this.takeFault(route.op);
    if (fault?.kind === 'network') {
      this.record(req, route.op, parsed, 0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (fault?.kind === 'token_expired') {
      this.expireTokens();
      answer = fail(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    } else if (fault?.kind === 'status') {
      answer = fail(fault.status, fault.code ?? fault.status, fault.msg ?? 'injected fault', fault.headers);
    } else if (!route.noAuth && (!token || !this.tokens.has(token))) {
      answer = fail(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    } else {
      answer = await route.handle(url.pathname.match(route.pattern)!, parsed);
    }
    const status = answer.status ?? 200;
    this.record(req, route.op, parsed, status);
    if (answer.bytes) {
      res.writeHead(status, { 'content-type': 'application/octet-stream', ...answer.headers });
      res.end(answer.bytes);
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.json ?? {}));
  }

  private deliver(m: Omit<StubMessage, 'messageId' | 'at'>): Answer {
    if (m.uuid && this.uuids.has(m.uuid)) {
      // Feishu refuses a second message with the same uuid within an hour; the first one stands.
      return ok({ message_id: this.uuids.get(m.uuid), msg_type: m.msgType });
    }
    const limited = this.overLimit(m.receiveId ?? m.replyTo);
    if (limited) return limited;
    const messageId = `om_stub_${++this.messageSeq}`;
    if (m.uuid) this.uuids.set(m.uuid, messageId);
    const stored = { ...m, messageId, at: Date.now() };
    this.messages.push(stored);
    for (const listener of this.onMessage) listener(stored);
    return ok({ message_id: messageId, msg_type: m.msgType, chat_id: 'oc_stub' });
  }
}

export async function startFeishuStub(options: StubOptions = {}): Promise<FeishuStub> {
  return new FeishuStub(options).start();
}
