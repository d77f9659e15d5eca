// Card clicks: the button's value names its route (`a`); the route's own schema checks the value (a value
// no route accepts was never issued by this bot), its audience is checked here, once, with one refusal per
// audience, and its handler answers inside the callback ({toast, card}) and may queue follow-ups.
import { pageValueSchema } from '../cards/actions.ts';
import { fitCard } from '../cards/limits.ts';
import type { ListId } from '../cards/actions.ts';
import { may, type Audience } from '../domain/people.ts';
import type { CardAction, CardResponse } from '../inbound.ts';
import type { Logger } from '../logger.ts';
import type { Ports } from '../ports/index.ts';
import type { AnyCardRoute, CardContext, PageRoute } from './manifest.ts';
import { clickReply } from './reply.ts';
import { T } from './texts.ts';

export type CardDeps = Pick<Ports, 'people' | 'messenger' | 'clock'> & {
  routes: Readonly<Record<string, AnyCardRoute>>;
  pages: Readonly<Partial<Record<ListId, PageRoute>>>;
};

/** The answer to someone outside a route's audience: the same words wherever they clicked. */
export function refusal(audience: Audience): CardResponse {
  return { toast: { type: 'error', content: T.refusals[audience as Exclude<Audience, 'anyone'>] } };
}

const STALE: CardResponse = { toast: { type: 'error', content: T.staleButton } };

export function createCardActionHandler(deps: CardDeps) {
  const kindOf = (v: unknown) => (v && typeof v === 'object' && typeof (v as { a?: unknown }).a === 'string' ? (v as { a: string }).a : null);

  async function dispatch(action: CardAction, log: Logger): Promise<CardResponse> {
    const kind = kindOf(action.value);
    const isPage = kind === 'page';
    const schema = isPage ? pageValueSchema : kind && Object.hasOwn(deps.routes, kind) ? deps.routes[kind]!.value : null;
    const parsed = schema?.safeParse(action.value);
    const route = !parsed?.success ? null : isPage ? deps.pages[(parsed.data as { list: ListId }).list] : deps.routes[kind!];
    if (!route || !parsed?.success) {
      log.warn({ value: typeof action.value, kind }, 'card click with a value this bot never issued');
      return STALE;
    }
    const person = await deps.people.find(action.openId);
    if (!may(person, route.audience)) {
      log.info({ kind, audience: route.audience }, 'card click refused: audience');
      return refusal(route.audience);
    }
    const ctx: CardContext<unknown> = { action, value: parsed.data, person, now: deps.clock.now(), log, reply: clickReply(deps.messenger, action) };
    return (route.run as (c: CardContext<unknown>) => Promise<CardResponse>)(ctx);
  }

  return async function handleCard(action: CardAction, log: Logger): Promise<CardResponse> {
    const r = await dispatch(action, log);
    // The card shown in place obeys the same limits as a sent one (a refused answer shows an error, 200673).
    return r.card ? { ...r, card: fitCard(r.card, (cut) => log.error(cut, 'card over Feishu limits cut in a callback answer')) } : r;
  };
}
