// Lists the bot sends page: a page of items, "第 2/8 页，共 150 个计划", 上一页 / 下一页 buttons whose value
// names the list and the page (the click handler rebuilds that page for whoever clicks, and answers with
// it in place), and a last line saying what to send to get the list again. Page sizes are chosen per list
// so that a page of the heaviest items stays well inside Feishu's limits (limits.ts).
import { button, type ButtonValue, type ListId } from './actions.ts';
import { RESEND_ID } from './limits.ts';
import { buttonRow } from './parts.ts';

export type Page<T> = { items: T[]; page: number; pages: number; total: number };

/** Page `page` (1-based) of `all`; a page past the end (the list shrank since) is the last one. */
export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { items: all.slice((p - 1) * size, p * size), page: p, pages, total: all.length };
}

/**
 * Page `page` of `all` where items differ in size (a plan with 50 classes): a page holds at most `max`
 * items and at most `budget` weight; an item heavier than the budget has a page of its own.
 */
export function weightedPageOf<T>(all: readonly T[], page: number, o: { max: number; budget: number; weight: (t: T) => number }): Page<T> {
  const pages: T[][] = [];
  let current: T[] = [];
  let load = 0;
  for (const item of all) {
    const w = o.weight(item);
    if (current.length && (current.length >= o.max || load + w > o.budget)) {
      pages.push(current);
      current = [];
      load = 0;
    }
    current.push(item);
    load += w;
  }
  if (current.length || !pages.length) pages.push(current);
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages.length);
  return { items: pages[p - 1]!, page: p, pages: pages.length, total: all.length };
}

/** 「第 2/8 页，共 150 个计划」, or 「共 7 个计划」 when everything fits on one page. */
export function pageText(p: Page<unknown>, noun: string): string {
  return p.pages > 1 ? `第 ${p.page}/${p.pages} 页，共 ${p.total} ${noun}` : `共 ${p.total} ${noun}`;
}

export type PageValue = Extract<ButtonValue, { a: 'page' }>;

/** The value of a button that shows page `p` of a list, on a card drawn at `at`. */
export const pageValue = (list: ListId, p: number, at: Date, year?: number): PageValue => ({ a: 'page', list, p, ...(year !== undefined ? { year } : {}), t: at.getTime() });

/** 上一页 / 下一页, each only where there is such a page. */
export function pagerButtons(p: Page<unknown>, list: ListId, at: Date, year?: number): Record<string, unknown>[] {
  return [
    ...(p.page > 1 ? [button('上一页', pageValue(list, p.page - 1, at, year))] : []),
    ...(p.page < p.pages ? [button('下一页', pageValue(list, p.page + 1, at, year), 'primary')] : []),
  ];
}

/** The pager as one row of buttons (a column_set), or null on a single page. */
export function pagerRow(p: Page<unknown>, list: ListId, at: Date, year?: number): Record<string, unknown> | null {
  const buttons = pagerButtons(p, list, at, year);
  return buttons.length ? { tag: 'column_set', flex_mode: 'flow', horizontal_spacing: '8px', columns: buttonRow(buttons) } : null;
}

/**
 * The card's last line: where it stands and what to send to get it again. The text fallback for a card
 * Feishu refuses, and the notice of a card cut to fit, read the command from here (limits.ts).
 */
export function resendLine(command: string, lead = ''): Record<string, unknown> {
  return { tag: 'markdown', element_id: RESEND_ID, text_size: 'notation', content: `${lead ? `${lead}　` : ''}发送「${command}」可重新查看` };
}
