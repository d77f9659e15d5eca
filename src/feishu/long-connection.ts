// The long connection (长连接): the bot opens a WebSocket to Feishu with the App ID and Secret and receives
// events and card callbacks over it, so it needs no public address. The official client (`WSClient`) keeps
// the socket (endpoint, pings, reconnects, frames split into parts); from its frames on, everything takes
// the webhook's path (ingress.ts): the same normalisation, the inbox stores an event before its answer
// frame is sent, a card click is answered with the same {toast, card}. A handler that throws (the event
// could not be stored) makes the client answer 500, and Feishu pushes the event again.
// The SDK is loaded only in this mode. Platform facts: ../shared/feishu.md §6.5 and §7a.
import axios from 'axios';
import type { Logger } from '../logger.ts';
import { receivePush, type PushHandlers } from './ingress.ts';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export type LinkStatus = { state: LinkState; /** ms since the state began */ forMs: number; reconnects: number };

/** Feishu refused the credentials: the bot does not start (main.ts prints the message and exits with 78). */
export class LongConnectionRefused extends Error {
  override name = 'LongConnectionRefused';
}

/** Down for longer than the grace: /healthz answers 503, so an orchestrator restarts or alerts. */
export function linkDown(s: LinkStatus, graceMs: number): boolean {
  return s.state !== 'connected' && s.forMs > graceMs;
}

export type LongConnectionOptions = {
  appId: string;
  appSecret: string;
  baseUrl: string;
  logger: Logger;
  handlers: PushHandlers;
  /** Called as a pushed frame starts being handled; the returned function when it is answered (load meter). */
  enter?: () => () => void;
  nowMs?: () => number;
  /** Seconds without any frame after a ping before the connection is taken for dead and opened again (default 30). */
  pingTimeoutS?: number;
  /** How long the start waits for the first connection before going on without it (default 10 s). */
  firstConnectWaitMs?: number;
};

export type LongConnection = {
  status(): LinkStatus;
  /** Stops receiving: frames not yet answered are pushed again by Feishu (to another instance, or after a restart). */
  stop(): void;
};

type SdkLogger = Record<'error' | 'warn' | 'info' | 'debug' | 'trace', (...msg: unknown[]) => void>;

function sdkLogger(log: Logger): SdkLogger {
  // The client hands over its arguments as one array: ['[ws]', 'reconnect'].
  const line = (msg: unknown[]) => msg.flat().map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    error: (...m) => log.error({ sdk: 'ws' }, line(m)),
    warn: (...m) => log.warn({ sdk: 'ws' }, line(m)),
    info: (...m) => log.info({ sdk: 'ws' }, line(m)),
    // The client's debug lines carry whole event payloads (people's messages): never logged.
    debug: () => undefined,
    trace: () => undefined,
  };
}

/** Feishu's refusal (a code and message, or the client's "pullConnectConfig failed: code=514, msg=…") → the operator's sentence. */
export function refusalMessage(refusal: { code: number; msg: string } | Error): string {
  let code: number | null = null;
  let msg = '';
  if (refusal instanceof Error) {
    const m = /code=(-?\d+), msg=(.*)$/s.exec(refusal.message);
    if (m) [code, msg] = [Number(m[1]), m[2]!.trim()];
    else msg = refusal.message;
  } else [code, msg] = [refusal.code, refusal.msg];
  const said = code === null ? `飞书返回：${msg}` : `飞书返回错误码 ${code}（${msg}）`;
  // 1000040350: more connections than Feishu allows one app (50).
  if (code === 1000040350) {
    return `飞书拒绝了长连接，机器人没有启动：${said}。这个应用的长连接数已达到飞书的上限（每个应用最多 50 个）：请停掉多余的实例，或检查是否有别的程序在用同一个应用连接飞书。`;
  }
  return [
    `飞书拒绝了长连接，机器人没有启动：${said}。`,
    '请核对 FEISHU_APP_ID 和 FEISHU_APP_SECRET 是否与开发者后台「凭证与基础信息」中的一致，',
    '并确认这是企业自建应用（长连接只支持自建应用）、已启用机器人能力并发布了版本。说明见 README.md 的「长连接」一节。',
  ].join('');
}

/**
 * Asks Feishu for a tenant_access_token with the configured credentials: a clear answer whichever way the
 * connection endpoint reports a refusal (the client retries for ever when that answer has no `data`).
 * Feishu not answering (network, 5xx) is not a refusal: the client keeps trying to connect.
 */
export async function checkCredentials(baseUrl: string, appId: string, appSecret: string): Promise<{ code: number; msg: string } | null> {
  try {
    const res = await axios.post(`${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, { app_id: appId, app_secret: appSecret }, { timeout: 10_000, validateStatus: () => true });
    const body = (res.data ?? {}) as { code?: unknown; msg?: unknown };
    if (res.status >= 500 || typeof body.code !== 'number') return null;
    return body.code === 0 ? null : { code: body.code, msg: typeof body.msg === 'string' ? body.msg : '' };
  } catch {
    return null;
  }
}

export async function startLongConnection(o: LongConnectionOptions): Promise<LongConnection> {
  const nowMs = o.nowMs ?? Date.now;
  const log = o.logger.child({ transport: 'ws' });
  const refused = await checkCredentials(o.baseUrl, o.appId, o.appSecret);
  if (refused) throw new LongConnectionRefused(refusalMessage(refused));
  const lark = await import('@larksuiteoapi/node-sdk');
  let state: LinkState = 'connecting';
  let since = nowMs();
  let reconnects = 0;
  let failure: Error | null = null;
  let settle: () => void = () => undefined;
  const firstOutcome = new Promise<void>((resolve) => (settle = resolve));
  const become = (next: LinkState) => {
    if (next === state) return;
    state = next;
    since = nowMs();
  };

  const client = new lark.WSClient({
    appId: o.appId,
    appSecret: o.appSecret,
    domain: o.baseUrl,
    logger: sdkLogger(log),
    loggerLevel: lark.LoggerLevel.info,
    // A connection a firewall or NAT dropped silently is noticed by its unanswered ping (Feishu answers every
    // ping with a pong) instead of never; a handshake that hangs is abandoned and retried.
    wsConfig: { pingTimeout: o.pingTimeoutS ?? 30 },
    handshakeTimeoutMs: 15_000,
    onReady: () => {
      become('connected');
      settle();
      log.info('long connection open');
    },
    onReconnecting: () => {
      become('reconnecting');
      log.warn('long connection lost; reconnecting');
    },
    onReconnected: () => {
      reconnects++;
      become('connected');
      log.info({ reconnects }, 'long connection open again');
    },
    onError: (err: Error) => {
      failure = err;
      become('failed');
      settle();
      log.error({ err: err.message }, 'long connection given up');
    },
  });

  // What WSClient asks of a dispatcher: invoke(data) with the merged frame payload; the resolved value is
  // returned to Feishu in the answer frame (a card callback's {toast, card}); a rejection answers 500.
  const dispatcher = {
    async invoke(data: unknown): Promise<Record<string, unknown> | undefined> {
      if (!data || typeof data !== 'object' || Array.isArray(data)) {
        log.warn({ reason: 'not_an_object' }, 'push rejected');
        return undefined;
      }
      const leave = o.enter?.();
      try {
        const r = await receivePush(data as Record<string, unknown>, { appId: o.appId, handlers: o.handlers, logger: log });
        return r.kind === 'card' ? r.body : undefined;
      } catch (err) {
        log.error({ err }, 'push not stored; answered 500, Feishu pushes it again');
        throw err;
      } finally {
        leave?.();
      }
    },
  };

  await client.start({ eventDispatcher: dispatcher as unknown as InstanceType<typeof lark.EventDispatcher> });
  // start() returns at once. Credentials Feishu refuses come back within a request; an unreachable Feishu is
  // retried by the client for ever, and the bot starts meanwhile (its /healthz says so).
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([firstOutcome, new Promise<void>((resolve) => (timer = setTimeout(resolve, o.firstConnectWaitMs ?? 10_000)))]);
  clearTimeout(timer);
  // (Both are set by the client's callbacks, which TypeScript cannot see.)
  const failed = failure as Error | null;
  if (failed) {
    client.close({ force: true });
    throw new LongConnectionRefused(refusalMessage(failed));
  }
  if ((state as LinkState) !== 'connected') log.warn('long connection not open yet; the client keeps trying');

  return {
    status: () => ({ state, forMs: Math.max(0, nowMs() - since), reconnects }),
    stop() {
      client.close({ force: true });
      become('closed');
    },
  };
}
