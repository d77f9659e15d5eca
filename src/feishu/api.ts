// FeishuApi implemented with the official SDK. Every outbound Feishu call of the bot goes through here.
// The SDK never retries and never refreshes a token on 99991663 (../shared/feishu.md §5.2-5.3): callers
// (the outbox) decide from the classified FeishuCallError.
import * as lark from '@larksuiteoapi/node-sdk';
import axios from 'axios';
import type { Logger } from '../logger.ts';
import { FeishuCallError, type FeishuApi, type ReceiveIdType } from '../services/ports.ts';
import { classifyError, failureFromBody } from './errors.ts';

export type FeishuApiOptions = {
  appId: string;
  appSecret: string;
  baseUrl: string;
  logger: Logger;
  /** Per-request timeout; the SDK's default axios instance has none. */
  timeoutMs?: number;
};

/**
 * A token cache of our own (not the SDK's process-wide singleton), so a token Feishu refused can be dropped.
 * Only that token is dropped: five sends failing with the same old token refresh it once, not five times.
 */
class TokenCache implements lark.Cache {
  private values = new Map<string, { value: unknown; expiresAt?: number | undefined }>();
  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- the SDK's Cache type says Symbol
  private keyOf(key: string | Symbol, namespace?: string) {
    return `${namespace ?? ''}/${key.toString()}`;
  }
  async set(key: string | Symbol, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.values.set(this.keyOf(key, options?.namespace), { value, expiresAt });
    return true;
  }
  async get(key: string | Symbol, options?: { namespace?: string }) {
    const hit = this.values.get(this.keyOf(key, options?.namespace));
    if (!hit || (hit.expiresAt !== undefined && hit.expiresAt <= Date.now())) return undefined;
    return hit.value;
  }
  /** The tokens a call about to start will use. */
  current(): unknown[] {
    return [...this.values.values()].map((v) => v.value);
  }
  /** Drops these tokens (a newer one fetched meanwhile stays); all of them when none are named. */
  forget(tokens: readonly unknown[] | null) {
    for (const [k, v] of this.values) if (!tokens || tokens.includes(v.value)) this.values.delete(k);
  }
}

/** One token request at a time: callers that find the cache empty together wait for the same answer. */
function singleFlightTokens(client: lark.Client) {
  const tm = (client as unknown as { tokenManager?: { getTenantAccessToken?: (p?: unknown) => Promise<string | undefined> } }).tokenManager;
  const original = tm?.getTenantAccessToken?.bind(tm);
  if (!tm || !original) return;
  let inFlight: Promise<string | undefined> | null = null;
  tm.getTenantAccessToken = (params?: unknown) =>
    (inFlight ??= original(params).finally(() => {
      inFlight = null;
    }));
}

function createHttpInstance(timeoutMs: number): lark.HttpInstance {
  const http = axios.create({ timeout: timeoutMs });
  // Same contract as the SDK's default instance: resolve to the body (or {data, headers} on request).
  http.interceptors.response.use((resp) =>
    (resp.config as { $return_headers?: boolean }).$return_headers ? { data: resp.data, headers: resp.headers } : resp.data,
  ) as unknown;
  return http as unknown as lark.HttpInstance;
}

function sdkLogger(log: Logger): lark.Logger {
  // The SDK logs every non-2xx answer at error level; the outbox logs the classified outcome itself.
  const at = (...msg: unknown[]) => log.debug({ sdk: msg.map((m) => (m instanceof Error ? m.message : m)) }, 'feishu sdk');
  return { error: at, warn: at, info: at, debug: at, trace: at };
}

type CodeBody = { code?: number; msg?: string; data?: Record<string, unknown> };

export function createFeishuApi(opts: FeishuApiOptions): FeishuApi & { client: lark.Client } {
  const cache = new TokenCache();
  /** The tokens in use when a call was last refused with "token expired". */
  let refused: unknown[] | null = null;
  const client = new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.baseUrl,
    cache,
    httpInstance: createHttpInstance(opts.timeoutMs ?? 15_000),
    logger: sdkLogger(opts.logger),
    loggerLevel: lark.LoggerLevel.debug,
  });
  singleFlightTokens(client);

  async function call<T extends CodeBody>(op: string, fn: () => Promise<T>): Promise<T> {
    const used = cache.current();
    const refusedToken = (e: FeishuCallError) => {
      if (e.kind === 'token_expired') refused = used;
      return e;
    };
    let res: T;
    try {
      res = await fn();
    } catch (err) {
      throw refusedToken(classifyError(op, err));
    }
    const failure = failureFromBody(op, res);
    if (failure) throw refusedToken(failure);
    return res;
  }

  const messageIdOf = (op: string, res: CodeBody): string => {
    const id = res.data?.message_id;
    if (typeof id !== 'string') throw new FeishuCallError(`${op}: answer has no message_id`, 'permanent', {});
    return id;
  };

  return {
    client,
    async sendMessage(p) {
      const res = await call('im.message.create', () =>
        client.im.v1.message.create({
          params: { receive_id_type: p.receiveIdType as ReceiveIdType },
          data: { receive_id: p.receiveId, msg_type: p.msgType, content: p.content, uuid: p.uuid },
        }) as Promise<CodeBody>,
      );
      return { messageId: messageIdOf('im.message.create', res) };
    },
    async replyMessage(p) {
      const res = await call('im.message.reply', () =>
        client.im.v1.message.reply({
          path: { message_id: p.messageId },
          data: { msg_type: p.msgType, content: p.content, uuid: p.uuid },
        }) as Promise<CodeBody>,
      );
      return { messageId: messageIdOf('im.message.reply', res) };
    },
    async patchMessage(p) {
      await call('im.message.patch', () =>
        client.im.v1.message.patch({ path: { message_id: p.messageId }, data: { content: p.content } }) as Promise<CodeBody>,
      );
    },
    async uploadFile(p) {
      // The SDK resolves file.create to the inner data ({file_key}) instead of {code, msg, data}.
      let res: { file_key?: string } | null;
      try {
        res = (await client.im.v1.file.create({
          data: { file_type: 'stream', file_name: p.fileName, file: p.data },
        })) as { file_key?: string } | null;
      } catch (err) {
        throw classifyError('im.file.create', err);
      }
      if (!res?.file_key) throw new FeishuCallError('im.file.create: answer has no file_key', 'transient', {});
      return { fileKey: res.file_key };
    },
    async downloadResource(p) {
      let stream: NodeJS.ReadableStream;
      try {
        const res = await client.im.v1.messageResource.get({
          path: { message_id: p.messageId, file_key: p.fileKey },
          params: { type: p.type },
        });
        stream = res.getReadableStream();
      } catch (err) {
        throw classifyError('im.messageResource.get', err);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > p.maxBytes) {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          throw new FeishuCallError(`file larger than ${p.maxBytes} bytes`, 'permanent', { code: -413 });
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    },
    async getUser(openId) {
      try {
        const res = await call('contact.user.get', () =>
          client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }) as Promise<CodeBody>,
        );
        const user = res.data?.user as { name?: string; mobile?: string } | undefined;
        return user ? { openId, name: user.name, mobile: user.mobile } : null;
      } catch (err) {
        if (err instanceof FeishuCallError && err.kind === 'permanent') return null;
        throw err;
      }
    },
    async resolveMobiles(mobiles) {
      const found = new Map<string, string>();
      // The batch endpoint takes at most 50 numbers per call.
      for (let i = 0; i < mobiles.length; i += 50) {
        const batch = mobiles.slice(i, i + 50);
        const res = await call('contact.user.batchGetId', () =>
          client.contact.v3.user.batchGetId({
            params: { user_id_type: 'open_id' },
            data: { mobiles: batch, include_resigned: false },
          }) as Promise<CodeBody>,
        );
        const list = (res.data?.user_list ?? []) as { user_id?: string; mobile?: string }[];
        for (const u of list) if (u.user_id && u.mobile) found.set(u.mobile, u.user_id);
      }
      return found;
    },
    async getBotInfo() {
      const res = await call('bot.info', () => client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }) as Promise<CodeBody & { bot?: { open_id?: string; app_name?: string } }>);
      const bot = (res as { bot?: { open_id?: string; app_name?: string } }).bot;
      if (!bot?.open_id) throw new FeishuCallError('bot.info: answer has no open_id', 'transient', {});
      return { openId: bot.open_id, name: bot.app_name };
    },
    async invalidateToken() {
      cache.forget(refused);
    },
  };
}
