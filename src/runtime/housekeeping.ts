// Keeps the queues small: dedup keys are kept 7 days (Feishu re-delivers for ~7 h), sent messages 30 days.
import type { InboxRepo } from './inbox.ts';
import type { OutboxRepo } from './outbox-store.ts';

export const INBOX_RETENTION_MS = 7 * 24 * 3600_000;
export const OUTBOX_RETENTION_MS = 30 * 24 * 3600_000;

export async function purgeOldRows(deps: { inbox: InboxRepo; outbox: OutboxRepo }, now: Date) {
  const inbox = await deps.inbox.purgeFinishedBefore(new Date(now.getTime() - INBOX_RETENTION_MS));
  const outbox = await deps.outbox.purgeSentBefore(new Date(now.getTime() - OUTBOX_RETENTION_MS));
  return { inbox, outbox };
}
