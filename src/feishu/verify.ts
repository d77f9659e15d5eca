// Authenticity of an inbound push: signature over the raw bytes, decryption, verification token.
// https://open.feishu.cn/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/encrypt-key-encryption-configuration-case
//
// Decryption is Feishu's scheme, as the SDK's AESCipher does it (test/feishu/verify.test.ts checks the two
// agree): AES-256-CBC, key sha256(Encrypt Key), the first 16 bytes of the base64 text are the IV. The
// signature is computed here because the SDK's own check hashes JSON.stringify(parsedBody) instead of the
// bytes received, and its Express adapter answers a bad signature with an empty 200 and never checks the
// verification token (see ../shared/feishu.md §1.5).
import crypto from 'node:crypto';

export type FeishuSecrets = { encryptKey?: string | undefined; verificationToken?: string | undefined };

export type SignatureHeaders = {
  timestamp?: string | undefined;
  nonce?: string | undefined;
  signature?: string | undefined;
};

export type OpenedRequest =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; status: 400 | 401; reason: string };

export class AESCipher {
  private readonly key: Buffer;
  constructor(encryptKey: string) {
    this.key = crypto.createHash('sha256').update(encryptKey).digest();
  }
  decrypt(encrypted: string): string {
    const bytes = Buffer.from(encrypted, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-cbc', this.key, bytes.subarray(0, 16));
    return decipher.update(bytes.subarray(16), undefined, 'utf8') + decipher.final('utf8');
  }
}

const ciphers = new Map<string, AESCipher>();
function cipherFor(key: string): AESCipher {
  let c = ciphers.get(key);
  if (!c) {
    c = new AESCipher(key);
    ciphers.set(key, c);
  }
  return c;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer | string): string {
  return crypto.createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tokenOf(payload: Record<string, unknown>): unknown {
  const header = payload.header as Record<string, unknown> | undefined;
  return header && typeof header === 'object' ? header.token : payload.token;
}

/**
 * Opens a raw push: returns the plaintext payload, or the status to answer (400 unparseable, 401 not
 * authentic). With an Encrypt Key, every push must be encrypted and (except the URL challenge, which
 * Feishu may send unsigned) signed; with a Verification Token, the payload's token must match it.
 */
/**
 * How far a signed request's timestamp may be from our clock. A captured request replayed later is refused
 * even after its dedup key is gone; each delivery (Feishu's retries too) is signed afresh. Unsigned requests
 * (Verification Token only) carry no timestamp worth checking: only an Encrypt Key protects against replays.
 */
export type Freshness = { nowMs: number; maxAgeMs: number };

export function openRequest(raw: Buffer, headers: SignatureHeaders, secrets: FeishuSecrets, freshness?: Freshness): OpenedRequest {
  const outer = parseObject(raw.toString('utf8'));
  if (!outer) return { ok: false, status: 400, reason: 'malformed_json' };

  let payload = outer;
  let signed = false;
  if (secrets.encryptKey) {
    if (typeof outer.encrypt !== 'string') return { ok: false, status: 401, reason: 'plaintext_but_encrypt_key_set' };
    const { timestamp, nonce, signature } = headers;
    if (timestamp && nonce && signature) {
      const expected = computeSignature(timestamp, nonce, secrets.encryptKey, raw);
      if (!safeEqual(expected, signature.toLowerCase())) return { ok: false, status: 401, reason: 'bad_signature' };
      if (freshness) {
        const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
        if (!Number.isFinite(seconds)) return { ok: false, status: 401, reason: 'bad_timestamp' };
        if (Math.abs(freshness.nowMs - seconds * 1000) > freshness.maxAgeMs) return { ok: false, status: 401, reason: 'stale_timestamp' };
      }
      signed = true;
    }
    let plain: string;
    try {
      plain = cipherFor(secrets.encryptKey).decrypt(outer.encrypt);
    } catch {
      return { ok: false, status: 401, reason: 'decrypt_failed' };
    }
    const inner = parseObject(plain);
    if (!inner) return { ok: false, status: 401, reason: 'decrypt_failed' };
    payload = inner;
    if (!signed && payload.type !== 'url_verification') return { ok: false, status: 401, reason: 'missing_signature' };
  } else if ('encrypt' in outer) {
    return { ok: false, status: 401, reason: 'encrypted_but_no_encrypt_key' };
  }

  if (secrets.verificationToken) {
    const token = tokenOf(payload);
    if (typeof token !== 'string' || !safeEqual(token, secrets.verificationToken)) {
      return { ok: false, status: 401, reason: 'bad_verification_token' };
    }
  }
  return { ok: true, payload };
}
