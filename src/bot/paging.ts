// 上一页 / 下一页 on any list: the value names the list and the page; each list has one handler that checks
// who may see it (as for the first page) and answers with that page in place of the card.
import type { ListId } from '../cards/actions.ts';
import type { PageValue } from '../cards/paging.ts';
import type { CardActionContext, CardActionHandlers } from './card-actions.ts';
import type { CardResponse } from '../inbound.ts';

export type PageHandler = (ctx: CardActionContext<PageValue>) => Promise<CardResponse>;
export type PageHandlers = Record<ListId, PageHandler>;

export function pageHandler(handlers: PageHandlers): CardActionHandlers['page'] {
  return (ctx) => handlers[ctx.value.list](ctx);
}
