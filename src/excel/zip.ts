// A zip archive read from its central directory, so an upload is judged by what it declares before a
// single byte is inflated: too many entries, an entry or a total beyond the limits, or a compression ratio
// no spreadsheet has (a zip bomb) is refused up front. Inflating is a stream with a byte counter, so an
// archive whose directory lies is stopped as soon as it produces more than it declared.
// Format: APPNOTE.TXT (PKWARE), sections 4.3.7 (local header), 4.3.12 (central header), 4.3.16 (end record),
// 4.5.3 (zip64 extra field).
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

export type ZipLimits = {
  maxEntries: number;
  /** Declared uncompressed size of any one entry. */
  maxEntryBytes: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed, checked for entries larger than ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
};

export type ZipProblem =
  | { kind: 'not_zip' }
  | { kind: 'encrypted' }
  | { kind: 'too_many_entries'; entries: number }
  | { kind: 'entry_too_big'; name: string; bytes: number }
  | { kind: 'total_too_big'; bytes: number }
  | { kind: 'ratio'; name: string; ratio: number };

/** Thrown while inflating: the entry produced more than it declared or than the caller allows. */
export class ZipInflateError extends Error {
  constructor(
    readonly kind: 'oversized' | 'corrupt',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;

function findEnd(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function big(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** Sizes and offset that did not fit in 32 bits, from the zip64 extra field (id 1). */
function zip64Fields(extra: Buffer, e: { size: number; compressedSize: number; localOffset: number }): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const end = Math.min(extra.length, q + len);
      for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
        if (e[key] !== U32) continue;
        if (q + 8 > end) return;
        e[key] = big(extra, q);
        q += 8;
      }
      return;
    }
    p += 4 + len;
  }
}

export function readCentralDirectory(buf: Buffer, maxEntries: number): { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem } {
  const notZip = { ok: false as const, problem: { kind: 'not_zip' as const } };
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) return notZip;
  const end = findEnd(buf);
  if (end < 0) return notZip;
  let count = buf.readUInt16LE(end + 10);
  let offset = buf.readUInt32LE(end + 16);
  if ((count === 0xffff || offset === U32) && end >= 20 && buf.readUInt32LE(end - 20) === EOCD64_LOCATOR) {
    const at = big(buf, end - 12);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) return notZip;
    count = big(buf, at + 32);
    offset = big(buf, at + 48);
  }
  if (count > maxEntries) return { ok: false, problem: { kind: 'too_many_entries', entries: count } };
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return notZip;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) return notZip;
    const e: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    zip64Fields(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    if (e.flags & 1) return { ok: false, problem: { kind: 'encrypted' } };
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}

/** What the directory declares, against the limits; null when acceptable. Nothing is inflated. */
export function checkDeclared(entries: readonly ZipEntry[], limits: ZipLimits): ZipProblem | null {
  if (entries.length > limits.maxEntries) return { kind: 'too_many_entries', entries: entries.length };
  let total = 0;
  for (const e of entries) {
    if (e.size > limits.maxEntryBytes) return { kind: 'entry_too_big', name: e.name, bytes: e.size };
    total += e.size;
    if (e.size > limits.ratioFloorBytes && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
      return { kind: 'ratio', name: e.name, ratio: Math.round(e.size / Math.max(1, e.compressedSize)) };
    }
  }
  if (total > limits.maxTotalBytes) return { kind: 'total_too_big', bytes: total };
  return null;
}

function compressedData(buf: Buffer, e: ZipEntry): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw new ZipInflateError('corrupt', `no local header for ${e.name}`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressedSize > buf.length) throw new ZipInflateError('corrupt', `${e.name} runs past the end of the file`);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * The entry's bytes as a stream of chunks. Stops with `oversized` as soon as it has produced more than it
 * declared or more than `maxBytes`, whichever is smaller: the directory may lie.
 */
export async function* inflateEntry(buf: Buffer, e: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  const cap = Math.min(e.size, maxBytes);
  const raw = compressedData(buf, e);
  if (e.method === 0) {
    if (raw.length > cap) throw new ZipInflateError('oversized', `${e.name} is larger than ${cap} bytes`);
    for (let p = 0; p < raw.length; p += 64 * 1024) yield raw.subarray(p, p + 64 * 1024);
    return;
  }
  if (e.method !== 8) throw new ZipInflateError('corrupt', `${e.name} uses compression method ${e.method}`);
  const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  const source = Readable.from([raw]).pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > cap) throw new ZipInflateError('oversized', `${e.name} inflates past ${cap} bytes`);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipInflateError) throw err;
    throw new ZipInflateError('corrupt', `${e.name} could not be inflated`, { cause: err });
  } finally {
    inflater.destroy();
  }
}
