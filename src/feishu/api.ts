// FeishuApi: every outbound Feishu call of the bot goes through here, as plain HTTPS requests to the
// OpenAPI (the same paths, bodies and headers the official SDK 1.74.0 sends; ../shared/feishu.md). The SDK
// is not loaded in the bot's process: its single 6 MB module costs ~40 MB of memory and a heap that makes
// garbage collection pause answers, for the eight calls the bot makes. Nothing here retries or refreshes a
// token on its own (§5.2–5.3): the outbox decides from the classified FeishuCallError.
import axios, { type AxiosInstance } from 'axios';
import type { Logger } from '../logger.ts';
import { FeishuCallError, type FeishuApi } from '../ports/feishu.ts';
import { classifyError, failureFromBody } from './errors.ts';

export type FeishuApiOptions = {
  appId: string;
  appSecret: string;
  baseUrl: string;
  logger: Logger;
  /** Per-request timeout. */
  timeoutMs?: number;
};

type CodeBody = { code?: number; msg?: string; data?: Record<string, unknown> };

/** A token is used until 3 minutes before Feishu says it expires (as the SDK does: the network takes time). */
const TOKEN_MARGIN_MS = 3 * 60_000;

/**
 * The app's tenant_access_token: fetched once for all callers that find none (single flight), kept until
 * shortly before it expires, and dropped only when Feishu refused that very token — five sends failing with
 * the same old token refresh it once, not five times.
 */
function tenantTokens(http: AxiosInstance, o: FeishuApiOptions) {
  let current: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    let body: CodeBody & { tenant_access_token?: string; expire?: number };
    try {
      body = (await http.post('/open-apis/auth/v3/tenant_access_token/internal', { app_id: o.appId, app_secret: o.appSecret })).data as typeof body;
    } catch (err) {
      const e = classifyError('auth.tenant_access_token', err);
      // Whatever went wrong fetching the token, the call that needed it may succeed later.
      throw new FeishuCallError(e.message, e.kind === 'rate_limited' ? 'rate_limited' : 'transient', e.details, { cause: err });
    }
    if (!body.tenant_access_token || (body.code ?? 0) !== 0) {
      throw new FeishuCallError(`auth.tenant_access_token failed: ${body.code ?? '?'} ${body.msg ?? ''}`.trim(), 'transient', { code: body.code });
    }
    current = { token: body.tenant_access_token, expiresAt: Date.now() + (body.expire ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return current.token;
  }

  return {
    get(): Promise<string> {
      if (current && current.expiresAt > Date.now()) return Promise.resolve(current.token);
      return (inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      }));
    },
    /** Forgets `token` (a newer one fetched meanwhile stays); the current one when none is named. */
    forget(token: string | null): void {
      if (current && (token === null || current.token === token)) current = null;
    },
  };
}

export function createFeishuApi(opts: FeishuApiOptions): FeishuApi {
  const http = axios.create({ baseURL: opts.baseUrl.replace(/\/+$/, ''), timeout: opts.timeoutMs ?? 15_000, validateStatus: (s) => s >= 200 && s < 300 });
  const tokens = tenantTokens(http, opts);
  /** The token in use when a call was last refused with "token expired". */
  let refused: string | null = null;

  /** One authorized call; a non-zero code in a 2xx body is a failure too. */
  async function call<T extends CodeBody>(op: string, request: { method: 'GET' | 'POST' | 'PATCH'; url: string; params?: Record<string, string>; data?: unknown; responseType?: 'stream' }): Promise<T> {
    const token = await tokens.get();
    const refusedToken = (e: FeishuCallError) => {
      if (e.kind === 'token_expired') refused = token;
      return e;
    };
    let res: T;
    try {
      res = (await http.request({ ...request, headers: { Authorization: `Bearer ${token}` } })).data as T;
    } catch (err) {
      throw refusedToken(classifyError(op, err));
    }
    if (request.responseType === 'stream') return res;
    const failure = failureFromBody(op, res);
    if (failure) throw refusedToken(failure);
    opts.logger.debug({ op }, 'feishu call done');
    return res;
  }

  const messageIdOf = (op: string, res: CodeBody): string => {
    const id = res.data?.message_id;
    if (typeof id !== 'string') throw new FeishuCallError(`${op}: answer has no message_id`, 'permanent', {});
    return id;
  };
  const path = (s: string) => encodeURIComponent(s);

  return {
    async sendMessage(p) {
      const res = await call('im.message.create', {
        method: 'POST',
        url: '/open-apis/im/v1/messages',
        params: { receive_id_type: p.receiveIdType },
        data: { receive_id: p.receiveId, msg_type: p.msgType, content: p.content, uuid: p.uuid },
      });
      return { messageId: messageIdOf('im.message.create', res) };
    },
    async replyMessage(p) {
      const res = await call('im.message.reply', {
        method: 'POST',
        url: `/open-apis/im/v1/messages/${path(p.messageId)}/reply`,
        data: { msg_type: p.msgType, content: p.content, uuid: p.uuid },
      });
      return { messageId: messageIdOf('im.message.reply', res) };
    },
    async patchMessage(p) {
      await call('im.message.patch', { method: 'PATCH', url: `/open-apis/im/v1/messages/${path(p.messageId)}`, data: { content: p.content } });
    },
    async uploadFile(p) {
      const form = new FormData();
      form.append('file_type', 'stream');
      form.append('file_name', p.fileName);
      form.append('file', new Blob([new Uint8Array(p.data)]), p.fileName);
      const res = await call('im.file.create', { method: 'POST', url: '/open-apis/im/v1/files', data: form });
      const fileKey = res.data?.file_key;
      if (typeof fileKey !== 'string' || !fileKey) throw new FeishuCallError('im.file.create: answer has no file_key', 'transient', {});
      return { fileKey };
    },
    async downloadResource(p) {
      const stream = (await call('im.messageResource.get', {
        method: 'GET',
        url: `/open-apis/im/v1/messages/${path(p.messageId)}/resources/${path(p.fileKey)}`,
        params: { type: p.type },
        responseType: 'stream',
      })) as unknown as NodeJS.ReadableStream & { destroy(): void };
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > p.maxBytes) {
            stream.destroy();
            throw new FeishuCallError(`file larger than ${p.maxBytes} bytes`, 'permanent', { code: -413 });
          }
          chunks.push(chunk);
        }
      } catch (err) {
        throw classifyError('im.messageResource.get', err);
      }
      return Buffer.concat(chunks);
    },
    async getUser(openId) {
      try {
        const res = await call('contact.user.get', { method: 'GET', url: `/open-apis/contact/v3/users/${path(openId)}`, params: { user_id_type: 'open_id' } });
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
        const res = await call('contact.user.batchGetId', {
          method: 'POST',
          url: '/open-apis/contact/v3/users/batch_get_id',
          params: { user_id_type: 'open_id' },
          data: { mobiles: batch, include_resigned: false },
        });
        const list = (res.data?.user_list ?? []) as { user_id?: string; mobile?: string }[];
        for (const u of list) if (u.user_id && u.mobile) found.set(u.mobile, u.user_id);
      }
      return found;
    },
    async getBotInfo() {
      const res = await call<CodeBody & { bot?: { open_id?: string; app_name?: string } }>('bot.info', { method: 'GET', url: '/open-apis/bot/v3/info' });
      if (!res.bot?.open_id) throw new FeishuCallError('bot.info: answer has no open_id', 'transient', {});
      return { openId: res.bot.open_id, name: res.bot.app_name };
    },
    async invalidateToken() {
      tokens.forget(refused);
    },
  };
}
