// The zip directory is judged before anything is inflated, inflating counts bytes, and the XML scanner holds
// no more than one cell's text: each limit is shown refusing, and an honest file is shown passing.
import { describe, expect, it } from 'vitest';
import { checkDeclared, inflateEntry, readCentralDirectory, ZipInflateError } from '../../src/excel/zip.ts';
import { XmlLimitError, XmlScanner, attrReader } from '../../src/excel/xml-scan.ts';
import { UPLOAD_LIMITS } from '../../src/excel/limits.ts';
import { zipFiles } from '../support/zip-writer.ts';

const limits = UPLOAD_LIMITS.zip;

async function drain(gen: AsyncGenerator<Buffer>): Promise<number> {
  let n = 0;
  for await (const c of gen) n += c.length;
  return n;
}

describe('the zip directory, before inflating', () => {
  it('lists entries with their declared sizes; an honest file passes', async () => {
    const zip = await zipFiles([{ name: 'a.xml', data: '<a>'.repeat(1000) }, { name: 'b.bin', data: Buffer.alloc(10), stored: true }]);
    const dir = readCentralDirectory(zip, 100);
    expect(dir.ok && dir.entries.map((e) => [e.name, e.size, e.method])).toEqual([['a.xml', 3000, 8], ['b.bin', 10, 0]]);
    expect(checkDeclared(dir.ok ? dir.entries : [], limits)).toBeNull();
  });

  it('refuses an entry, a total, a ratio and an entry count beyond the limits', () => {
    const e = (name: string, size: number, compressedSize: number) => ({ name, size, compressedSize, method: 8, flags: 0, localOffset: 0 });
    expect(checkDeclared([e('sheet.xml', 101 * 2 ** 20, 10 * 2 ** 20)], limits)).toMatchObject({ kind: 'entry_too_big' });
    expect(checkDeclared([1, 2, 3].map((i) => e(`s${i}.xml`, 90 * 2 ** 20, 2 * 2 ** 20)), limits)).toMatchObject({ kind: 'total_too_big' });
    expect(checkDeclared([e('bomb.xml', 42 * 2 ** 20, 150 * 1024)], limits)).toMatchObject({ kind: 'ratio', ratio: 287 });
    // Small parts may compress very well: not a bomb.
    expect(checkDeclared([e('styles.xml', 900 * 1024, 2 * 1024)], limits)).toBeNull();
    expect(checkDeclared(Array.from({ length: limits.maxEntries + 1 }, (_v, i) => e(`${i}`, 1, 1)), limits)).toMatchObject({ kind: 'too_many_entries' });
  });

  it('says "not a zip" for other bytes and "encrypted" for an encrypted entry', async () => {
    expect(readCentralDirectory(Buffer.from('not a zip at all, not at all'), 100)).toEqual({ ok: false, problem: { kind: 'not_zip' } });
    const zip = await zipFiles([{ name: 'a.xml', data: 'x' }]);
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(zip.readUInt16LE(end + 8) | 1, end + 8);
    expect(readCentralDirectory(zip, 100)).toEqual({ ok: false, problem: { kind: 'encrypted' } });
  });

  it('stops inflating at the declared size when the directory lies', async () => {
    const zip = await zipFiles([{ name: 'sheet.xml', data: () => Array.from({ length: 50 }, () => 'A'.repeat(1 << 20)), declare: { size: 100_000 } }]);
    const dir = readCentralDirectory(zip, 100);
    if (!dir.ok) throw new Error('unreadable');
    let seen = 0;
    const read = (async () => {
      for await (const c of inflateEntry(zip, dir.entries[0]!, 10 << 20)) seen += c.length;
    })();
    await expect(read).rejects.toBeInstanceOf(ZipInflateError);
    expect(seen).toBeLessThanOrEqual(100_000);
  });

  it('stops at the caller\'s limit too, and inflates an honest entry whole', async () => {
    const zip = await zipFiles([{ name: 'a.xml', data: 'B'.repeat(300_000) }]);
    const dir = readCentralDirectory(zip, 100);
    if (!dir.ok) throw new Error('unreadable');
    await expect(drain(inflateEntry(zip, dir.entries[0]!, 1000))).rejects.toMatchObject({ kind: 'oversized' });
    expect(await drain(inflateEntry(zip, dir.entries[0]!, 1 << 20))).toBe(300_000);
    const corrupt = Buffer.from(zip);
    corrupt.fill(0xff, 40, 60); // inside the deflate stream
    await expect(drain(inflateEntry(corrupt, dir.entries[0]!, 1 << 20))).rejects.toMatchObject({ kind: 'corrupt' });
  });
});

describe('the XML scanner', () => {
  const collect = (chunks: string[], maxText = 100) => {
    const events: string[] = [];
    const s = new XmlScanner({ open: (n, a) => events.push(`<${n}${a ? ` ${a}` : ''}>`), close: (n) => events.push(`</${n}>`), text: (t) => events.push(t) }, maxText, 64);
    for (const c of chunks) s.write(c);
    s.end();
    return events;
  };

  it('reads elements, attributes (">" inside quotes), entities, CDATA and prefixes across any chunk boundary', () => {
    const xml = `<?xml version="1.0"?><!-- c --><x:c r="A1" t='s' f="a>b"><v>1 &lt; 2 &amp; &#x4E2D;</v><t><![CDATA[<raw>]]></t><e/></x:c>`;
    const whole = collect([xml]);
    expect(whole).toEqual(['<c r="A1" t=\'s\' f="a>b">', '<v>', '1 < 2 & 中', '</v>', '<t>', '<raw>', '</t>', '<e>', '</e>', '</c>']);
    for (let cut = 1; cut < xml.length; cut++) expect(collect([xml.slice(0, cut), xml.slice(cut)])).toEqual(whole);
    expect(attrReader('id', true)('name="a" r:id="rId3"')).toBe('rId3');
  });

  it('refuses a text longer than the cell limit without holding it, a tag too long, and DOCTYPE', () => {
    const s = new XmlScanner({ open() {}, close() {}, text() {} }, 100, 64);
    s.write('<t>');
    let fed = 0;
    expect(() => {
      for (;;) {
        s.write('A'.repeat(50));
        fed += 50;
      }
    }).toThrow(XmlLimitError);
    expect(fed).toBeLessThanOrEqual(600);
    expect(() => collect([`<c ${'a="1" '.repeat(20)}`])).toThrow(/tag/);
    expect(() => collect(['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'])).toThrow(/doctype/);
  });
});
