// A streaming XML scanner for the parts of a spreadsheet: fed text chunks as they are inflated, it calls
// open / text / close and keeps nothing but the markup it is in the middle of. It refuses what a
// spreadsheet never contains and what would have to be held whole: a text longer than `maxText` (Excel's
// own cell limit is 32,767 characters), a tag longer than `maxTag`, and DOCTYPE declarations (entity
// expansion). Namespace prefixes are dropped from element names (`x:row` is `row`).

export type XmlHandlers = {
  /** `attrs` is the raw attribute text; read it with attrReader. Self-closing elements get a close too. */
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** Decoded text; one element's text may come in several calls. */
  text(text: string): void;
};

export class XmlLimitError extends Error {
  constructor(readonly limit: 'text' | 'tag' | 'doctype') {
    super(`xml ${limit} limit`);
  }
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** A reader of one attribute (any namespace prefix when `anyPrefix`), decoded; undefined when absent. */
export function attrReader(name: string, anyPrefix = false): (attrs: string) => string | undefined {
  const re = new RegExp(`(?:^|\\s)${anyPrefix ? '[A-Za-z_][\\w.-]*:' : ''}${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  return (attrs) => {
    if (!attrs) return undefined;
    const m = re.exec(attrs);
    return m ? decodeEntities(m[1] ?? m[2] ?? '') : undefined;
  };
}

const localName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};

export class XmlScanner {
  private pending = '';
  private text: string[] = [];
  private textLength = 0;

  constructor(
    private readonly h: XmlHandlers,
    private readonly maxText: number,
    private readonly maxTag = 256 * 1024,
  ) {}

  write(chunk: string): void {
    const s = this.pending ? this.pending + chunk : chunk;
    this.pending = '';
    let pos = 0;
    while (pos < s.length) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        this.addText(s.slice(pos));
        return;
      }
      if (lt > pos) this.addText(s.slice(pos, lt));
      const end = this.markupEnd(s, lt);
      if (end < 0) {
        if (s.length - lt > this.maxTag) throw new XmlLimitError('tag');
        this.pending = s.slice(lt);
        return;
      }
      this.flushText();
      this.markup(s, lt, end);
      pos = end;
    }
  }

  end(): void {
    this.flushText();
  }

  private addText(t: string): void {
    // Raw text may shrink when decoded (&amp; is one character): allow for it, then check the decoded length.
    this.textLength += t.length;
    if (this.textLength > this.maxText * 6) throw new XmlLimitError('text');
    this.text.push(t);
  }

  private flushText(): void {
    if (!this.text.length) return;
    const decoded = decodeEntities(this.text.length === 1 ? this.text[0]! : this.text.join(''));
    this.text = [];
    this.textLength = 0;
    if (decoded.length > this.maxText) throw new XmlLimitError('text');
    this.h.text(decoded);
  }

  /** Index just past the markup starting at `lt`, or -1 when it is not complete yet. */
  private markupEnd(s: string, lt: number): number {
    const next = s.charCodeAt(lt + 1);
    if (Number.isNaN(next)) return -1;
    if (next === 0x21 /* ! */) {
      const head = s.slice(lt, lt + 9);
      if (head.startsWith('<!--')) return after(s.indexOf('-->', lt + 4), 3);
      if (head.startsWith('<![CDATA[')) return after(s.indexOf(']]>', lt + 9), 3);
      if ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head)) return -1;
      throw new XmlLimitError('doctype');
    }
    if (next === 0x3f /* ? */) return after(s.indexOf('?>', lt + 2), 2);
    // A tag: the first '>' outside quoted attribute values. The next quote of each kind is remembered per
    // chunk: searching for a quote that never comes again would rescan the chunk for every tag.
    let from = lt + 1;
    for (;;) {
      const gt = s.indexOf('>', from);
      if (gt < 0) return -1;
      const q = Math.min(this.nextQuote(s, '"', from), this.nextQuote(s, "'", from));
      if (q > gt) return gt + 1;
      const close = s.indexOf(s[q]!, q + 1);
      if (close < 0) return -1;
      from = close + 1;
    }
  }

  private quoteIn: string | null = null;
  private quoteAt = { '"': -1, "'": -1 };

  private nextQuote(s: string, quote: '"' | "'", from: number): number {
    if (this.quoteIn !== s) {
      this.quoteIn = s;
      this.quoteAt = { '"': -1, "'": -1 };
    }
    const at = this.quoteAt[quote];
    if (at === Number.POSITIVE_INFINITY || at >= from) return at;
    const found = s.indexOf(quote, from);
    return (this.quoteAt[quote] = found < 0 ? Number.POSITIVE_INFINITY : found);
  }

  private markup(s: string, lt: number, end: number): void {
    const second = s[lt + 1];
    if (second === '?') return;
    if (second === '!') {
      if (s.startsWith('<![CDATA[', lt)) {
        const content = s.slice(lt + 9, end - 3);
        if (content.length > this.maxText) throw new XmlLimitError('text');
        this.h.text(content);
      }
      return;
    }
    if (second === '/') {
      this.h.close(localName(s.slice(lt + 2, end - 1).trim()));
      return;
    }
    let inner = s.slice(lt + 1, end - 1);
    const selfClosing = inner.endsWith('/');
    if (selfClosing) inner = inner.slice(0, -1);
    let space = 0;
    while (space < inner.length && inner.charCodeAt(space) > 32) space++;
    const name = localName(inner.slice(0, space));
    this.h.open(name, space < inner.length ? inner.slice(space + 1) : '');
    if (selfClosing) this.h.close(name);
  }
}

const after = (i: number, len: number) => (i < 0 ? -1 : i + len);
