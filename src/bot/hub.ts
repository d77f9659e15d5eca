// A small typed event hub: how one feature hears of another's doing without importing it. Handlers run in
// the order they subscribed, awaited, inside the event being handled (so what they send is keyed on it, and
// a failure makes the whole event retried, idempotently).
import type { Logger } from '../logger.ts';
import type { PlanRecord } from '../ports/plans.ts';

export type HubEvents = {
  /** A plan reached the reviewers (by chat, card, form or spreadsheet). */
  'plan.submitted': { plan: PlanRecord; unitName: string; log: Logger };
};

type Handler<K extends keyof HubEvents> = (e: HubEvents[K]) => Promise<void>;

export type Hub = {
  on<K extends keyof HubEvents>(event: K, handler: Handler<K>): void;
  emit<K extends keyof HubEvents>(event: K, payload: HubEvents[K]): Promise<void>;
};

export function createHub(): Hub {
  const handlers = new Map<keyof HubEvents, Handler<keyof HubEvents>[]>();
  return {
    on(event, handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler as Handler<keyof HubEvents>]);
    },
    async emit(event, payload) {
      for (const h of handlers.get(event) ?? []) await h(payload);
    },
  };
}
