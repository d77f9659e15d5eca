// Card clicks: the button value is checked against the union of values this bot issues; each kind of
// value has one handler, which answers inside the callback ({toast, card}) and may queue follow-ups.
import { buttonValueSchema, type ButtonValue } from '../cards/actions.ts';
import { fitCard } from '../cards/limits.ts';
import type { Logger } from '../logger.ts';
import type { Person } from '../domain/people.ts';
import type { CardAction, CardResponse } from '../inbound.ts';
import type { UserRepo } from '../ports/people.ts';
import { T } from './texts.ts';

export type CardActionContext<V extends ButtonValue = ButtonValue> = {
  action: CardAction;
  value: V;
  person: Person | null;
  now: Date;
  log: Logger;
};

export type CardActionHandlers = {
  [K in ButtonValue['a']]: (ctx: CardActionContext<Extract<ButtonValue, { a: K }>>) => Promise<CardResponse>;
};

export function createCardActionHandler(deps: { users: UserRepo; handlers: CardActionHandlers; now: () => Date }) {
  return async function handleCard(action: CardAction, log: Logger): Promise<CardResponse> {
    const parsed = buttonValueSchema.safeParse(action.value);
    if (!parsed.success) {
      log.warn({ value: typeof action.value }, 'card click with a value this bot never issued');
      return { toast: { type: 'error', content: T.staleButton } };
    }
    const value = parsed.data;
    const person = await deps.users.find(action.openId);
    const handler = deps.handlers[value.a] as (ctx: CardActionContext) => Promise<CardResponse>;
    const r = await handler({ action, value, person, now: deps.now(), log });
    // The card shown in place obeys the same limits as a sent one (a refused answer shows an error, 200673).
    return r.card ? { ...r, card: fitCard(r.card, (cut) => log.error(cut, 'card over Feishu limits cut in a callback answer')) } : r;
  };
}
