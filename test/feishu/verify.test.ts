import crypto from 'node:crypto';
import { AESCipher as SdkCipher } from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { AESCipher, computeSignature, openRequest } from '../../src/feishu/verify.ts';
import { feishuEncrypt } from '../support/feishu-push.ts';

const KEY = 'encrypt-key';
const TOKEN = 'verification-token';
const event = { schema: '2.0', header: { event_id: 'e1', event_type: 'x', token: TOKEN, app_id: 'cli_a' }, event: {} };

function signed(payload: unknown, key = KEY, tamper?: (h: Record<string, string>) => void) {
  const body = Buffer.from(JSON.stringify({ encrypt: feishuEncrypt(key, JSON.stringify(payload)) }));
  const headers = { timestamp: '1700000000', nonce: 'n1', signature: computeSignature('1700000000', 'n1', key, body) };
  tamper?.(headers);
  return { body, headers };
}

describe('request authenticity', () => {
  it('decrypts as the SDK cipher does: the official test vector, and any text under any key', () => {
    expect(new AESCipher('test key').decrypt('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
    expect(new SdkCipher('test key').decrypt('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
    for (let i = 0; i < 50; i++) {
      const key = crypto.randomBytes(1 + (i % 40)).toString('base64');
      const text = JSON.stringify({ text: `培训计划申报 ${'中文🙂'.repeat(i)} ${crypto.randomBytes(i).toString('hex')}` });
      const sealed = feishuEncrypt(key, text);
      expect(new AESCipher(key).decrypt(sealed)).toBe(new SdkCipher(key).decrypt(sealed));
      expect(new AESCipher(key).decrypt(sealed)).toBe(text);
    }
  });

  it.each([
    ['a correctly signed, encrypted push', () => signed(event), { ok: true }],
    ['a wrong signature', () => signed(event, KEY, (h) => (h.signature = '0'.repeat(64))), { ok: false, status: 401, reason: 'bad_signature' }],
    ['no signature headers', () => signed(event, KEY, (h) => (h.signature = '')), { ok: false, status: 401, reason: 'missing_signature' }],
    ['signed and encrypted with another key', () => signed(event, 'other'), { ok: false, status: 401, reason: 'bad_signature' }],
    ['a wrong verification token inside', () => signed({ ...event, header: { ...event.header, token: 'x' } }), { ok: false, status: 401, reason: 'bad_verification_token' }],
    ['an unsigned challenge (Feishu may not sign it)', () => signed({ type: 'url_verification', challenge: 'c', token: TOKEN }, KEY, (h) => (h.signature = '')), { ok: true }],
  ] as const)('%s', (_name, make, expected) => {
    const { body, headers } = make();
    expect(openRequest(body, headers, { encryptKey: KEY, verificationToken: TOKEN })).toMatchObject(expected);
  });

  it.each([
    ['signed now', 1700000000, { ok: true }],
    ['signed 299 s ago', 1700000299, { ok: true }],
    ['signed 301 s ago: a replay', 1700000301, { ok: false, status: 401, reason: 'stale_timestamp' }],
    ['signed 301 s in the future', 1699999699, { ok: false, status: 401, reason: 'stale_timestamp' }],
  ] as const)('a request %s is judged against our clock', (_name, nowSeconds, expected) => {
    const { body, headers } = signed(event);
    expect(openRequest(body, headers, { encryptKey: KEY, verificationToken: TOKEN }, { nowMs: nowSeconds * 1000, maxAgeMs: 300_000 })).toMatchObject(expected);
  });

  it('a timestamp that is not a number of seconds is refused', () => {
    const body = Buffer.from(JSON.stringify({ encrypt: feishuEncrypt(KEY, JSON.stringify(event)) }));
    const ts = '2023-11-14';
    const headers = { timestamp: ts, nonce: 'n1', signature: computeSignature(ts, 'n1', KEY, body) };
    expect(openRequest(body, headers, { encryptKey: KEY }, { nowMs: 0, maxAgeMs: 300_000 })).toMatchObject({ ok: false, reason: 'bad_timestamp' });
  });

  it('verifies over the raw bytes: re-serialising the same JSON with other spacing fails', () => {
    const { body, headers } = signed(event);
    const spaced = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    expect(openRequest(spaced, headers, { encryptKey: KEY })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses plaintext when an Encrypt Key is configured, and ciphertext when none is', () => {
    const plain = Buffer.from(JSON.stringify(event));
    expect(openRequest(plain, {}, { encryptKey: KEY })).toMatchObject({ ok: false, status: 401 });
    expect(openRequest(signed(event).body, {}, { verificationToken: TOKEN })).toMatchObject({ ok: false, status: 401 });
  });

  it('with only a Verification Token, checks the token of v2 events and of the challenge', () => {
    const s = { verificationToken: TOKEN };
    expect(openRequest(Buffer.from(JSON.stringify(event)), {}, s)).toMatchObject({ ok: true });
    expect(openRequest(Buffer.from(JSON.stringify({ type: 'url_verification', challenge: 'c', token: 'no' })), {}, s)).toMatchObject({ ok: false, status: 401 });
  });

  it.each(['', '{', '[1,2]', 'null', '"text"'])('answers 400 to a body that is not a JSON object: %j', (raw) => {
    expect(openRequest(Buffer.from(raw), {}, { verificationToken: TOKEN })).toMatchObject({ ok: false, status: 400 });
  });
});
