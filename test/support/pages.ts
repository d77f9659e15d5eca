// Paging through a list card as a person would, through the real card callback: every page is linted,
// measured against Feishu's limits (and against the headroom the builders aim for), numbered
// 「第 k/N 页，共 T …」, and 上一页 from the last page brings back the page before it.
import type { Harness } from './harness.ts';
import type { World } from './converse.ts';
import { expect } from 'vitest';
import { countElements, requestBytes } from '../../src/cards/limits.ts';
import { assertValidCard } from './card-lint.ts';
import { valueIn } from './execution.ts';
import { cardText, transcript } from './transcript.ts';

/** What "well inside" Feishu's 30 KB and 200 elements means for a page here. */
export const HEADROOM = { bytes: 24 * 1024, elements: 160 } as const;

/** bytes: the request that carries the card (what the limit is about); json: the card's own JSON (what card-lint measures). */
export type PageSize = { bytes: number; json: number; elements: number };
export const sizeOf = (card: unknown): PageSize => ({ bytes: requestBytes(card), json: Buffer.byteLength(JSON.stringify(card)), elements: countElements(card) });

/** The biggest page of each list, printed at the end of a test file (for the record, not asserted here). */
export const measured = new Map<string, PageSize & { pages: number }>();
export function record(label: string, sizes: PageSize[]) {
  const max = (k: keyof PageSize) => Math.max(...sizes.map((s) => s[k]));
  measured.set(label, { bytes: max('bytes'), json: max('json'), elements: max('elements'), pages: sizes.length });
}
export function printMeasured() {
  console.log(['list\tpages\tbiggest page: request bytes\tcard JSON bytes\telements', ...[...measured].map(([k, v]) => `${k}\t${v.pages}\t${v.bytes}\t${v.json}\t${v.elements}`)].join('\n'));
}

export function pageNumbers(card: unknown): { page: number; pages: number; total: number } | null {
  const m = /第 (\d+)\/(\d+) 页，共 (\d+) /.exec(cardText(card));
  return m ? { page: Number(m[1]), pages: Number(m[2]), total: Number(m[3]) } : null;
}

function assertWithin(card: unknown, label: string): PageSize {
  assertValidCard(card, label);
  const s = sizeOf(card);
  expect(s.bytes, `${label}: bytes`).toBeLessThanOrEqual(HEADROOM.bytes);
  expect(s.elements, `${label}: elements`).toBeLessThanOrEqual(HEADROOM.elements);
  return s;
}

/** Whoever clicks the pager: a transcript through the webhook, or a person of a converse() world. */
export type Pager = { clickValue(messageId: string, value: unknown): Promise<{ card?: unknown }> };

/**
 * Pages forward from `first` (a card the bot sent, with message id) to the last page with 下一页, then one
 * step back with 上一页. Returns every page's card, in order.
 */
export async function walkPages(t: Pager, first: { messageId: string; content: unknown }, label: string, expected: { pages: number; total: number }): Promise<unknown[]> {
  const cards: unknown[] = [first.content];
  const sizes = [assertWithin(first.content, `${label} page 1`)];
  expect(pageNumbers(first.content), `${label}: page 1 says where it is`).toEqual({ page: 1, ...expected });
  for (let k = 2; k <= expected.pages; k++) {
    const r = await t.clickValue(first.messageId, valueIn(cards.at(-1), 'page', { p: k }));
    expect(r.card, `${label}: page ${k} shown in place`).toBeDefined();
    expect(pageNumbers(r.card), `${label}: page ${k}`).toEqual({ page: k, ...expected });
    sizes.push(assertWithin(r.card, `${label} page ${k}`));
    cards.push(r.card);
  }
  const last = cards.at(-1);
  expect(cardText(last), `${label}: no 下一页 on the last page`).not.toContain('[下一页]');
  const back = await t.clickValue(first.messageId, valueIn(last, 'page', { p: expected.pages - 1 }));
  expect(cardText(back.card), `${label}: 上一页 from the last page`).toEqual(cardText(cards.at(-2)));
  // Drawn again, not the earlier drawing of that page answered from the click's dedup record.
  expect(valueIn(back.card, 'page').t, `${label}: page drawn anew`).not.toEqual(valueIn(cards.at(-2), 'page').t);
  record(label, sizes);
  return cards;
}

/** Says `text` and returns the cards the bot answered with (the last one as `card`). */
export async function cardFor(h: Harness, openId: string, text: string) {
  const t = transcript(h, openId);
  const before = h.stub.messagesTo(openId).length;
  await t.say(text);
  const cards = h.stub.messagesTo(openId).slice(before).filter((m) => m.msgType === 'interactive');
  return { t, card: cards.at(-1)!, cards };
}

/** cardFor in a converse() world (no webhook): the cards the bot answered `text` with. */
export async function cardIn(w: World, openId: string, text: string) {
  const t = w.as(openId);
  const before = w.messenger.to(openId).length;
  await t.say(text);
  const cards = w.messenger.to(openId).slice(before).filter((m) => m.msgType === 'interactive');
  return { t, card: cards.at(-1)!, cards };
}
