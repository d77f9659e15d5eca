// Builds what Feishu would POST to the bot: real-format v2 envelopes, encrypted with the Encrypt Key
// (AES-256-CBC, base64(iv‖ciphertext)) and signed (sha256 of timestamp + nonce + key + raw body).
import crypto from 'node:crypto';

export type PushSecrets = { encryptKey?: string | undefined; verificationToken?: string | undefined; appId: string };

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(16)}${(++seq).toString(16).padStart(6, '0')}`;

export function feishuEncrypt(encryptKey: string, plaintext: string): string {
  const key = crypto.createHash('sha256').update(encryptKey).digest();
  const iv = crypto.randomBytes(16);
  const c = crypto.createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, c.update(plaintext, 'utf8'), c.final()]).toString('base64');
}

export function envelope(
  eventType: string,
  event: Record<string, unknown>,
  s: { appId: string; verificationToken?: string | undefined; eventId?: string },
) {
  return {
    schema: '2.0',
    header: {
      event_id: s.eventId ?? nextId('ev'),
      event_type: eventType,
      create_time: String(Date.now()),
      token: s.verificationToken ?? '',
      app_id: s.appId,
      tenant_key: 'tenant_test',
    },
    event,
  };
}

export type MessageSpec = {
  openId: string;
  text?: string;
  file?: { fileKey: string; fileName: string };
  messageType?: string;
  content?: Record<string, unknown>;
  chatType?: 'p2p' | 'group';
  chatId?: string;
  messageId?: string;
  mentions?: { openId: string; name: string }[];
};

export function messageEvent(m: MessageSpec) {
  const mentions = (m.mentions ?? []).map((x, i) => ({
    key: `@_user_${i + 1}`,
    id: { open_id: x.openId, union_id: `on_${x.openId}`, user_id: null },
    name: x.name,
    tenant_key: 'tenant_test',
  }));
  const prefix = mentions.map((x) => `${x.key} `).join('');
  const messageType = m.messageType ?? (m.file ? 'file' : 'text');
  const content =
    m.content ?? (m.file ? { file_key: m.file.fileKey, file_name: m.file.fileName } : { text: `${prefix}${m.text ?? ''}` });
  return {
    sender: {
      sender_id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: `u_${m.openId}` },
      sender_type: 'user',
      tenant_key: 'tenant_test',
    },
    message: {
      message_id: m.messageId ?? nextId('om_'),
      create_time: String(Date.now()),
      update_time: String(Date.now()),
      chat_id: m.chatId ?? `oc_p2p_${m.openId}`,
      chat_type: m.chatType ?? 'p2p',
      message_type: messageType,
      content: JSON.stringify(content),
      ...(mentions.length ? { mentions } : {}),
    },
  };
}

export function cardActionEvent(a: {
  openId: string;
  messageId: string;
  value: unknown;
  formValue?: Record<string, unknown>;
  option?: string;
  name?: string;
  tag?: string;
  chatId?: string;
}) {
  return {
    operator: { tenant_key: 'tenant_test', open_id: a.openId, union_id: `on_${a.openId}` },
    token: `c-${crypto.randomBytes(8).toString('hex')}`,
    action: {
      tag: a.tag ?? 'button',
      ...(a.name ? { name: a.name } : {}),
      value: a.value,
      ...(a.formValue ? { form_value: a.formValue } : {}),
      ...(a.option ? { option: a.option } : {}),
      timezone: 'Asia/Shanghai',
    },
    host: 'im_message',
    context: { open_message_id: a.messageId, open_chat_id: a.chatId ?? `oc_p2p_${a.openId}` },
  };
}

export type BuiltPush = { body: string; headers: Record<string, string> };

/** Serializes, encrypts (when a key is given) and signs a payload as Feishu does. */
export function buildPush(payload: unknown, s: { encryptKey?: string | undefined }, opts: { sign?: boolean; timestampSeconds?: number } = {}): BuiltPush {
  const plain = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!s.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: feishuEncrypt(s.encryptKey, plain) });
  if (opts.sign !== false) {
    const timestamp = String(opts.timestampSeconds ?? Math.floor(Date.now() / 1000));
    const nonce = crypto.randomBytes(8).toString('hex');
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = crypto
      .createHash('sha256')
      .update(timestamp + nonce + s.encryptKey + body)
      .digest('hex');
  }
  return { body, headers };
}

export async function postPush(baseUrl: string, path: string, push: BuiltPush) {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: push.headers, body: push.body });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    /* not json */
  }
  return { status: res.status, json, text };
}
