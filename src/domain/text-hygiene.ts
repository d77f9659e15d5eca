// What people send is cleaned once, at the edge, before anything reads or stores it [issue 13 §5]:
// characters nobody can see must not change what the bot understands ("\u200B帮助" is 帮助) or what a
// reviewer reads (a right-to-left override displays a title reversed). Only invisible characters and
// look-alike forms go; what a person can see is kept as typed (full-width brackets stay full-width).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Zero-width and other invisible format characters (soft hyphen, word joiner, BOM, Unicode tags …). */
const INVISIBLE = /[\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180E\u200B\u200C\u2060-\u2064\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\u{E0001}|[\u{E0020}-\u{E007F}]/gu;
/** A zero-width joiner is kept only inside an emoji sequence (👨‍👩‍👧). */
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}\p{M}*)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
/** C0 and C1 controls other than tab and line feed. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Kangxi and supplementary radicals, CJK compatibility ideographs: look like ordinary characters, are not. */
const CJK_LOOKALIKES = /[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF]|[\u{2F800}-\u{2FA1F}]/gu;

export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(BIDI, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .replace(CONTROLS, '')
    .replace(CJK_LOOKALIKES, (c) => c.normalize('NFKC'));
}

/** Cleans every string inside a JSON-like value (a card form's values). */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  return value;
}
