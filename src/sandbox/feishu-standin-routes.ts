// The Feishu OpenAPI calls the stand-in (feishu-standin.ts) answers: token, message create / reply / patch, card
// update, resource download, file upload, user lookup, bot info, and the long connection's endpoint.
import crypto from 'node:crypto';
import { type LongConnectionStandIn, WS_ENDPOINT_PATH } from './long-connection-standin.ts';
import { type Answer, fail, ok, type ParsedRequest, type Route, type StubMessage } from './feishu-standin-wire.ts';

/** What the routes read and change of the stand-in. */
export type StubHost = {
  /** The app's credentials and the bot's open_id, as the stand-in was configured. */
  app(): { appId: string; appSecret: string; botOpenId: string };
  readonly ws: LongConnectionStandIn;
  readonly patches: { messageId: string; content: Record<string, unknown>; at: number }[];
  readonly cardUpdates: { token: string; card: unknown; at: number }[];
  readonly uploads: { fileKey: string; fileName: string; fileType: string; data: Buffer }[];
  readonly users: Map<string, { name: string; mobile?: string }>;
  readonly resources: Map<string, { data: Buffer; contentType: string }>;
  /** A new tenant token, valid until the tokens expire. */
  issueToken(): string;
  /** Stores a message (create or reply) unless a rate limit or an earlier uuid refuses it. */
  deliver(m: Omit<StubMessage, 'messageId' | 'at'>): Answer;
  /** The refusal when a call to `receiver` breaks a rate limit, else null (and the call is counted). */
  overLimit(receiver: string | undefined): Answer | null;
};

export function stubRoutes(host: StubHost): Route[] {
  const json = (r: ParsedRequest) => (r.body ?? {}) as Record<string, unknown>;
  const content = (v: unknown) => JSON.parse(String(v)) as Record<string, unknown>;
  return [
    {
      op: 'ws.endpoint',
      method: 'POST',
      pattern: new RegExp(`^${WS_ENDPOINT_PATH}$`),
      noAuth: true,
      handle: (_m, r) => host.ws.endpoint(r.body),
    },
    {
      op: 'token',
      method: 'POST',
      pattern: /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/,
      noAuth: true,
      handle: (_m, r) => {
        const b = json(r);
        const { appId, appSecret } = host.app();
        if (b.app_id !== appId || b.app_secret !== appSecret) return fail(400, 10014, 'app secret invalid');
        const token = host.issueToken();
        return { json: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
      },
    },
    {
      op: 'message.create',
      method: 'POST',
      pattern: /^\/open-apis\/im\/v1\/messages$/,
      handle: (_m, r) => {
        const b = json(r);
        const receiveIdType = r.query.get('receive_id_type');
        if (!receiveIdType || typeof b.receive_id !== 'string') return fail(400, 99992402, 'field validation failed');
        return host.deliver({
          op: 'create',
          receiveIdType,
          receiveId: b.receive_id,
          msgType: String(b.msg_type),
          content: content(b.content),
          ...(typeof b.uuid === 'string' ? { uuid: b.uuid } : {}),
        });
      },
    },
    {
      op: 'message.reply',
      method: 'POST',
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/,
      handle: (m, r) => {
        const b = json(r);
        return host.deliver({
          op: 'reply',
          replyTo: m[1]!,
          msgType: String(b.msg_type),
          content: content(b.content),
          ...(typeof b.uuid === 'string' ? { uuid: b.uuid } : {}),
        });
      },
    },
    {
      op: 'message.patch',
      method: 'PATCH',
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)$/,
      handle: (m, r) => {
        const limited = host.overLimit(`patch:${m[1]}`);
        if (limited) return limited;
        host.patches.push({ messageId: m[1]!, content: content(json(r).content), at: Date.now() });
        return ok({});
      },
    },
    {
      op: 'card.update',
      method: 'POST',
      pattern: /^\/open-apis\/interactive\/v1\/card\/update$/,
      handle: (_m, r) => {
        const b = json(r);
        host.cardUpdates.push({ token: String(b.token), card: b.card, at: Date.now() });
        return ok({});
      },
    },
    {
      op: 'resource.get',
      method: 'GET',
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/,
      handle: (m) => {
        const res = host.resources.get(`${m[1]}/${m[2]}`);
        if (!res) return fail(400, 234003, 'file_key does not belong to the message');
        return { bytes: res.data, headers: { 'content-type': res.contentType } };
      },
    },
    {
      op: 'file.create',
      method: 'POST',
      pattern: /^\/open-apis\/im\/v1\/files$/,
      handle: (_m, r) => {
        const parts = r.body as Record<string, { value: Buffer; filename?: string }>;
        const file = parts.file;
        if (!file || file.value.length === 0) return fail(400, 234010, 'file is empty');
        const fileKey = `file_v3_stub_${crypto.randomBytes(6).toString('hex')}`;
        host.uploads.push({
          fileKey,
          fileName: parts.file_name?.value.toString('utf8') ?? '',
          fileType: parts.file_type?.value.toString('utf8') ?? '',
          data: file.value,
        });
        return ok({ file_key: fileKey });
      },
    },
    {
      op: 'user.get',
      method: 'GET',
      pattern: /^\/open-apis\/contact\/v3\/users\/([^/]+)$/,
      handle: (m) => {
        const u = host.users.get(m[1]!);
        if (!u) return fail(400, 41050, 'no user authority error');
        return ok({ user: { open_id: m[1], name: u.name, ...(u.mobile ? { mobile: u.mobile } : {}) } });
      },
    },
    {
      op: 'user.batchGetId',
      method: 'POST',
      pattern: /^\/open-apis\/contact\/v3\/users\/batch_get_id$/,
      handle: (_m, r) => {
        const mobiles = (json(r).mobiles ?? []) as string[];
        if (mobiles.length > 50) return fail(400, 99992402, 'too many mobiles');
        const byMobile = new Map([...host.users].filter(([, u]) => u.mobile).map(([id, u]) => [u.mobile!, id]));
        return ok({ user_list: mobiles.map((mobile) => ({ mobile, ...(byMobile.has(mobile) ? { user_id: byMobile.get(mobile) } : {}) })) });
      },
    },
    {
      op: 'bot.info',
      method: 'GET',
      pattern: /^\/open-apis\/bot\/v3\/info$/,
      handle: () => ({ json: { code: 0, msg: 'ok', bot: { open_id: host.app().botOpenId, app_name: '培训计划申报助手' } } }),
    },
  ];
}
