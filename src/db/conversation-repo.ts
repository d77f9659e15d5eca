import type { ConversationStore } from '../ports/conversations.ts';
import { isUniqueViolation, type Db } from './prisma.ts';

export function createConversationStore(db: Db): ConversationStore {
  return {
    async get<S>(openId: string) {
      const r = await db.conversation.findUnique({ where: { openId } });
      return r ? { flow: r.flow, state: JSON.parse(r.state) as S, version: r.version, updatedAt: r.updatedAt } : null;
    },
    async save(openId, flow, state, expectedVersion, now) {
      const json = JSON.stringify(state);
      if (expectedVersion === null) {
        try {
          await db.conversation.create({ data: { openId, flow, state: json, updatedAt: now } });
          return true;
        } catch (err) {
          if (isUniqueViolation(err)) return false;
          throw err;
        }
      }
      const { count } = await db.conversation.updateMany({
        where: { openId, version: expectedVersion },
        data: { flow, state: json, version: expectedVersion + 1, updatedAt: now },
      });
      return count === 1;
    },
    async end(openId, expectedVersion) {
      const { count } = await db.conversation.deleteMany({ where: { openId, version: expectedVersion } });
      return count === 1;
    },
  };
}
