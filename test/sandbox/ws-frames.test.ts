// The stand-in's pbbp2 frame codec: the official client's frames pass through it in the e2e tests; here the
// edges the client never sends (64-bit ids, negative int32, unknown fields, truncation, missing fields).
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, headerOf, type Frame } from '../../src/sandbox/ws-frames.ts';

const frame = (over: Partial<Frame> = {}): Frame => ({
  seqId: 1n,
  logId: 2n,
  service: 7,
  method: 1,
  headers: [
    { key: 'type', value: 'event' },
    { key: 'message_id', value: '消息-1' },
  ],
  payload: new TextEncoder().encode('{"a":1}'),
  ...over,
});

describe('pbbp2 frames', () => {
  it.each([
    ['a data frame', frame()],
    ['a control frame without payload', frame({ method: 0, headers: [{ key: 'type', value: 'ping' }], payload: undefined })],
    ['64-bit ids', frame({ seqId: 2n ** 64n - 1n, logId: 2n ** 53n + 1n })],
    ['a negative service (int32, ten bytes on the wire)', frame({ service: -5 })],
    ['every optional string', frame({ payloadEncoding: 'json', payloadType: 'p', logIdNew: 'log-新' })],
  ])('%s survives the round trip', (_name, f) => {
    expect(decodeFrame(encodeFrame(f))).toEqual(f);
  });

  it('writes the bytes protobuf writes (field 1 varint 150 = 08 96 01)', () => {
    const bytes = encodeFrame({ seqId: 150n, logId: 0n, service: 0, method: 0, headers: [] });
    expect(Buffer.from(bytes).toString('hex')).toBe('08960110001800' + '2000');
  });

  it('skips fields it does not know (a newer server)', () => {
    const known = encodeFrame(frame());
    const extra = Uint8Array.from([...known, (10 << 3) | 0, 42, (11 << 3) | 2, 2, 0x61, 0x62, (12 << 3) | 5, 1, 2, 3, 4, (13 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(decodeFrame(extra)).toEqual(frame());
    expect(headerOf(decodeFrame(extra), 'message_id')).toBe('消息-1');
  });

  it('refuses a truncated frame and one without its required fields', () => {
    const bytes = encodeFrame(frame());
    expect(() => decodeFrame(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => decodeFrame(Uint8Array.from([0x08, 0x01]))).toThrow(/missing required 'LogID'/);
    expect(() => decodeFrame(Uint8Array.from([0x08, 0xff]))).toThrow(/truncated varint/);
  });
});
