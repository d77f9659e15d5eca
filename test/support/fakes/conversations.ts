// The twin of db/conversation-repo.ts: where each person is in a guided conversation, written only at the
// version read.
import type { ConversationStore } from '../../../src/ports/conversations.ts';
import { copyDate, fromJson, toJson, type FakeDb } from './db.ts';

export function createFakeConversationStore(db: FakeDb): ConversationStore {
  return {
    async get<S>(openId: string) {
      const r = db.conversations.get(openId);
      return r ? { flow: r.flow, state: fromJson<S>(r.state), version: r.version, updatedAt: copyDate(r.updatedAt) } : null;
    },
    async save(openId, flow, state, expectedVersion, now) {
      const r = db.conversations.get(openId);
      if (expectedVersion === null) {
        if (r) return false; // someone started one first (the unique openId)
        db.conversations.set(openId, { openId, flow, state: toJson(state), version: 1, updatedAt: copyDate(now) });
        return true;
      }
      if (!r || r.version !== expectedVersion) return false;
      Object.assign(r, { flow, state: toJson(state), version: expectedVersion + 1, updatedAt: copyDate(now) });
      return true;
    },
    async end(openId, expectedVersion) {
      const r = db.conversations.get(openId);
      if (!r || r.version !== expectedVersion) return false;
      db.conversations.delete(openId);
      return true;
    },
  };
}
