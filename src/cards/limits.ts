// Feishu refuses a card message whose request body is over 30 KB or whose card has more than 200
// elements (../shared/feishu.md §4.1: error 230099 / 11310 "element exceeds the limit"). The list builders
// page so that never happens; fitCard is the last line of defence, run on every card as it leaves (the
// messenger, the card-callback answer): a card over a limit is cut visibly, never sent as is.
import type { CardJson } from './render.ts';

export const CARD_LIMITS = { maxBytes: 30 * 1024, maxElements: 200 } as const;

/**
 * What counts toward the 200: every component (columns included) and every text element (plain_text,
 * lark_md, text tags), as the shared card-lint counts them from Feishu's docs. Icons do not count.
 */
const NOT_COUNTED = new Set(['standard_icon', 'custom_icon']);

export function countElements(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countElements(x), 0);
  if (!node || typeof node !== 'object') return 0;
  const o = node as Record<string, unknown>;
  let n = typeof o.tag === 'string' && !NOT_COUNTED.has(o.tag) ? 1 : 0;
  for (const v of Object.values(o)) if (v && typeof v === 'object') n += countElements(v);
  return n;
}

/** The longest envelope around a card: `{"receive_id":"oc_…","msg_type":"interactive","content":…,"uuid":"…"}`. */
const ENVELOPE_BYTES = 160;

/**
 * The bytes of the request that carries the card: its JSON travels as a JSON string (`content`), so every
 * quote and backslash counts twice. Stricter than the card's own JSON, which is what card-lint measures.
 */
export function requestBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(card))) + ENVELOPE_BYTES;
}

export function measureCard(card: unknown): { bytes: number; elements: number } {
  return { bytes: requestBytes(card), elements: countElements(card) };
}

export const withinLimits = (m: { bytes: number; elements: number }) => m.bytes <= CARD_LIMITS.maxBytes && m.elements <= CARD_LIMITS.maxElements;

/** The element that tells what to send to get the card again (see resend.ts); kept visible when cutting. */
export const RESEND_ID = 'resend';

export type CutReport = { before: { bytes: number; elements: number }; after: { bytes: number; elements: number }; title: string };

type El = Record<string, unknown>;
const bodyOf = (card: CardJson) => ((card.body as { elements?: El[] } | undefined)?.elements ?? []) as El[];
const sizeOf = (el: unknown) => Buffer.byteLength(JSON.stringify(JSON.stringify(el))) - 1; // minus the quotes, plus a comma

/** The command in the card's resend line, e.g. 我的申报 from 发送「我的申报」重新查看. */
export function resendCommandOf(card: unknown): string | null {
  const el = bodyOf(card as CardJson).find((e) => e.element_id === RESEND_ID);
  const m = typeof el?.content === 'string' ? /「([^」]+)」/.exec(el.content) : null;
  return m ? m[1]! : null;
}

function cutNotice(command: string | null): El {
  const ask = command ? `请发送「${command}」查看全部。` : '请稍后再试，或联系系统管理员。';
  return { tag: 'markdown', element_id: RESEND_ID, content: `<font color='red'>内容过长，已截断，${ask}</font>` };
}

/** The first lines of a markdown that fit in `room` bytes, or null when not even one does. */
function cutMarkdown(el: El, room: number): El | null {
  const lines = String(el.content ?? '').split('\n');
  let lo = 0;
  let hi = lines.length - 1;
  const trial = (k: number) => ({ ...el, content: `${lines.slice(0, k).join('\n')}\n……` });
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sizeOf(trial(mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? trial(lo) : null;
}

/**
 * The card as is when it is within Feishu's limits; otherwise the top of its body that fits, then a red
 * line saying it was cut and what to send to see everything. `onCut` hears about it (to log an error).
 */
export function fitCard(card: CardJson, onCut?: (r: CutReport) => void): CardJson {
  const before = measureCard(card);
  if (withinLimits(before)) return card;
  const notice = cutNotice(resendCommandOf(card));
  const shell: CardJson = { ...card, body: { ...(card.body as object), elements: [notice] } };
  const base = measureCard(shell);
  let bytes = base.bytes;
  let elements = base.elements;
  const kept: El[] = [];
  for (const el of bodyOf(card).filter((e) => e.element_id !== RESEND_ID)) {
    const [b, n] = [sizeOf(el), countElements(el)];
    if (bytes + b <= CARD_LIMITS.maxBytes && elements + n <= CARD_LIMITS.maxElements) {
      kept.push(el);
      bytes += b;
      elements += n;
      continue;
    }
    const part = el.tag === 'markdown' && elements + 1 <= CARD_LIMITS.maxElements ? cutMarkdown(el, CARD_LIMITS.maxBytes - bytes) : null;
    if (part) kept.push(part);
    break;
  }
  const out: CardJson = { ...card, body: { ...(card.body as object), elements: [...kept, notice] } };
  const title = String((card.header as { title?: { content?: unknown } } | undefined)?.title?.content ?? '');
  onCut?.({ before, after: measureCard(out), title });
  return out;
}
