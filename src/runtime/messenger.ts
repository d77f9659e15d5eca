// The producer side of the outbox: what services call to say something. Nothing here talks to Feishu;
// it stores the message under its key and wakes the delivery worker. Every card is fitted to Feishu's
// limits on the way in (cards/limits.ts): one over them is cut visibly and logged, never stored as is.
import { fitCard } from '../cards/limits.ts';
import type { Clock } from '../clock.ts';
import { createLogger, type Logger } from '../logger.ts';
import type { LaneRow } from './lane-worker.ts';
import { laneOfRecipient, type Card, type Messenger, type Recipient } from '../ports/messenger.ts';
import type { OutboundItem, OutboxRepo } from './outbox-store.ts';

function address(to: Recipient) {
  return 'openId' in to
    ? { receiveIdType: 'open_id' as const, receiveId: to.openId }
    : { receiveIdType: 'chat_id' as const, receiveId: to.chatId };
}

const textContent = (text: string) => JSON.stringify({ text });

/** `onQueued` is told of each message stored, so the sender can take it at once. */
export function createMessenger(repo: OutboxRepo, clock: Clock, onQueued: (row: LaneRow) => void, logger: Logger = createLogger('error')): Messenger {
  const cardContent = (card: Card) =>
    JSON.stringify(fitCard(card, (r) => logger.error(r, 'card over Feishu limits cut before sending')));
  const put = async (item: OutboundItem) => {
    if (item.idempotencyKey.length > 191) throw new Error(`outbox key too long: ${item.idempotencyKey.slice(0, 40)}…`);
    const [queued] = await repo.enqueue([item], clock.now());
    if (queued) onQueued(queued);
    return queued !== undefined;
  };
  const send = (to: Recipient, msgType: string, content: string, key: string) =>
    put({ idempotencyKey: key, kind: 'send', lane: laneOfRecipient(to), ...address(to), msgType, content });
  const reply = (messageId: string, lane: string, msgType: string, content: string, key: string) =>
    put({ idempotencyKey: key, kind: 'reply', lane, targetId: messageId, msgType, content });

  return {
    sendText: (to, text, key) => send(to, 'text', textContent(text), key),
    sendCard: (to, card, key) => send(to, 'interactive', cardContent(card), key),
    replyText: (messageId, lane, text, key) => reply(messageId, lane, 'text', textContent(text), key),
    replyCard: (messageId, lane, card, key) => reply(messageId, lane, 'interactive', cardContent(card), key),
    patchCard: (target, lane, card, key) =>
      put({
        idempotencyKey: key,
        kind: 'patch',
        lane,
        ...('messageId' in target ? { targetId: target.messageId } : { targetKey: target.sentKey }),
        content: cardContent(card),
      }),
    sendFile: (to, fileName, data, key) =>
      put({ idempotencyKey: key, kind: 'file', lane: laneOfRecipient(to), ...address(to), fileName, fileData: data }),
  };
}
