// What features call to say something. Each call stores one message under `key` in the outbox (runtime/)
// and resolves to false when that key was already stored: re-processing an event never sends twice.
export type Card = Record<string, unknown>;

/** Who receives a message: a person (1:1 chat) or a group chat. */
export type Recipient = { openId: string } | { chatId: string };

export interface Messenger {
  sendText(to: Recipient, text: string, key: string): Promise<boolean>;
  sendCard(to: Recipient, card: Card, key: string): Promise<boolean>;
  replyText(messageId: string, lane: string, text: string, key: string): Promise<boolean>;
  replyCard(messageId: string, lane: string, card: Card, key: string): Promise<boolean>;
  /** Update a card already sent: by its message id, or by the key it was sent under. */
  patchCard(target: { messageId: string } | { sentKey: string }, lane: string, card: Card, key: string): Promise<boolean>;
  sendFile(to: Recipient, fileName: string, data: Uint8Array<ArrayBuffer>, key: string): Promise<boolean>;
}

/** The open_id or chat_id a message goes to. */
export function recipientId(to: Recipient): string {
  return 'openId' in to ? to.openId : to.chatId;
}

/** Messages to one recipient are delivered in order: their lane. */
export function laneOfRecipient(to: Recipient): string {
  return 'openId' in to ? `user:${to.openId}` : `chat:${to.chatId}`;
}
