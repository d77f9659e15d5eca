// The leases of scheduled jobs (jobs/scheduler.ts JobLeases): one row per (job, slot), inserted by the one
// instance that runs it. A unique key settles the race on both SQLite and PostgreSQL.
import type { Db } from './prisma.ts';

/** Rows older than this are of no use (a slot is only ever contended when it fires). */
const KEEP_MS = 30 * 24 * 3600_000;

export function createJobLeases(db: Db, instance: string): { take(job: string, slot: Date): Promise<boolean> } {
  let lastPrune = 0;
  return {
    async take(job, slot) {
      const rows = await db.$queryRaw<{ job: string }[]>`
        INSERT INTO "JobLease" ("job", "slot", "instance", "takenAt")
        VALUES (${job}, ${slot}, ${instance}, ${new Date()})
        ON CONFLICT ("job", "slot") DO NOTHING RETURNING "job"`;
      if (Date.now() - lastPrune > 3600_000) {
        lastPrune = Date.now();
        // Housekeeping only: a failure here must not undo the lease just taken. Counted from the slot, so it
        // never removes the lease of a slot still being fired (which would let a late instance run it again).
        await db.jobLease.deleteMany({ where: { slot: { lt: new Date(slot.getTime() - KEEP_MS) } } }).catch(() => undefined);
      }
      return rows.length === 1;
    },
  };
}
