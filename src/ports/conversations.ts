// Where each person is in a guided conversation. Writes are conditional on the stored version, so two
// quick messages (or a message and a click) can never both move the same conversation.
export type StoredConversation<S> = { flow: string; state: S; version: number; updatedAt: Date };

export interface ConversationStore {
  get<S>(openId: string): Promise<StoredConversation<S> | null>;
  /** Creates (expectedVersion null) or replaces the conversation; false when someone else wrote first. */
  save<S>(openId: string, flow: string, state: S, expectedVersion: number | null, now: Date): Promise<boolean>;
  /** Ends the conversation (only if still at that version). */
  end(openId: string, expectedVersion: number): Promise<boolean>;
}
