// The long-connection (长连接) side of the Feishu stand-in: the endpoint the client asks for a WebSocket URL
// (POST /callback/ws/endpoint with {AppID, AppSecret}) and the WebSocket itself, speaking pbbp2 frames
// (ws-frames.ts): pongs with the client configuration, events as data frames (split into parts on request),
// and the client's answer frames ({code: 200, data: base64(JSON)}). Like Feishu, it pushes each event to one
// random connected client, and only after that client's first ping; a push made while no client is connected
// waits for one (Feishu keeps the event and delivers it after the reconnect).
import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, FRAME_CONTROL, FRAME_DATA, headerOf, type Frame } from './ws-frames.ts';

export const WS_ENDPOINT_PATH = '/callback/ws/endpoint';
const CONNECT_PATH = '/callback/ws/connect';

/** What the client answered to one pushed event. */
export type WsAnswer = { messageId: string; code: number; data?: unknown; at: number };

type Conn = { socket: WebSocket; deviceId: string; ready: boolean; pings: number };
type Waiting = { resolve: (a: WsAnswer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export type EndpointAnswer = { status: number; json: unknown };

export class LongConnectionStandIn {
  /** Each request for a connection URL, and whether it was granted. */
  readonly endpointCalls: { appId: string; granted: boolean; at: number }[] = [];
  /** Every answer frame received, oldest first. */
  readonly answers: WsAnswer[] = [];
  /** Seconds, as Feishu sends them; short reconnect delays keep tests fast (Feishu: 120 s, nonce 30 s). */
  clientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };
  /** Connections opened so far (a reconnect opens a new one). */
  connects = 0;
  /** False: pings go unanswered, as on a connection a firewall dropped without a word. */
  answerPings = true;

  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  private readonly conns = new Set<Conn>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly tickets = new Set<string>();
  private endpointFaults: { code: number; msg: string }[] = [];
  private seq = 0;
  private devices = 0;

  constructor(private readonly app: () => { appId: string; appSecret: string; url: string }) {}

  /** The next `times` endpoint requests are answered with this code instead of a URL. */
  refuseEndpoint(code: number, msg: string, times = 1): void {
    for (let i = 0; i < times; i++) this.endpointFaults.push({ code, msg });
  }

  endpoint(body: unknown): EndpointAnswer {
    const b = (body ?? {}) as { AppID?: unknown; AppSecret?: unknown };
    const { appId, appSecret, url } = this.app();
    const fault = this.endpointFaults.shift();
    const granted = !fault && b.AppID === appId && b.AppSecret === appSecret;
    this.endpointCalls.push({ appId: String(b.AppID ?? ''), granted, at: Date.now() });
    // (With `data` present, the official client gives up on a refusal; without it, it would retry for ever.)
    if (fault) return { status: 200, json: { code: fault.code, msg: fault.msg, data: {} } };
    if (!granted) return { status: 200, json: { code: 514, msg: 'auth failed: app_id or app_secret is invalid', data: {} } };
    const ticket = crypto.randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    const device = `dev_${++this.devices}`;
    const wsUrl = `${url.replace(/^http/, 'ws')}${CONNECT_PATH}?fpid=493&device_id=${device}&service_id=7&ticket=${ticket}`;
    return { status: 200, json: { code: 0, msg: 'ok', data: { URL: wsUrl, ClientConfig: this.clientConfig } } };
  }

  /** Takes an HTTP upgrade for the connect path; false for any other path. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const u = new URL(req.url ?? '/', 'http://standin');
    if (u.pathname !== CONNECT_PATH) return false;
    const ticket = u.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nhandshake-status: 514\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, u.searchParams.get('device_id') ?? ''));
    return true;
  }

  /** Connections that have pinged (the client listens from then on). */
  get connected(): number {
    return [...this.conns].filter((c) => c.ready).length;
  }

  async waitForClient(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.connected === 0) {
      if (Date.now() > deadline) throw new Error('long connection stand-in: no client connected');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /**
   * Pushes one event (a v2 envelope, plain JSON as over the long connection) to a random connected client,
   * in `parts` data frames sent last part first, and resolves with the client's answer.
   */
  async push(payload: unknown, o: { parts?: number; messageId?: string; timeoutMs?: number } = {}): Promise<WsAnswer> {
    const timeoutMs = o.timeoutMs ?? 10_000;
    await this.waitForClient(timeoutMs);
    const ready = [...this.conns].filter((c) => c.ready);
    const conn = ready[Math.floor(Math.random() * ready.length)]!;
    const messageId = o.messageId ?? `ws_msg_${++this.seq}_${crypto.randomBytes(4).toString('hex')}`;
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const parts = Math.max(1, Math.min(o.parts ?? 1, bytes.length));
    const size = Math.ceil(bytes.length / parts);
    const answer = new Promise<WsAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(messageId);
        reject(new Error(`long connection stand-in: no answer to ${messageId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(messageId, { resolve, reject, timer });
    });
    const seqId = BigInt(++this.seq);
    for (let i = parts - 1; i >= 0; i--) {
      this.send(conn, {
        seqId,
        logId: seqId,
        service: 7,
        method: FRAME_DATA,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: String(parts) },
          { key: 'seq', value: String(i) },
          { key: 'trace_id', value: `trace_${messageId}` },
        ],
        payload: bytes.subarray(i * size, Math.min(bytes.length, (i + 1) * size)),
      });
    }
    return answer;
  }

  /** Cuts every connection without a close handshake, as a network failure would. */
  drop(): void {
    for (const c of this.conns) c.socket.terminate();
    this.conns.clear();
  }

  async close(): Promise<void> {
    this.drop();
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new Error(`long connection stand-in stopped before ${id} was answered`));
    }
    this.waiting.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, deviceId: string): void {
    const conn: Conn = { socket, deviceId, ready: false, pings: 0 };
    this.conns.add(conn);
    this.connects++;
    socket.on('message', (data: Buffer) => {
      let frame: Frame;
      try {
        frame = decodeFrame(new Uint8Array(data));
      } catch {
        socket.terminate();
        return;
      }
      this.onFrame(conn, frame);
    });
    socket.on('close', () => this.conns.delete(conn));
    socket.on('error', () => this.conns.delete(conn));
  }

  private onFrame(conn: Conn, frame: Frame): void {
    if (frame.method === FRAME_CONTROL) {
      if (headerOf(frame, 'type') !== 'ping') return;
      conn.pings++;
      conn.ready = true;
      if (!this.answerPings) return;
      this.send(conn, {
        seqId: 0n,
        logId: 0n,
        service: frame.service,
        method: FRAME_CONTROL,
        headers: [{ key: 'type', value: 'pong' }],
        payload: new TextEncoder().encode(JSON.stringify(this.clientConfig)),
      });
      return;
    }
    const messageId = headerOf(frame, 'message_id') ?? '';
    let body: { code?: unknown; data?: unknown } = {};
    try {
      body = JSON.parse(new TextDecoder().decode(frame.payload ?? new Uint8Array())) as typeof body;
    } catch {
      /* an unreadable answer counts as no answer */
    }
    const answer: WsAnswer = {
      messageId,
      code: typeof body.code === 'number' ? body.code : 0,
      ...(typeof body.data === 'string' ? { data: JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) as unknown } : {}),
      at: Date.now(),
    };
    this.answers.push(answer);
    const w = this.waiting.get(messageId);
    if (!w) return;
    this.waiting.delete(messageId);
    clearTimeout(w.timer);
    w.resolve(answer);
  }

  private send(conn: Conn, frame: Frame): void {
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(encodeFrame(frame));
  }
}
