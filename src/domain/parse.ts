// Tolerant reading of what people type or paste: full-width characters, units after numbers ("30人"),
// Chinese numerals ("三十"), thousands separators, phone numbers with spaces. Each reader returns the
// value or null; callers turn null into a message that says what was expected, with an example.

/**
 * Full-width letters and digits to half-width, ideographic space to space, spaces collapsed, trimmed.
 * Chinese punctuation (，：（）) is kept: it is part of what people wrote.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** For numbers, codes and phone numbers: every full-width form folded (NFKC), spaces collapsed. */
export function numericText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** For matching names: no spaces at all, unified brackets and dashes, lower case. */
export function matchKey(text: string): string {
  return numericText(text)
    .replace(/[【〔\[｛{]/g, '(')
    .replace(/[】〕\]｝}]/g, ')')
    .replace(/[—–－‐]/g, '-')
    .replace(/[·•・]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三十 → 30, 一百二十 → 120, 十二 → 12; null for anything else. */
export function chineseNumeral(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGIT) {
      digit = DIGIT[ch]!;
    } else {
      const unit = UNIT[ch]!;
      total += (digit ?? 1) * unit;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/**
 * A whole number, allowing a unit word after it ("30人", "2期", "5天", "10月") and thousands separators.
 * `units` lists the words accepted after the number.
 */
export function parseWholeNumber(raw: unknown, units: readonly string[] = []): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  let t = numericText(raw).replace(/\s+/g, '');
  for (const u of [...units].sort((a, b) => b.length - a.length)) {
    if (t.endsWith(u)) {
      t = t.slice(0, -u.length);
      break;
    }
  }
  if (/^[+]?\d{1,3}(,\d{3})+$/.test(t)) t = t.replace(/,/g, '');
  if (/^[+]?\d+$/.test(t)) return Number(t);
  if (/^[+]?\d+\.0+$/.test(t)) return Number(t);
  return chineseNumeral(t);
}

/** Money in yuan: "12,345.6", "1.2万", "12345元", "￥8000". Null unless ≥ 0 with at most 2 decimals. */
export function parseYuan(raw: unknown): number | null {
  if (typeof raw === 'number') return raw >= 0 && Number.isFinite(raw) && Math.round(raw * 100) === raw * 100 ? raw : null;
  if (typeof raw !== 'string') return null;
  let t = numericText(raw).replace(/\s+/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  let factor = 1;
  if (t.endsWith('万')) {
    factor = 10000;
    t = t.slice(0, -1);
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const value = Math.round(Number(t) * factor * 1e6) / 1e6;
  return Math.round(value * 100) === value * 100 ? value : null;
}

/** A mainland mobile number: 11 digits starting with 1; spaces, dashes and +86 are tolerated. */
export function parseMobile(raw: unknown): string | null {
  const t = numericText(String(raw ?? '')).replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1\d{10}$/.test(t) ? t : null;
}

/** A landline with area code (0772-2825472, (0772)2825472, 0772 2825472) or a mobile; normalized. */
export function parsePhone(raw: unknown): string | null {
  const mobile = parseMobile(raw);
  if (mobile) return mobile;
  const t = numericText(String(raw ?? '')).replace(/[()（）]/g, ' ').trim();
  const m = /^(0\d{2,3})[\s-]*(\d{7,8})(?:[\s-]*(?:转|-|ext\.?)\s*(\d{1,6}))?$/i.exec(t);
  if (!m) return null;
  return `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`;
}

/** 「是」 in a 是/否 column (the declaration template's 是否联合办班 dropdown), however it is spaced. */
export function saysYes(raw: string | undefined): boolean {
  return raw?.trim() === '是';
}
