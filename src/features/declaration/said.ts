// What the feature says back, as data: the replies build these, and `send` says them in order.
import type { Reply } from '../../bot/reply.ts';
import type { CardJson } from '../../cards/render.ts';

export type Said = { text: string } | { card: CardJson };

export async function send(reply: Reply, said: readonly Said[]): Promise<void> {
  for (const s of said) {
    if ('text' in s) await reply.text(s.text);
    else await reply.card(s.card);
  }
}
