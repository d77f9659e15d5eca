// The long connection's wire format, written from the frame definition (proto2 `pbbp2.Frame`, read from the
// SDK 1.74.0 and the Go SDK; ../shared/feishu.md §7a) so the stand-in meets the official client as a second,
// independent implementation: SeqID uint64 = 1, LogID uint64 = 2, service int32 = 3, method int32 = 4
// (0 control, 1 data), repeated Header {key = 1, value = 2} = 5, payload_encoding = 6, payload_type = 7,
// payload bytes = 8, LogIDNew = 9. Fields 1–4 are required.

export type FrameHeader = { key: string; value: string };

export type Frame = {
  seqId: bigint;
  logId: bigint;
  service: number;
  method: 0 | 1;
  headers: FrameHeader[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  logIdNew?: string;
};

export const FRAME_CONTROL = 0;
export const FRAME_DATA = 1;

function varint(out: number[], value: bigint): void {
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

function key(out: number[], field: number, wireType: 0 | 2): void {
  varint(out, BigInt((field << 3) | wireType));
}

function bytesField(out: number[], field: number, bytes: Uint8Array): void {
  key(out, field, 2);
  varint(out, BigInt(bytes.length));
  for (const b of bytes) out.push(b);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [];
  key(out, 1, 0);
  varint(out, f.seqId);
  key(out, 2, 0);
  varint(out, f.logId);
  key(out, 3, 0);
  varint(out, BigInt(f.service)); // int32: negative values take ten bytes, as protobuf writes them
  key(out, 4, 0);
  varint(out, BigInt(f.method));
  for (const h of f.headers) {
    const inner: number[] = [];
    bytesField(inner, 1, utf8.encode(h.key));
    bytesField(inner, 2, utf8.encode(h.value));
    bytesField(out, 5, Uint8Array.from(inner));
  }
  if (f.payloadEncoding !== undefined) bytesField(out, 6, utf8.encode(f.payloadEncoding));
  if (f.payloadType !== undefined) bytesField(out, 7, utf8.encode(f.payloadType));
  if (f.payload !== undefined) bytesField(out, 8, f.payload);
  if (f.logIdNew !== undefined) bytesField(out, 9, utf8.encode(f.logIdNew));
  return Uint8Array.from(out);
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  get done() {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.buf.length) throw new Error('frame: truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new Error('frame: varint too long');
  }
  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (this.pos + n > this.buf.length) throw new Error('frame: truncated field');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`frame: wire type ${wireType} not supported`);
    if (this.pos > this.buf.length) throw new Error('frame: truncated field');
  }
}

function decodeHeader(buf: Uint8Array): FrameHeader {
  const r = new Reader(buf);
  const h: FrameHeader = { key: '', value: '' };
  while (!r.done) {
    const tag = Number(r.varint());
    if (tag >> 3 === 1 && (tag & 7) === 2) h.key = fromUtf8.decode(r.bytes());
    else if (tag >> 3 === 2 && (tag & 7) === 2) h.value = fromUtf8.decode(r.bytes());
    else r.skip(tag & 7);
  }
  return h;
}

export function decodeFrame(buf: Uint8Array): Frame {
  const r = new Reader(buf);
  const seen = new Set<number>();
  const f: Frame = { seqId: 0n, logId: 0n, service: 0, method: 0, headers: [] };
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >> 3;
    const wire = tag & 7;
    seen.add(field);
    if (wire === 0 && field === 1) f.seqId = r.varint();
    else if (wire === 0 && field === 2) f.logId = r.varint();
    else if (wire === 0 && field === 3) f.service = Number(BigInt.asIntN(32, r.varint()));
    else if (wire === 0 && field === 4) f.method = Number(BigInt.asIntN(32, r.varint())) === 1 ? 1 : 0;
    else if (wire === 2 && field === 5) f.headers.push(decodeHeader(r.bytes()));
    else if (wire === 2 && field === 6) f.payloadEncoding = fromUtf8.decode(r.bytes());
    else if (wire === 2 && field === 7) f.payloadType = fromUtf8.decode(r.bytes());
    else if (wire === 2 && field === 8) f.payload = Uint8Array.from(r.bytes());
    else if (wire === 2 && field === 9) f.logIdNew = fromUtf8.decode(r.bytes());
    else r.skip(wire);
  }
  for (const [field, name] of [[1, 'SeqID'], [2, 'LogID'], [3, 'service'], [4, 'method']] as const) {
    if (!seen.has(field)) throw new Error(`frame: missing required '${name}'`);
  }
  return f;
}

export function headerOf(f: Frame, name: string): string | undefined {
  return f.headers.find((h) => h.key === name)?.value;
}
