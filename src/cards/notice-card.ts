// A message card: a coloured header, a markdown body, optional buttons; for a list, the page it shows
// (「第 2/8 页，共 150 个」 and 上一页 / 下一页) and the line saying what to send to get it again.
import type { ListId } from './actions.ts';
import { pagerRow, pageText, resendLine, type Page } from './paging.ts';
import { buttonRow } from './parts.ts';
import { renderCard, type CardJson } from './render.ts';

export type NoticeColor = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'turquoise' | 'indigo';

/** The page a list card shows; `at`: when it is drawn (see the page value in actions.ts). */
export type NoticePaging = { page: Page<unknown>; list: ListId; noun: string; at: Date; year?: number | undefined };

export function noticeCard(p: {
  title: string;
  body: string;
  color?: NoticeColor;
  buttons?: Record<string, unknown>[];
  footer?: string;
  paging?: NoticePaging;
  /** What to send to get this card again (its last line). */
  resend?: string;
}): CardJson {
  return renderCard('notice', {
    title: p.title,
    color: p.color ?? 'blue',
    pageLine: p.paging && p.paging.page.pages > 1 ? pageText(p.paging.page, p.paging.noun) : '',
    body: p.body,
    pager: (p.paging && pagerRow(p.paging.page, p.paging.list, p.paging.at, p.paging.year)) ?? '',
    actions: p.buttons?.length ? buttonRow(p.buttons) : [],
    footer: p.footer ?? '',
    resend: p.resend ? resendLine(p.resend) : '',
  });
}
