import type { ReminderLog } from '../ports/review.ts';
import type { Db } from './prisma.ts';

export function createReminderLog(db: Db): ReminderLog {
  return {
    async claim(p) {
      // Raw and conflict-tolerant: thousands of reminders in one run (see queue-sql.ts on raw statements).
      const rows = await db.$queryRaw<{ key: string }[]>`
        INSERT INTO "ReminderLog" ("key", "recipient", "slots", "items", "createdAt")
        VALUES (${p.key}, ${p.recipient}, ${JSON.stringify(p.slots)}, ${JSON.stringify(p.items)}, ${p.at})
        ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
      return rows.length === 1;
    },
    async processed(slotIds) {
      if (!slotIds.length) return new Set();
      const rows = await db.reminderLog.findMany({ where: { key: { in: slotIds.map((id) => `slot:${id}`) } }, select: { key: true } });
      return new Set(rows.map((r) => r.key.slice(5)));
    },
  };
}
