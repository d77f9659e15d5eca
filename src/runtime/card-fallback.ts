// A card Feishu refused for good (feishu/errors.ts: card_rejected) is answered once in plain text to the
// same person or chat: what it was about and what to send to get it again. The text is keyed by the
// card's key, so however often the card is tried, the text is stored (and sent) once.
import { cardFallbackText } from '../cards/fallback-text.ts';
import type { ReceiveIdType } from '../ports/feishu.ts';
import { feishuUuid, type OutboundItem, type OutboxRepo, type OutboxRow } from './outbox-store.ts';

type Address = { receiveIdType: ReceiveIdType; receiveId: string; lane: string };

/** Where the card was going: a send's own address, or (a patch) the lane or the card it updates. */
async function addressOf(repo: Pick<OutboxRepo, 'findByKey'>, row: OutboxRow): Promise<Address | null> {
  if (row.receiveIdType && row.receiveId) return { receiveIdType: row.receiveIdType as ReceiveIdType, receiveId: row.receiveId, lane: row.lane };
  const lane = /^(user|chat):(.+)$/.exec(row.lane);
  if (lane) return { receiveIdType: lane[1] === 'user' ? 'open_id' : 'chat_id', receiveId: lane[2]!, lane: row.lane };
  const sent = row.targetKey ? await repo.findByKey(row.targetKey) : null;
  return sent?.receiveIdType && sent.receiveId ? { receiveIdType: sent.receiveIdType as ReceiveIdType, receiveId: sent.receiveId, lane: sent.lane } : null;
}

export async function answerRejectedCard(repo: Pick<OutboxRepo, 'findByKey' | 'enqueue'>, row: OutboxRow, now: Date): Promise<boolean> {
  if ((row.kind !== 'patch' && row.msgType !== 'interactive') || !row.content) return false;
  let card: unknown = null;
  try {
    card = JSON.parse(row.content);
  } catch {
    // Not JSON at all: the text still says a card could not be shown.
  }
  const base = { idempotencyKey: `fallback:${feishuUuid(row.idempotencyKey)}`, msgType: 'text', content: JSON.stringify({ text: cardFallbackText(card) }) };
  const item: OutboundItem | null =
    row.kind === 'reply' && row.targetId ? { ...base, kind: 'reply', lane: row.lane, targetId: row.targetId } : await addressOf(repo, row).then((a) => (a ? { ...base, kind: 'send', ...a } : null));
  return item ? (await repo.enqueue([item], now)).length > 0 : false;
}
