// A small zip writer for building hostile spreadsheets: entries given whole or as a generator of chunks
// (a 300 MB string is deflated as it is produced, never held), and a directory that may lie about sizes.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export type ZipInput = {
  name: string;
  data: Buffer | string | (() => Iterable<Buffer | string>);
  /** Store instead of deflate. */
  stored?: boolean;
  /** What the central directory claims, instead of the truth. */
  declare?: { size?: number };
};

const chunksOf = (data: ZipInput['data']): Iterable<Buffer> => {
  if (typeof data === 'function') return (function* () {
    for (const c of data()) yield typeof c === 'string' ? Buffer.from(c) : c;
  })();
  return [typeof data === 'string' ? Buffer.from(data) : data];
};

/** Deflated as a stream, so memory stays at a chunk plus the output. */
async function compress(input: Iterable<Buffer>, stored: boolean): Promise<{ out: Buffer; size: number; crc: number }> {
  let size = 0;
  let crc = 0;
  const counted = (function* () {
    for (const c of input) {
      size += c.length;
      crc = zlib.crc32(c, crc);
      yield c;
    }
  })();
  const parts: Buffer[] = [];
  const source = Readable.from(counted);
  for await (const c of (stored ? source : source.pipe(zlib.createDeflateRaw({ level: 6 }))) as AsyncIterable<Buffer>) parts.push(c);
  return { out: Buffer.concat(parts), size, crc };
}

export async function zipFiles(entries: ZipInput[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const { out, size, crc } = await compress(chunksOf(e.data), !!e.stored);
    const declared = e.declare?.size ?? size;
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(out.length, 18);
    local.writeUInt32LE(Math.min(declared, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(out.length, 20);
    central.writeUInt32LE(Math.min(declared, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, out);
    centrals.push(central, name);
    offset += 30 + name.length + out.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Every entry of a zip (small ones: the test's own files), inflated. */
export function unzipFiles(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const method = zip.readUInt16LE(p + 10);
    const csize = zip.readUInt32LE(p + 20);
    const at = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const raw = zip.subarray(start, start + csize);
    out.set(name, method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}
